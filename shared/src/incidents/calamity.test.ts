import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calamityCheck, type CalamityInput } from './calamity.js';

const H = 3_600_000;
const p1 = (over: Partial<CalamityInput> = {}): CalamityInput => ({
  priority: 'P1',
  reportedAt: 0,
  resolutionDueAt: 4 * H,
  resolvedAt: null,
  calamityAt: null,
  ...over,
});

describe('calamityCheck', () => {
  it('proposes at a configured threshold instead of 75%, and exactly at it', () => {
    expect(calamityCheck(p1(), 2 * H - 1, 0.5).proposed).toBe(false);
    expect(calamityCheck(p1(), 2 * H, 0.5)).toEqual({ proposed: true, reason: 'p1-dreigt', usedFraction: 0.5 });
    expect(calamityCheck(p1(), 3 * H, 0.9).proposed).toBe(false);
    expect(calamityCheck(p1(), 4 * H, 1)).toMatchObject({ proposed: true, reason: 'p1-overschreden' });
  });
  it('proposes nothing before 75% of the resolution time of a P1', () => {
    expect(calamityCheck(p1(), 3 * H - 1)).toEqual({ proposed: false, usedFraction: (3 * H - 1) / (4 * H) });
  });
  it('proposes a threatening calamity at exactly 75%', () => {
    expect(calamityCheck(p1(), 3 * H)).toEqual({ proposed: true, reason: 'p1-dreigt', usedFraction: 0.75 });
  });
  it('calls it exceeded at exactly 100% and after', () => {
    expect(calamityCheck(p1(), 4 * H)).toMatchObject({ proposed: true, reason: 'p1-overschreden' });
    expect(calamityCheck(p1(), 9 * H)).toMatchObject({ proposed: true, reason: 'p1-overschreden', usedFraction: 2.25 });
  });
  it('never proposes for a resolved incident, a P2, or one already a calamity', () => {
    expect(calamityCheck(p1({ resolvedAt: H }), 9 * H).proposed).toBe(false);
    expect(calamityCheck(p1({ priority: 'P2' }), 9 * H).proposed).toBe(false);
    expect(calamityCheck(p1({ calamityAt: H }), 9 * H).proposed).toBe(false);
  });
  it('treats a zero resolution time as used up at once', () => {
    expect(calamityCheck(p1({ resolutionDueAt: 0 }), 0)).toMatchObject({ proposed: true, reason: 'p1-overschreden', usedFraction: 1 });
  });
  it('proposes exactly when an open P1 has used at least 75% (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * H }), fc.integer({ min: 0, max: 30 * H }), (allowed, elapsed) => {
        const r = calamityCheck(p1({ resolutionDueAt: allowed }), elapsed);
        expect(r.proposed).toBe(elapsed / allowed >= 0.75);
        if (r.proposed) expect(r.reason).toBe(elapsed >= allowed ? 'p1-overschreden' : 'p1-dreigt');
      }),
    );
  });
});
