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

const HOUR = 3_600_000;
/** Monday 1 February 2027 10:00 and 14:00 local. */
const TEN = Date.UTC(2027, 1, 1, 9);
const TWO = TEN + 4 * HOUR;
const at = (id: number, afnemer: string, deliveredAt: number, kenmerk: string, proposal: number | null): ProcedureWindow => ({
  id,
  afnemer,
  deliveredAt,
  kenmerk,
  start: TEN,
  end: TEN + HOUR,
  proposal: proposal === null ? null : { start: proposal, end: proposal + HOUR },
});
const windows: ProcedureWindow[] = [
  at(18, OIN_A, NOW - 3 * DAY, 'AANSLAG-2', TWO),
  at(17, OIN_A, NOW - 5 * DAY, 'AANSLAG-1', TWO),
  at(30, OIN_B, NOW - 4 * DAY, 'TOESLAG', null),
  at(40, OIN_C, NOW - 1 * DAY, 'HERINNERING', TWO),
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
  it('moves every window of the Afnemer with the lowest combined urgency to its proposal, naming kenmerk and times, and says why', () => {
    expect(adviceDraft({ [OIN_A]: { aspects: NINE }, [OIN_B]: { aspects: TWENTY_ONE } }, windows)).toEqual({
      moveWindowIds: [17, 18],
      moveAfnemers: [OIN_A],
      text:
        `Advies: ${OIN_A} verplaatst AANSLAG-1 (01-02-2027 10:00 tot 11:00) naar 01-02-2027 14:00 tot 15:00 en ` +
        `AANSLAG-2 (01-02-2027 10:00 tot 11:00) naar 01-02-2027 14:00 tot 15:00 (gecombineerde urgentie 9 tegen 21 van ${OIN_B}).`,
      drafted: true,
      moves: [
        { windowId: 17, start: TWO, end: TWO + HOUR },
        { windowId: 18, start: TWO, end: TWO + HOUR },
      ],
      noResponse: [],
    });
  });

  it('never names a window by its internal id', () => {
    const text = adviceDraft({ [OIN_A]: { aspects: NINE }, [OIN_B]: { aspects: TWENTY_ONE } }, windows)!.text;
    expect(text).not.toMatch(/\b(17|18|30|40)\b/);
  });

  it('lets an Afnemer that did not respond move first, and says it did not', () => {
    const advice = adviceDraft({ [OIN_A]: { aspects: aspectsUniform('laag') } }, windows, [OIN_B]);
    expect(advice).toMatchObject({ moveAfnemers: [OIN_B], moveWindowIds: [30], moves: [], noResponse: [OIN_B] });
    expect(advice?.text).toBe(
      `Advies: ${OIN_B} verplaatst TOESLAG (01-02-2027 10:00 tot 11:00; geen vrij moment gevonden) ` +
        `(gecombineerde urgentie geen (geen reactie) tegen 4 van ${OIN_A}).`,
    );
  });

  it('drafts over silent Afnemers alone when nobody assessed', () => {
    expect(adviceDraft({}, windows, [OIN_C, OIN_A])).toMatchObject({ moveAfnemers: [OIN_C], noResponse: [OIN_A, OIN_C] });
  });

  it('names every other Afnemer and its score', () => {
    const advice = adviceDraft({ [OIN_A]: { aspects: TWENTY_ONE }, [OIN_B]: { aspects: aspectsUniform('hoog') }, [OIN_C]: { aspects: NINE } }, windows);
    expect(advice?.text).toBe(
      `Advies: ${OIN_C} verplaatst HERINNERING (01-02-2027 10:00 tot 11:00) naar 01-02-2027 14:00 tot 15:00 ` +
        `(gecombineerde urgentie 9 tegen 21 van ${OIN_A} en 36 van ${OIN_B}).`,
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
    const same: ProcedureWindow[] = [at(2, OIN_B, NOW, 'B', TWO), at(1, OIN_A, NOW, 'A', TWO)];
    const both = { [OIN_B]: { aspects: NINE }, [OIN_A]: { aspects: NINE } };
    expect(adviceDraft(both, same)).toMatchObject({ moveAfnemers: [OIN_A], moveWindowIds: [1] });
    expect(adviceDraft(both, [...same].reverse())).toEqual(adviceDraft(both, same));
    expect(adviceDraft(both, same)?.text).toContain('het laagste OIN');
  });

  it('ignores windows of Afnemers without an assessment', () => {
    expect(adviceDraft({ [OIN_B]: { aspects: NINE } }, windows)).toEqual({
      moveWindowIds: [30],
      moveAfnemers: [OIN_B],
      text: `Advies: ${OIN_B} verplaatst TOESLAG (01-02-2027 10:00 tot 11:00; geen vrij moment gevonden) (gecombineerde urgentie 9).`,
      drafted: true,
      moves: [],
      noResponse: [],
    });
  });

  it('advises an Afnemer without windows to move none', () => {
    const advice = adviceDraft({ [OIN_A]: { aspects: NINE } }, []);
    expect(advice).toMatchObject({ moveWindowIds: [], moveAfnemers: [OIN_A] });
    expect(advice?.text).toContain('verplaatst geen vensters');
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
