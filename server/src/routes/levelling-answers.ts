import {
  levellingAnswersOf,
  levellingProposalById,
  levellingProposalState,
  levellingProposalsOffered,
  levellingProposalsRecent,
  sendWindowsByIds,
  type Tx,
} from '@cd/db';
import {
  LevellingMovesAccepted,
  LevellingMovesInput,
  LevellingOffers,
  LevellingProposalJson,
  LevellingProposalList,
  PLAN_CHANGE_UNDO_MS,
  PlanChangePreview,
} from '@cd/shared';
import { accessScope } from '@cd/shared/access';
import { z } from '@hono/zod-openapi';
import { userMay } from '../lib/context.js';
import { horizonNow } from '../lib/horizon.js';
import { apiRoute, apiRouter, IdParam, conflict, notFound } from '../lib/openapi.js';
import { levellingAccept, levellingMovesAccept, levellingMovesDecline, levellingMovesPreview } from '../services/levelling-offers.js';
import { offerJson, proposalJson, proposalSummaryJson } from '../views/levelling.js';
import type { Queryable, UserRow } from '@cd/db';

const movesExample = { windowIds: [4211, 4212] };
const movesBody = { required: true, content: { 'application/json': { schema: LevellingMovesInput, example: movesExample } } };

/** The accepted proposals offering moves to the user's Afnemer (Logius: every Afnemer), with their answers and where each window stands now. */
async function offersOf(sql: Queryable, user: UserRow, now: Date): Promise<LevellingOffers> {
  const own = accessScope(user, 'levelling.answer-move');
  const proposals = await levellingProposalsOffered(sql, own, now);
  const answers = await levellingAnswersOf(
    sql,
    proposals.map((p) => p.id),
  );
  const ids = [...new Set(proposals.flatMap((p) => (p.moves as { windowId: number }[]).map((m) => m.windowId)))];
  const windows = new Map((await sendWindowsByIds(sql, ids)).map((w) => [w.id, w]));
  return { items: proposals.map((p) => offerJson(p, own, answers, windows)) };
}

