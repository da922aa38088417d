import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacityProfileUniform } from './capacity.js';
import { windowCounts } from './load.js';
import { scenarioArb, scheduleArb } from './planning.arbitraries.js';
import { suggestionsForWindowBrute } from './planning.brute.js';
import type { SendHours } from './send-hours.js';
import {
  suggestionsBest,
  suggestionsOrder,
  suggestionsForConflict,
  suggestionsForWindow,
  type SuggestionsContext,
  type WindowSuggestions,
} from './suggestions.js';
import type { PlanWindow } from './types.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Local time on Wednesday 13 January 2027 (UTC+1). */
const L = (h: number, m = 0) => Date.UTC(2027, 0, 13, h - 1, m);
const OIN_A = '00000001003214345000';
const OIN_B = '00000001234567890000';
const flat = capacityProfileUniform(4000); // 1000 messages per bucket

let nextId = 1;
function win(start: number, end: number, volume: number, extra: Partial<PlanWindow> = {}): PlanWindow {
  const id = nextId++;
  return { id, afnemer: OIN_A, kenmerk: `K-${id}`, start, end, volume, status: 'definitief', ...extra };
}

function context(windows: PlanWindow[], extra: Partial<SuggestionsContext> = {}): SuggestionsContext {
  return { windows, profile: flat, maintenance: [], now: L(0) - 7 * DAY, ...extra };
}

/** Suggestions for `target` when it shares 10:00-11:00 with a window that alone fills capacity. */
function blocked(target: Partial<PlanWindow> = {}, extra: Partial<SuggestionsContext> = {}) {
  const a = win(L(10), L(11), 4000, { afnemer: OIN_B });
  const b = win(L(10), L(11), 2000, target);
  return suggestionsForWindow(b.id, context([a, b], extra))!;
}

