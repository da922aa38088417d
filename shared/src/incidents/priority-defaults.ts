/*
 * The priorities and the SNO times they start with. Without imports, so `@cd/shared/constants` gives them to the
 * web without the working-day calendar; tests/constants-in-sql.test.ts holds the rows of the migrations to them.
 */

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** A time allowed by the SNO: clock minutes (round the clock) or Dutch working days. */
export interface SnoDuration {
  readonly amount: number;
  readonly unit: 'minutes' | 'working-days';
}

export interface PrioritySetting {
  readonly priority: Priority;
  readonly response: SnoDuration;
  readonly resolution: SnoDuration;
}

/**
 * The product's defaults until the SNO in force says otherwise (table incident_priority_settings holds the
 * values in use; PUT /incident-priorities changes them). P1 and P2 run round the clock, P3 and P4 in working days.
 */
export const DEFAULT_PRIORITY_SETTINGS: readonly PrioritySetting[] = [
  { priority: 'P1', response: { amount: 15, unit: 'minutes' }, resolution: { amount: 240, unit: 'minutes' } },
  { priority: 'P2', response: { amount: 60, unit: 'minutes' }, resolution: { amount: 480, unit: 'minutes' } },
  { priority: 'P3', response: { amount: 240, unit: 'minutes' }, resolution: { amount: 3, unit: 'working-days' } },
  { priority: 'P4', response: { amount: 1, unit: 'working-days' }, resolution: { amount: 10, unit: 'working-days' } },
];