export const levellingAnswers = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/proposals',
      tags: ['Capaciteit'],
      operationId: 'listLevellingProposals',
      summary: 'Recente voorstellen voor een genivelleerd plan',
      description:
        'De twintig nieuwste voorstellen, nieuwste eerst: periode, wie het maakte, het aantal verschuivingen, of het aanvaard is en hoeveel verschuivingen de planners accepteerden of afwezen. Alleen voor de Traffic- en capaciteitsmanager.',
      responses: { 200: { description: 'De voorstellen', content: { 'application/json': { schema: LevellingProposalList } } } },
    }),
    async (c) => {
      userMay(c, 'levelling.propose');
      const { sql } = c.get('deps');
      const rows = await levellingProposalsRecent(sql, 20);
      const answers = await levellingAnswersOf(
        sql,
        rows.map((p) => p.id),
      );
      return c.json({ items: rows.map((p) => proposalSummaryJson(p, answers)) }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/proposals/{id}/accept',
      tags: ['Capaciteit'],
      operationId: 'acceptLevellingProposal',
      summary: 'Genivelleerd plan aanvaarden en aan de planners aanbieden',
      description:
        'Aanvaardt het voorstel: er verschuift niets, maar de planners van elke Afnemer met een verschuiving krijgen een melding (in de app en per e-mail) en zien hun verschuivingen onder "Voorgestelde verschuivingen"; het dossier van elk open conflict met zo\'n verzendmoment noemt het aanbod. Alleen de Traffic- en capaciteitsmanager. 409 als het voorstel al aanvaard is of geen verschuivingen heeft.',
      request: { params: IdParam },
      responses: {
        200: { description: 'Het voorstel, aanvaard', content: { 'application/json': { schema: LevellingProposalJson } } },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userMay(c, 'levelling.accept');
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const now = deps.now();
      await deps.sql.begin((tx: Tx) => levellingAccept(tx, id, user, now));
      const row = (await levellingProposalById(deps.sql, id))!;
      return c.json(proposalJson(row, await levellingAnswersOf(deps.sql, [id])), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/offers',
      tags: ['Capaciteit'],
      operationId: 'listLevellingOffers',
      summary: 'Voorgestelde verschuivingen voor de eigen Afnemer',
      description:
        'De aanvaarde voorstellen voor een genivelleerd plan waarvan de periode nog niet voorbij is, met de verschuivingen van de eigen Afnemer: per verschuiving het antwoord (geaccepteerd of afgewezen, door wie en wanneer), waar het verzendmoment nu staat en of het sinds het voorstel is gewijzigd. Alleen voor de planner.',
      responses: { 200: { description: 'De aangeboden verschuivingen', content: { 'application/json': { schema: LevellingOffers } } } },
    }),
    async (c) => {
      const user = userMay(c, 'levelling.answer-move');
      const deps = c.get('deps');
      return c.json(await offersOf(deps.sql, user, deps.now()), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/proposals/{id}/moves/accept',
      tags: ['Capaciteit'],
      operationId: 'acceptLevellingMoves',
      summary: 'Voorgestelde verschuivingen accepteren',
      description: `De planner voert verschuivingen van de eigen Afnemer uit een aanvaard voorstel uit, als één planwijziging (bron nivellering) die ${PLAN_CHANGE_UNDO_MS / 60_000} minuten ongedaan te maken is. Met dryRun=true: elk verzendmoment voor en na en welke conflicten ontstaan, erger worden of verdwijnen, zonder iets op te slaan. 403 voor een verschuiving van een andere Afnemer; 409 als een verschuiving al beantwoord is (een ongedaan gemaakte acceptatie telt niet) of het verzendmoment sinds het voorstel is gewijzigd; dan verschuift er niets.`,
      request: {
        params: IdParam,
        query: z.object({
          dryRun: z.enum(['true', 'false']).optional().openapi({ description: 'true: alleen het effect tonen; er wordt niets opgeslagen' }),
        }),
        body: movesBody,
      },
      responses: {
        200: {
          description: 'De uitgevoerde verschuivingen met de planwijziging, of bij dryRun=true het effect',
          content: { 'application/json': { schema: z.union([LevellingMovesAccepted, PlanChangePreview]) } },
        },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userMay(c, 'levelling.answer-move');
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const { windowIds } = c.req.valid('json');
      const now = deps.now();
      const horizon = horizonNow(deps);
      if (c.req.valid('query').dryRun === 'true') {
        const proposal = await levellingProposalState(deps.sql, id);
        return c.json(await levellingMovesPreview(deps.sql, c.get('planning'), proposal, windowIds, { user, now, horizon }), 200);
      }
      const done = await deps.sql.begin((tx: Tx) => levellingMovesAccept(tx, id, windowIds, { user, now, horizon, procedure: deps.procedure }));
      return c.json({ planChange: { id: done.planChangeId, undoUntil: done.undoUntil.toISOString() }, windows: done.windows }, 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/proposals/{id}/moves/decline',
      tags: ['Capaciteit'],
      operationId: 'declineLevellingMoves',
      summary: 'Voorgestelde verschuivingen afwijzen',
      description:
        'De planner wijst verschuivingen van de eigen Afnemer uit een aanvaard voorstel af; er verschuift niets en het voorstel toont wie afwees en wanneer. 403 voor een verschuiving van een andere Afnemer; 409 als een verschuiving al beantwoord is.',
      request: { params: IdParam, body: movesBody },
      responses: {
        200: { description: 'De aangeboden verschuivingen na het antwoord', content: { 'application/json': { schema: LevellingOffers } } },
        404: notFound,
        409: conflict,
      },
    }),
    async (c) => {
      const user = userMay(c, 'levelling.answer-move');
      const deps = c.get('deps');
      const id = c.req.valid('param').id;
      const now = deps.now();
      await deps.sql.begin((tx: Tx) => levellingMovesDecline(tx, id, c.req.valid('json').windowIds, user, now));
      return c.json(await offersOf(deps.sql, user, now), 200);
    },
  );
