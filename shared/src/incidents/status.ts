import type { Priority } from './priority.js';

export const INCIDENT_STATUSES = ['gemeld', 'in-behandeling', 'opgelost', 'gesloten'] as const;

/** What is disrupted: MijnOverheid (section 5.3 steps 1-3) or a system of the Afnemer related to it (step 4). */
export const INCIDENT_KINDS = ['mijnoverheid', 'afnemer-systeem'] as const;
/** How a report came in (section 5.2: phone, e-mail or the Logius Serviceberichten App). */
export const INCIDENT_CHANNELS = ['telefoon', 'e-mail', 'app'] as const;
export type IncidentStatusName = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_STATUS_LABELS: Readonly<Record<IncidentStatusName, string>> = {
  gemeld: 'Gemeld',
  'in-behandeling': 'In behandeling',
  opgelost: 'Opgelost',
  gesloten: 'Gesloten (afgemeld)',
};

const NEXT: Readonly<Record<IncidentStatusName, readonly IncidentStatusName[]>> = {
  gemeld: ['in-behandeling', 'opgelost', 'gesloten'],
  'in-behandeling': ['opgelost', 'gesloten'],
  opgelost: ['in-behandeling', 'gesloten'],
  gesloten: [],
};

/**
 * Returns the statuses an incident may move to from `from`.
 * Edge: a solved incident may reopen (back to in-behandeling); a closed one (afgemeld, with its closing
 * report) never changes again; staying in the same status is no move.
 */
export function incidentStatusNext(from: IncidentStatusName): readonly IncidentStatusName[] {
  return NEXT[from];
}

/** Returns true when `from` may move to `to`. Edge: incidentStatusAllowed(s, s) is false. */
export function incidentStatusAllowed(from: IncidentStatusName, to: IncidentStatusName): boolean {
  return NEXT[from].includes(to);
}

/**
 * Returns true when either side may request a verstoringsanalyse (section 5.2): after a P1 or a calamity.
 * Edge: an incident that was P1 once and was lowered later still counts (`everP1`).
 */
export function analysisRequestAllowed(i: { priority: Priority; everP1: boolean; calamityAt: number | null }): boolean {
  return i.priority === 'P1' || i.everP1 || i.calamityAt !== null;
}
