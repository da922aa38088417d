import { describe, expect, it } from 'vitest';
import { PROCEDURE_STEPS } from '../procedure/types.js';
import { procedureStepDurations, reportDays } from './service-report.js';

const H = 3_600_000;

describe('reportDays', () => {
  it('gives per Amsterdam day the peak utilization and the warning and overload buckets', () => {
    const starts = ['2027-02-01T22:45:00Z', '2027-02-01T23:00:00Z', '2027-02-02T09:00:00Z'].map(Date.parse);
    const days = reportDays(starts, [0.5, 1.2, null], ['ok', 'overload', 'warning']);
    expect(days).toEqual([
      { date: '2027-02-01', peakUtilization: 0.5, warningBuckets: 0, overloadBuckets: 0 },
      { date: '2027-02-02', peakUtilization: 1.2, warningBuckets: 1, overloadBuckets: 1 },
    ]);
  });
});

describe('procedureStepDurations', () => {
  const t0 = Date.parse('2027-02-01T09:00:00Z');

  it('measures each stay from entering a step to leaving it, ignoring events that keep the step', () => {
    const events = [
      { conflictId: 1, at: t0, toStep: 'planner-adjusts' },
      { conflictId: 1, at: t0 + 1 * H, toStep: 'planner-adjusts' },
      { conflictId: 1, at: t0 + 3 * H, toStep: 'logius-contacted' },
      { conflictId: 1, at: t0 + 4 * H, toStep: 'resolved' },
      { conflictId: 2, at: t0, toStep: 'planner-adjusts' },
    ];
    const d = procedureStepDurations(events, t0 + 10 * H, PROCEDURE_STEPS);
    const adjusts = d.find((s) => s.step === 'planner-adjusts')!;
    expect(adjusts).toMatchObject({ conflicts: 2, totalMs: 13 * H, maxMs: 10 * H, averageMs: 6.5 * H });
    expect(d.find((s) => s.step === 'logius-contacted')).toMatchObject({ conflicts: 1, totalMs: 1 * H });
    expect(d.find((s) => s.step === 'escalated')).toMatchObject({ conflicts: 0, averageMs: 0 });
    expect(d.some((s) => s.step === 'resolved')).toBe(false);
  });

  it('cuts a stay off at `until`', () => {
    const d = procedureStepDurations([{ conflictId: 1, at: t0, toStep: 'joint-assessment' }], t0 + 2 * H, PROCEDURE_STEPS);
    expect(d.find((s) => s.step === 'joint-assessment')!.totalMs).toBe(2 * H);
  });
});
