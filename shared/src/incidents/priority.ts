import { workingDaysAdd } from '../time/working-days.js';

import { DEFAULT_PRIORITY_SETTINGS, type Priority, type SnoDuration, type PrioritySetting } from './priority-defaults.js';

export { DEFAULT_PRIORITY_SETTINGS, PRIORITIES, type Priority, type PrioritySetting, type SnoDuration } from './priority-defaults.js';

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
