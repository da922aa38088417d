import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adviceDraft, assessmentScore } from './advice.js';
import { DAY, NOW, OIN_A, OIN_B, OIN_C, aspectsUniform } from './procedure.fixtures.js';
import { ASSESSMENT_ASPECTS, ASSESSMENT_LEVELS, type AssessmentAspects, type ProcedureWindow } from './types.js';

/** Scores 3 + 2 + 2 + 2 = 9. */
const NINE: AssessmentAspects = {
  administratief: { urgency: 'hoog', impact: 'laag' },
  financieel: { urgency: 'middel', impact: 'laag' },
  juridisch: { urgency: 'laag', impact: 'middel' },
  imago: { urgency: 'middel', impact: 'laag' },
};
/** Scores 9 + 4 + 4 + 4 = 21. */
const TWENTY_ONE: AssessmentAspects = {
  administratief: { urgency: 'hoog', impact: 'hoog' },
  financieel: { urgency: 'middel', impact: 'middel' },
  juridisch: { urgency: 'middel', impact: 'middel' },
  imago: { urgency: 'middel', impact: 'middel' },
};

const windows: ProcedureWindow[] = [
  { id: 18, afnemer: OIN_A, deliveredAt: NOW - 3 * DAY },
  { id: 17, afnemer: OIN_A, deliveredAt: NOW - 5 * DAY },
  { id: 30, afnemer: OIN_B, deliveredAt: NOW - 4 * DAY },
  { id: 40, afnemer: OIN_C, deliveredAt: NOW - 1 * DAY },
];

describe('assessmentScore', () => {
  it('sums urgency × impact over the four aspects', () => {
    expect(assessmentScore({ aspects: NINE })).toBe(9);
    expect(assessmentScore({ aspects: TWENTY_ONE })).toBe(21);
  });

  it('ranges from 4 (all laag) to 36 (all hoog)', () => {
    expect(assessmentScore({ aspects: aspectsUniform('laag') })).toBe(4);
    expect(assessmentScore({ aspects: aspectsUniform('middel') })).toBe(16);
    expect(assessmentScore({ aspects: aspectsUniform('hoog') })).toBe(36);
  });
});

describe('adviceDraft', () => {
  it('moves every window of the Afnemer with the lowest combined urgency, and says why', () => {
    expect(adviceDraft({ [OIN_A]: { aspects: NINE }, [OIN_B]: { aspects: TWENTY_ONE } }, windows)).toEqual({
      moveWindowIds: [17, 18],
      moveAfnemers: [OIN_A],
      text: `Advies: Afnemer ${OIN_A} verplaatst venster(s) 17, 18 (gecombineerde urgentie 9 tegen 21 van Afnemer ${OIN_B}).`,
      drafted: true,
    });
  });

  it('names every other Afnemer and its score', () => {
    const advice = adviceDraft(
      { [OIN_A]: { aspects: TWENTY_ONE }, [OIN_B]: { aspects: aspectsUniform('hoog') }, [OIN_C]: { aspects: NINE } },
      windows,
    );
    expect(advice?.text).toBe(
      `Advies: Afnemer ${OIN_C} verplaatst venster(s) 40 ` +
        `(gecombineerde urgentie 9 tegen 21 van Afnemer ${OIN_A} en 36 van Afnemer ${OIN_B}).`,
    );
  });

  it('decides a tie against the Afnemer that delivered last', () => {
    // A's latest delivery is NOW - 3 days, B's NOW - 4 days: A delivered later and moves.
    const advice = adviceDraft({ [OIN_B]: { aspects: NINE }, [OIN_A]: { aspects: NINE } }, windows);
    expect(advice).toMatchObject({ moveAfnemers: [OIN_A], moveWindowIds: [17, 18] });
    expect(advice?.text).toContain('Bij gelijke urgentie verplaatst de Afnemer die het laatst aanleverde.');
  });

  it('decides a tie against the later delivery even when its OIN is higher', () => {
    const advice = adviceDraft({ [OIN_A]: { aspects: NINE }, [OIN_C]: { aspects: NINE } }, windows);
    expect(advice?.moveAfnemers).toEqual([OIN_C]);
  });

  it('lets the lowest OIN move when urgency and delivery tie too', () => {
    const same: ProcedureWindow[] = [
      { id: 2, afnemer: OIN_B, deliveredAt: NOW },
      { id: 1, afnemer: OIN_A, deliveredAt: NOW },
    ];
    const both = { [OIN_B]: { aspects: NINE }, [OIN_A]: { aspects: NINE } };
    expect(adviceDraft(both, same)).toMatchObject({ moveAfnemers: [OIN_A], moveWindowIds: [1] });
    expect(adviceDraft(both, [...same].reverse())).toEqual(adviceDraft(both, same));
    expect(adviceDraft(both, same)?.text).toContain('het laagste OIN');
  });

  it('ignores windows of Afnemers without an assessment', () => {
    expect(adviceDraft({ [OIN_B]: { aspects: NINE } }, windows)).toEqual({
      moveWindowIds: [30],
      moveAfnemers: [OIN_B],
      text: `Advies: Afnemer ${OIN_B} verplaatst venster(s) 30 (gecombineerde urgentie 9).`,
      drafted: true,
    });
  });

  it('advises an Afnemer without windows to move none', () => {
    const advice = adviceDraft({ [OIN_A]: { aspects: NINE } }, []);
    expect(advice).toMatchObject({ moveWindowIds: [], moveAfnemers: [OIN_A] });
  });

  it('returns null without assessments', () => {
    expect(adviceDraft({}, windows)).toBeNull();
  });

  it('always picks a lowest-scoring Afnemer, whatever the order of its input', () => {
    const level = fc.constantFrom(...ASSESSMENT_LEVELS);
    const aspects = fc.record(
      Object.fromEntries(ASSESSMENT_ASPECTS.map((a) => [a, fc.record({ urgency: level, impact: level })])) as {
        [K in keyof AssessmentAspects]: fc.Arbitrary<AssessmentAspects[K]>;
      },
    );
    fc.assert(
      fc.property(fc.tuple(aspects, aspects, aspects), fc.integer({ min: 0, max: 5 }), (scores, rotate) => {
        const oins = [OIN_A, OIN_B, OIN_C];
        const entries = oins.map((oin, i) => [oin, { aspects: scores[i]! }] as const);
        const rotated = [...entries.slice(rotate % 3), ...entries.slice(0, rotate % 3)];
        const advice = adviceDraft(Object.fromEntries(rotated), windows)!;
        const mover = advice.moveAfnemers[0]!;
        const moverScore = assessmentScore(Object.fromEntries(entries)[mover]!);
        for (const [, a] of entries) expect(moverScore).toBeLessThanOrEqual(assessmentScore(a));
        expect(advice).toEqual(adviceDraft(Object.fromEntries(entries), [...windows].reverse()));
      }),
    );
  });
});
