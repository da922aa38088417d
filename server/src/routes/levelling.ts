import { levellingAnswersOf, levellingProposalById, levellingProposalInsert } from '@cd/db';
import { DEFAULT_HORIZON_MS, LevellingProposalInput, LevellingProposalJson, type PlanWindow } from '@cd/shared';
import { DAY_MS } from '@cd/shared/time';
import { userMay } from '../lib/context.js';
import { horizonNow, horizonRequire } from '../lib/horizon.js';
import { proposalJson } from '../views/levelling.js';
import { apiRoute, apiRouter, IdParam, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { levellingProposeOffThread } from '../services/cpu-pool.js';
import { planningDryRun } from '../services/dry-run.js';
import { planningInputsInRange } from '../services/planning-inputs.js';

const iso = (ms: number) => new Date(ms).toISOString();

const example = { from: '2027-03-01T00:00:00+01:00', to: '2027-04-01T00:00:00+02:00' };

export const levelling = apiRouter()
  .openapi(
    apiRoute({
      method: 'post',
      path: '/proposals',
      tags: ['Capaciteit'],
      operationId: 'createLevellingProposal',
      summary: 'Genivelleerd plan voor een periode voorstellen',
      description:
        'Berekent een stel verschuivingen die alle overbelasting in de periode wegneemt waar dat kan: zo min mogelijk berichten × uren verschoven, binnen vroegste start en laatste eind van elk venster, binnen de verzendtijden, definitieve vensters alleen als conceptvensters het niet kunnen. Geeft de verschuivingen, de overbelasting die blijft (met de reden), de ondergrens en de conflicten vóór en na. Het voorstel wordt bewaard maar verschuift niets. Alleen voor de Traffic- en capaciteitsmanager; de periode ligt binnen de planningshorizon en is hoogstens 366 dagen.',
      request: { body: { required: true, content: { 'application/json': { schema: LevellingProposalInput, example } } } },
      responses: { 201: { description: 'Het voorstel (bewaard; er is niets verschoven)', content: { 'application/json': { schema: LevellingProposalJson } } } },
    }),
    async (c) => {
      const user = userMay(c, 'levelling.propose');
      const body = c.req.valid('json');
      const deps = c.get('deps');
      // Bounded before any work: the period lies within the planning horizon (and the schema caps its length).
      horizonRequire(horizonNow(deps), [
        { field: 'from', label: 'Het begin van de periode', at: body.from },
        { field: 'to', label: 'Het einde van de periode', at: body.to },
      ]);
      const from = Date.parse(body.from);
      const to = Date.parse(body.to);
      const at = deps.now();
      // Windows that may move into or out of the period, with room to move them by the horizon either way.
      const margin = DEFAULT_HORIZON_MS + DAY_MS;
      const { windows, maintenance, schedule } = await planningInputsInRange(deps.sql, from - margin, to + margin);
      const result = await levellingProposeOffThread({ windows, maintenance, profile: schedule, period: { from, to }, now: at.getTime() });
      const moved = new Map(result.moves.map((m) => [m.windowId, m.to]));
      const dryRun = await planningDryRun(deps.sql, {
        spans: result.moves.flatMap((m) => [
          { from: m.from.start, to: m.from.end },
          { from: m.to.start, to: m.to.end },
        ]),
        windows: (stored: PlanWindow[]) =>
          stored.map((w) => {
            const t = moved.get(w.id);
            return t ? { ...w, start: t.start, end: t.end } : w;
          }),
      });
      const id = await levellingProposalInsert(
        deps.sql,
        {
          periodFrom: new Date(from),
          periodTo: new Date(to),
          userId: user.id,
          moves: result.moves.map((m) => ({
            windowId: m.windowId,
            afnemer: m.afnemer,
            kenmerk: m.kenmerk,
            status: m.status,
            volume: m.volume,
            from: { start: iso(m.from.start), end: iso(m.from.end) },
            to: { start: iso(m.to.start), end: iso(m.to.end) },
            shiftMinutes: Math.round(m.shiftMs / 60_000),
            cost: m.cost,
          })),
          remaining: result.remaining.map((r) => ({ ...r, start: iso(r.start), end: iso(r.end) })),
          figures: {
            overloadedBucketsBefore: result.overloadedBefore,
            overloadedBucketsAfter: result.overloadedAfter,
            excessBefore: result.excessBefore,
            excessAfter: result.excessAfter,
            messagesMoved: result.messagesMoved,
            cost: result.cost,
            excessFreed: result.excessFreed,
            lowerBound: result.lowerBound,
            moveCostHours: result.moveCostHours,
            maxMovedOverBound: result.maxMovedOverBound,
          },
          dryRun,
        },
        at,
      );
      const row = await levellingProposalById(deps.sql, id);
      return c.json(proposalJson(row!), 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/proposals/{id}',
      tags: ['Capaciteit'],
      operationId: 'getLevellingProposal',
      summary: 'Eén voorstel voor een genivelleerd plan',
      description:
        'Een bewaard voorstel zoals het werd berekend: verschuivingen, overbelasting die blijft, ondergrens en de conflicten vóór en na; met wie het aanvaardde en welke planner welke verschuiving accepteerde of afwees, en wanneer.',
      request: { params: IdParam },
      responses: { 200: { description: 'Het voorstel', content: { 'application/json': { schema: LevellingProposalJson } } }, 404: notFound },
    }),
    async (c) => {
      userMay(c, 'levelling.propose');
      const { sql } = c.get('deps');
      const row = await levellingProposalById(sql, c.req.valid('param').id);
      if (!row) throw new ProblemError(404, 'Dit voorstel bestaat niet.');
      return c.json(proposalJson(row, await levellingAnswersOf(sql, [row.id])), 200);
    },
  );
