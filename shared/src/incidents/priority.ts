import { workingDaysAdd } from '../time/working-days.js';

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

/**
 * Returns the instant (ms) at which `d` has run from `startMs`.
 * Edge: working days end at local midnight after the n-th working day, so a P3 reported on Friday 15:00 with
 * 3 working days is due Thursday 00:00 Amsterdam time; minutes run straight through nights and weekends.
 */
export function snoDurationEnd(startMs: number, d: SnoDuration): number {
  return d.unit === 'minutes' ? startMs + d.amount * 60_000 : workingDaysAdd(startMs, d.amount);
}

/**
 * Returns when the response and the resolution of an incident reported at `reportedAtMs` are due.
 * Edge: a priority missing from `settings` falls back to its default.
 */
export function priorityDeadlines(
  priority: Priority,
  reportedAtMs: number,
  settings: readonly PrioritySetting[] = DEFAULT_PRIORITY_SETTINGS,
): { responseDueAt: number; resolutionDueAt: number } {
  const s = settings.find((x) => x.priority === priority) ?? DEFAULT_PRIORITY_SETTINGS.find((x) => x.priority === priority)!;
  return { responseDueAt: snoDurationEnd(reportedAtMs, s.response), resolutionDueAt: snoDurationEnd(reportedAtMs, s.resolution) };
}

/** Dutch text for a duration, for screens and mail: "15 minuten", "4 uur", "3 werkdagen". */
export function snoDurationText(d: SnoDuration): string {
  if (d.unit === 'working-days') return d.amount === 1 ? '1 werkdag' : `${d.amount} werkdagen`;
  if (d.amount % 60 === 0) return `${d.amount / 60} uur`;
  return d.amount === 1 ? '1 minuut' : `${d.amount} minuten`;
}