describe('suggestionsForWindow', () => {
  it('suggests the nearest free starts before and after, back to back with the blocking window', () => {
    const s = blocked();
    expect(s.earlier).toEqual({ start: L(9), end: L(10), shiftMs: -HOUR });
    expect(s.later).toEqual({ start: L(11), end: L(12), shiftMs: HOUR });
  });

  it('splits into two half-volume parts of the same duration at the nearest non-overlapping free starts', () => {
    expect(blocked().split).toEqual({
      parts: [
        { start: L(9), end: L(10), volume: 1000, shiftMs: -HOUR },
        { start: L(11), end: L(12), volume: 1000, shiftMs: HOUR },
      ],
    });
  });

  it('ranks the suggestions by messages × hours moved, ties in the order earlier, later, split', () => {
    expect(blocked().ranked).toEqual([
      { kind: 'earlier', distanceMs: HOUR, cost: 2000 },
      { kind: 'later', distanceMs: HOUR, cost: 2000 },
      { kind: 'split', distanceMs: HOUR, cost: 2000 },
    ]);
  });

  it('ranks a split first when halves fit nearby and the whole window only further away', () => {
    const a = win(L(10), L(11), 4000);
    const before = win(L(9), L(10), 3000); // 750 per bucket: room for a half (250), not the whole (500)
    const after = win(L(11), L(12), 3000);
    const b = win(L(10), L(11), 2000);
    const s = suggestionsForWindow(b.id, context([a, before, after, b]))!;
    expect(s.earlier).toEqual({ start: L(8), end: L(9), shiftMs: -2 * HOUR });
    expect(s.later).toEqual({ start: L(12), end: L(13), shiftMs: 2 * HOUR });
    expect(s.split?.parts.map((p) => [p.start, p.volume])).toEqual([
      [L(9), 1000],
      [L(11), 1000],
    ]);
    expect(s.ranked.map((r) => r.kind)).toEqual(['split', 'earlier', 'later']);
  });

  it('moves a window that is not on a quarter hour to quarter-hour starts', () => {
    const a = win(L(10), L(11), 4000);
    const b = win(L(10, 5), L(11, 5), 2000);
    const s = suggestionsForWindow(b.id, context([a, b]))!;
    expect(s.earlier).toEqual({ start: L(9), end: L(10), shiftMs: -65 * MIN });
    expect(s.later).toEqual({ start: L(11), end: L(12), shiftMs: 55 * MIN });
    expect(s.ranked[0]!.kind).toBe('later');
  });

  it('respects earliestStart, allowing a start exactly on it', () => {
    expect(blocked({ earliestStart: L(10) }).earlier).toBeNull();
    expect(blocked({ earliestStart: L(9) }).earlier).toEqual({ start: L(9), end: L(10), shiftMs: -HOUR });
    expect(blocked({ earliestStart: L(10) }).split?.parts.map((p) => p.start)).toEqual([L(11), L(12)]);
  });

  it('respects latestEnd, allowing an end exactly on it', () => {
    expect(blocked({ latestEnd: L(11) }).later).toBeNull();
    expect(blocked({ latestEnd: L(12) }).later).toEqual({ start: L(11), end: L(12), shiftMs: HOUR });
  });

  it('stays within the horizon, inclusive', () => {
    expect(blocked({}, { horizonMs: HOUR - 1 })).toMatchObject({ earlier: null, later: null, split: null, ranked: [] });
    expect(blocked({}, { horizonMs: HOUR }).earlier).not.toBeNull();
  });

  it('never suggests a start before now, allowing a start at now', () => {
    expect(blocked({}, { now: L(9) + 1 }).earlier).toBeNull();
    expect(blocked({}, { now: L(9) }).earlier).not.toBeNull();
  });

  it('keeps every part of the moved window inside the send hours of one local day', () => {
    const a = win(L(7), L(8), 4000);
    const b = win(L(7), L(8), 2000);
    const s = suggestionsForWindow(b.id, context([a, b]))!;
    // 06:00 is outside 07:00-22:00: the nearest earlier start is 21:00 the evening before.
    expect(s.earlier).toEqual({ start: L(21) - DAY, end: L(22) - DAY, shiftMs: -10 * HOUR });
    expect(s.later?.start).toBe(L(8));
    expect(suggestionsForWindow(b.id, context([a, b], { sendHours: null }))!.earlier?.start).toBe(L(6));
  });

  it('allows a window to end exactly at the end of the send hours', () => {
    const a = win(L(20), L(21), 4000);
    const b = win(L(20), L(21), 2000);
    expect(suggestionsForWindow(b.id, context([a, b]))!.later).toEqual({ start: L(21), end: L(22), shiftMs: HOUR });
  });

  it('gives a window longer than the daily send hours no suggestions', () => {
    const a = win(L(6), L(23), 20_000);
    const b = win(L(6), L(22, 15), 80_000);
    expect(suggestionsForWindow(b.id, context([a, b]))).toEqual({ windowId: b.id, earlier: null, later: null, split: null, ranked: [] });
  });

  it('follows the threshold option', () => {
    const a = win(L(10), L(11), 4000);
    const c = win(L(9), L(10), 3200); // 800 per bucket
    const b = win(L(10), L(11), 800); // 200 per bucket
    expect(suggestionsForWindow(b.id, context([a, b, c]))!.earlier?.start).toBe(L(9));
    expect(suggestionsForWindow(b.id, context([a, b, c], { threshold: 0.9 }))!.earlier?.start).toBe(L(8));
  });

  it('gives null for an unknown or cancelled window', () => {
    const cancelled = win(L(10), L(11), 10, { status: 'geannuleerd' });
    expect(suggestionsForWindow(999_999, context([cancelled]))).toBeNull();
    expect(suggestionsForWindow(cancelled.id, context([cancelled]))).toBeNull();
  });

  it('agrees with trying every start against the full load, on random windows and DST days', () => {
    const sendHoursArb = fc.constantFrom<SendHours | null | undefined>(undefined, null, { from: 22, to: 6 }, { from: 0, to: 24 }, { from: 1.5, to: 4 });
    fc.assert(
      fc.property(
        scenarioArb({ maxWindows: 8, days: 1 }),
        fc.constantFrom(HOUR, 3 * HOUR, 8 * HOUR),
        sendHoursArb,
        fc.constantFrom(1, 0.9),
        fc.integer({ min: -2 * 96, max: 96 }),
        fc.array(fc.tuple(fc.option(fc.integer({ min: -6 * 60, max: 60 })), fc.option(fc.integer({ min: -60, max: 6 * 60 }))), {
          minLength: 8,
          maxLength: 8,
        }),
        (s, horizonMs, sendHours, threshold, nowQuarter, limits) => {
          const windows = s.windows.map((w, i) => {
            const [early, late] = limits[i]!;
            return {
              ...w,
              earliestStart: early === null ? null : w.start + early * MIN,
              latestEnd: late === null ? undefined : w.end + late * MIN,
            };
          });
          const input = { windows, profile: s.profile, maintenance: s.maintenance, now: s.anchor + nowQuarter * 15 * MIN, horizonMs, threshold, sendHours };
          const ids = windows.filter(windowCounts).map((w) => w.id);
          const fast = suggestionsForConflict({ ...input, conflict: { windows: ids.map((id) => ({ id })) } });
          expect(fast.map((f) => f.windowId)).toEqual(ids);
          for (const f of fast) {
            const brute = suggestionsForWindowBrute(f.windowId, input)!;
            expect({ earlier: f.earlier, later: f.later, split: f.split }).toEqual(brute);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('suggestionsForWindow with a schedule of profiles', () => {
  it('does not suggest a start under a later, lower profile', () => {
    const switchAt = L(11); // a period may start on any quarter
    const schedule = [
      { from: -Infinity, profile: capacityProfileUniform(4000) },
      { from: switchAt, profile: capacityProfileUniform(0) },
    ];
    const a = win(L(9), L(10), 4000);
    const b = win(L(9), L(10), 1000);
    const result = suggestionsForWindow(b.id, { windows: [a, b], profile: schedule, maintenance: [], now: L(0), sendHours: null });
    expect(result!.later).toEqual({ start: L(10), end: L(11), shiftMs: HOUR });
    const blocked = suggestionsForWindow(b.id, { windows: [a, b, win(L(10), L(11), 4000)], profile: schedule, maintenance: [], now: L(0), sendHours: null });
    expect(blocked!.later).toBeNull();
  });

  it('agrees with trying every start when several profiles follow each other', () => {
    fc.assert(
      fc.property(
        scenarioArb({ maxWindows: 6, days: 1 }).chain((s) => scheduleArb(s.anchor, DAY).map((schedule) => ({ ...s, schedule }))),
        fc.constantFrom(1, 0.9),
        (s, threshold) => {
          const input = {
            windows: s.windows,
            profile: s.schedule,
            maintenance: s.maintenance,
            now: s.anchor - DAY,
            horizonMs: 3 * HOUR,
            threshold,
            sendHours: null,
          };
          for (const w of s.windows.filter(windowCounts)) {
            const f = suggestionsForWindow(w.id, input)!;
            expect({ earlier: f.earlier, later: f.later, split: f.split }).toEqual(suggestionsForWindowBrute(w.id, input));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('suggestionsForConflict', () => {
  it('gives suggestions for each known window of the conflict, in the conflict order', () => {
    const a = win(L(10), L(11), 4000);
    const b = win(L(10), L(11), 2000);
    const result = suggestionsForConflict({ ...context([a, b]), conflict: { windows: [{ id: b.id }, { id: 424_242 }, { id: a.id }] } });
    expect(result.map((r) => r.windowId)).toEqual([b.id, a.id]);
    expect(result[1]!.earlier).toEqual({ start: L(9), end: L(10), shiftMs: -HOUR });
  });

  it('gives an empty list for a conflict without known windows', () => {
    expect(suggestionsForConflict({ ...context([]), conflict: { windows: [{ id: 1 }] } })).toEqual([]);
  });
});

/** The best suggestion across windows straight from the definition: every slot's cost, the least one. */
function bestBrute(windows: readonly PlanWindow[], results: WindowSuggestions[]) {
  const kinds = ['earlier', 'later', 'split'] as const;
  let best: { windowId: number; kind: (typeof kinds)[number]; cost: number; distance: number } | null = null;
  for (const r of results) {
    const volume = windows.find((w) => w.id === r.windowId)!.volume;
    for (const kind of kinds) {
      const slot = kind === 'split' ? r.split : r[kind];
      if (!slot) continue;
      const parts = 'parts' in slot ? slot.parts : [{ shiftMs: slot.shiftMs, volume }];
      const cost = parts.reduce((sum, p) => sum + (Math.abs(p.shiftMs) / HOUR) * p.volume, 0);
      const distance = Math.max(...parts.map((p) => Math.abs(p.shiftMs)));
      // Strictly better only: the first window in order and the first kind win a tie.
      if (!best || cost < best.cost - 1e-9 || (Math.abs(cost - best.cost) <= 1e-9 && distance < best.distance))
        best = { windowId: r.windowId, kind, cost, distance };
    }
  }
  return best && { windowId: best.windowId, kind: best.kind };
}

describe('suggestionsBest', () => {
  it('offers first the move of the fewest messages × hours across all windows of the conflict', () => {
    // Big (4,000) and small (1,000) share 10:00-11:00 at 4,000 an hour; 08:00-09:00 and 12:00-14:00 are full.
    const big = win(L(10), L(11), 4000);
    const small = win(L(10), L(11), 1000, { afnemer: OIN_B });
    const fillers = [win(L(8), L(10), 8000), win(L(11), L(13), 8000)];
    const result = suggestionsForConflict({ ...context([big, small, ...fillers]), conflict: { windows: [{ id: big.id }, { id: small.id }] } });
    // Both can only go to 07:00 (3 hours earlier) or 13:00 (3 hours later). The big one does best to split (one half
    // stays, the other moves 3 hours: 2,000 × 3), the small one moves whole (1,000 × 3) and costs least.
    expect(result.map((r) => [r.ranked[0]!.kind, r.ranked[0]!.cost])).toEqual([
      ['split', 6_000],
      ['earlier', 3_000],
    ]);
    expect(suggestionsBest(result)).toEqual({ windowId: small.id, kind: 'earlier' });
    expect(suggestionsOrder(result).map((r) => r.windowId)).toEqual([small.id, big.id]);
  });

  it('prefers a split over a longer move of the whole window when it moves fewer messages × hours', () => {
    const a = win(L(10), L(11), 4000);
    const before = win(L(9), L(10), 3000);
    const after = win(L(11), L(12), 3000);
    const b = win(L(10), L(11), 2000);
    expect(suggestionsBest(suggestionsForConflict({ ...context([a, before, after, b]), conflict: { windows: [{ id: b.id }] } }))).toEqual({
      windowId: b.id,
      kind: 'split',
    });
  });

  it('gives null when no window can move', () => {
    expect(suggestionsBest([])).toBeNull();
    const none = { earlier: null, later: null, split: null, ranked: [] };
    expect(suggestionsBest([{ windowId: 1, ...none }])).toBeNull();
    const one = { ...none, windowId: 2, ranked: [{ kind: 'later' as const, distanceMs: HOUR, cost: 5 }] };
    expect(suggestionsOrder([{ windowId: 1, ...none }, one]).map((r) => r.windowId)).toEqual([2, 1]);
  });

  it('agrees with the least cost over every slot of every window, checked by brute force', () => {
    fc.assert(
      fc.property(scenarioArb({ maxWindows: 6, days: 1 }), fc.constantFrom(HOUR, 4 * HOUR), (s, horizonMs) => {
        const input = { windows: s.windows, profile: s.profile, maintenance: s.maintenance, now: s.anchor - DAY, horizonMs };
        const ids = s.windows.filter(windowCounts).map((w) => w.id);
        const fast = suggestionsForConflict({ ...input, conflict: { windows: ids.map((id) => ({ id })) } });
        const brute = fast.map((f) => ({ ...f, ...suggestionsForWindowBrute(f.windowId, input)! }));
        expect(suggestionsBest(fast)).toEqual(bestBrute(s.windows, brute));
        for (const f of fast) expect(f.ranked.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 60 },
    );
  });
});
