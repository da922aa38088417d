import { workingDaysBetween } from '../time/working-days.js';
import type { SnoDuration } from './priority-defaults.js';

export interface SnoClockInput {
  /** When the resolution is due: by the SNO for the priority, or the deviating time agreed for this incident. */
  readonly resolutionDueAt: number;
  /** When the clock stopped (a solution, or the afmelding); null while it runs. */
  readonly stoppedAt: number | null;
  /** How the SNO counts this priority's resolution time: round the clock, or in Dutch working days. */
  readonly unit: SnoDuration['unit'];
}

export type SnoClockState = 'loopt' | 'overschreden' | 'gehaald' | 'niet-gehaald';

export interface SnoClock {
  readonly state: SnoClockState;
  /** While running: ms left (> 0); once exceeded: ms past the deadline (>= 0); when stopped: 0 or the ms it was late. */
  readonly ms: number;
  /** For a working-day priority that still runs: the whole working days left after today; otherwise null. */
  readonly workingDaysLeft: number | null;
}

/**
 * Returns the SNO clock of an incident at `nowMs`: running with the time left, or exceeded, or stopped (met or not).
 * Edge: at exactly the deadline a running clock is exceeded (as the calamity rule counts 100%); a clock stopped at
 * exactly the deadline is met; a working-day clock that runs counts the working days after today
 * (workingDaysBetween), so a P3 due at Thursday 00:00 read on Monday has 2 left (Tuesday and Wednesday).
 */
export function snoClock(i: SnoClockInput, nowMs: number): SnoClock {
  if (i.stoppedAt !== null) {
    const late = i.stoppedAt - i.resolutionDueAt;
    return late > 0 ? { state: 'niet-gehaald', ms: late, workingDaysLeft: null } : { state: 'gehaald', ms: 0, workingDaysLeft: null };
  }
  const left = i.resolutionDueAt - nowMs;
  if (left <= 0) return { state: 'overschreden', ms: nowMs - i.resolutionDueAt, workingDaysLeft: null };
  return { state: 'loopt', ms: left, workingDaysLeft: i.unit === 'working-days' ? workingDaysBetween(nowMs, i.resolutionDueAt) : null };
}
