import { sendWindowsByIds } from '@cd/db';
import { ConflictSuggestions, DEFAULT_HORIZON_MS, suggestionsForConflict } from '@cd/shared';
import { afnemerScope, userRequire } from '../lib/context.js';
import { planningInputsInRange } from '../services/planning-inputs.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { conflictSuggestionsJson } from '../views/conflict-suggestions.js';
import { conflictForUser } from './conflicts.js';

export const conflictSuggestions = apiRouter().openapi(
  apiRoute({
    method: 'get',
    path: '/{id}/suggestions',
    tags: ['Conflicten'],
    operationId: 'listConflictSuggestions',
    summary: 'Suggesties om een conflict op te lossen',
    description:
      'Per venster hoogstens drie suggesties (eerder, later, splitsen): het dichtstbijzijnde moment waarop het conflict voor dat venster verdwijnt. Goedkoopste (berichten × uren verschoven) eerst; de beste van het hele conflict is gemarkeerd.',
    request: { params: IdParam },
    responses: { 200: { description: 'De suggesties', content: { 'application/json': { schema: ConflictSuggestions } } }, 404: notFound, 409: conflict },
  }),
  async (c) => {
    const user = userRequire(c);
    const { sql, now } = c.get('deps');
    const conflict = await conflictForUser(sql, c.req.valid('param').id, user);
    if (conflict.status !== 'open') throw new ProblemError(409, 'Dit conflict is al opgelost; er zijn geen suggesties nodig.');
    const scope = afnemerScope(user);
    const mine = conflict.windows.filter((w) => scope === null || w.afnemer === scope);
    const own = await sendWindowsByIds(
      sql,
      mine.map((w) => w.id),
    );
    const longest = Math.max(0, ...own.map((w) => w.endAt.getTime() - w.startAt.getTime()));
    const from = conflict.startAt.getTime() - DEFAULT_HORIZON_MS - longest;
    const to = conflict.endAt.getTime() + DEFAULT_HORIZON_MS + longest;
    const { windows, maintenance, schedule } = await planningInputsInRange(sql, from, to);
    const result = suggestionsForConflict({
      conflict: { windows: mine },
      windows,
      maintenance,
      profile: schedule,
      now: now().getTime(),
    });
    return c.json(conflictSuggestionsJson(conflict.id, mine, result), 200);
  },
);
