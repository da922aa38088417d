import type { ConflictRow } from '@cd/db';
import { suggestionsBest, suggestionsOrder, type ConflictSuggestions, type WindowSuggestions } from '@cd/shared';
import type { z } from '@hono/zod-openapi';
import { minutes } from './conflicts.js';

/** The suggestions for the user's windows of a conflict, cheapest first, the best one marked. */
export function conflictSuggestionsJson(conflictId: number, mine: ConflictRow['windows'], result: WindowSuggestions[]): z.infer<typeof ConflictSuggestions> {
  const byId = new Map(mine.map((w) => [w.id, w]));
  const slot = (s: { start: number; end: number; shiftMs: number }) => ({
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    shiftMinutes: minutes(s.shiftMs),
  });
  const best = suggestionsBest(result);
  return {
    conflictId,
    best,
    windows: suggestionsOrder(result).map((r) => ({
      windowId: r.windowId,
      afnemer: byId.get(r.windowId)!.afnemer,
      kenmerk: byId.get(r.windowId)!.kenmerk,
      earlier: r.earlier && slot(r.earlier),
      later: r.later && slot(r.later),
      split: r.split && { parts: r.split.parts.map((p) => ({ ...slot(p), aantalBerichten: p.volume })) },
      ranked: r.ranked.map((k) => ({
        kind: k.kind,
        distanceMinutes: minutes(k.distanceMs),
        cost: Math.round(k.cost),
        best: best !== null && best.windowId === r.windowId && best.kind === k.kind,
      })),
    })),
  };
}
