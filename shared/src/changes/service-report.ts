/**
 * Figures for the Service rapportage (DAP section 8), computed from stored facts: load per bucket,
 * the conflict procedure's event trail. Pure; the server gathers the inputs.
 */

import { amsterdamDayIso, amsterdamDayNumber } from '../time/local-time.js';
import type { ProcedureStep } from '../procedure/types.js';
import type { LoadStateName } from '../planning/levels.js';

export interface ReportDay {
  /** Amsterdam date, yyyy-mm-dd. */
  readonly date: string;
  readonly peakUtilization: number | null;
  readonly warningBuckets: number;
  readonly overloadBuckets: number;
}

/**
 * Returns per Amsterdam day the highest utilization and the number of warning and overload buckets.
 * Edge: a bucket without capacity (utilization null) counts for its state but not for the peak.
 */
export function reportDays(starts: readonly number[], utilization: readonly (number | null)[], states: readonly LoadStateName[]): ReportDay[] {
  const days = new Map<number, { peak: number | null; warning: number; overload: number }>();
  starts.forEach((start, i) => {
    const key = amsterdamDayNumber(start);
    const day = days.get(key) ?? { peak: null, warning: 0, overload: 0 };
    const u = utilization[i] ?? null;
    if (u !== null && (day.peak === null || u > day.peak)) day.peak = u;
    if (states[i] === 'warning') day.warning++;
    if (states[i] === 'overload') day.overload++;
    days.set(key, day);
  });
  return [...days.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([key, d]) => ({ date: amsterdamDayIso(key), peakUtilization: d.peak, warningBuckets: d.warning, overloadBuckets: d.overload }));
}

export interface StepEvent {
  readonly conflictId: number;
  readonly at: number;
  readonly toStep: string;
}

export interface StepDuration {
  readonly step: ProcedureStep;
  /** Conflicts that spent time in this step. */
  readonly conflicts: number;
  readonly totalMs: number;
  readonly averageMs: number;
  readonly maxMs: number;
}

/**
 * Returns the time conflicts spent in each open procedure step: from the event that entered the step to the
 * next event that changed the step, or to `until` while it is still there.
 * Edge: events that keep the step (a window move, an assessment) do not split the stay; 'resolved' is not a stay.
 */
export function procedureStepDurations(events: readonly StepEvent[], until: number, steps: readonly ProcedureStep[]): StepDuration[] {
  const stays = new Map<string, { conflicts: Set<number>; total: number; max: number }>();
  const byConflict = new Map<number, StepEvent[]>();
  for (const e of events) byConflict.set(e.conflictId, [...(byConflict.get(e.conflictId) ?? []), e]);
  for (const [conflictId, list] of byConflict) {
    list.sort((a, b) => a.at - b.at);
    const perStep = new Map<string, number>();
    let step: string | null = null;
    let since = 0;
    for (const e of [...list, { conflictId, at: until, toStep: '\u0000end' }]) {
      if (e.toStep === step) continue;
      if (step !== null && step !== 'resolved') perStep.set(step, (perStep.get(step) ?? 0) + Math.max(0, Math.min(e.at, until) - since));
      step = e.toStep;
      since = e.at;
    }
    for (const [s, ms] of perStep) {
      const agg = stays.get(s) ?? { conflicts: new Set<number>(), total: 0, max: 0 };
      agg.conflicts.add(conflictId);
      agg.total += ms;
      agg.max = Math.max(agg.max, ms);
      stays.set(s, agg);
    }
  }
  return steps
    .filter((s) => s !== 'resolved')
    .map((step) => {
      const agg = stays.get(step);
      const n = agg?.conflicts.size ?? 0;
      return { step, conflicts: n, totalMs: agg?.total ?? 0, averageMs: n > 0 ? agg!.total / n : 0, maxMs: agg?.max ?? 0 };
    });
}
