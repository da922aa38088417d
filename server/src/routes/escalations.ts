import {
  contactsByRoles,
  escalationById,
  escalationInsert,
  escalationIsFollowed,
  escalationLatestOfIncident,
  escalationsList,
  incidentById,
  incidentEventAppend,
  notify,
  usersByRole,
  type Tx,
} from '@cd/db';
import {
  EscalationCreated,
  EscalationInput,
  EscalationJson,
  EscalationLadderJson,
  EscalationQuery,
  LADDER_LABELS,
  LADDER_LEVELS,
  LADDERS,
  ladderNext,
  type LadderLevel,
} from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { accessScope } from '@cd/shared/access';
import { afnemerScope, userMay, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter, conflict, notFound } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { incidentAssertVisible, trailActor } from '../services/incidents.js';
import { escalationJson } from '../views/incidents.js';
import { contactJson } from '../views/contacts.js';

export const escalations = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Escalaties'],
      operationId: 'listEscalations',
      summary: 'Escalaties',
      description: 'Escalaties, nieuwste eerst; een Afnemer ziet die over zichzelf of over incidenten die hem raken.',
      request: { query: EscalationQuery },
      responses: { 200: { description: 'De escalaties', content: { 'application/json': { schema: z.array(EscalationJson) } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const q = c.req.valid('query');
      const scope = afnemerScope(user);
      if (scope && q.afnemer && q.afnemer !== scope) throw new ProblemError(403, 'U ziet alleen escalaties van uw eigen Afnemer.');
      const rows = await escalationsList(c.get('deps').sql, {
        ladder: q.ladder ?? null,
        incidentId: q.incidentId ?? null,
        afnemer: scope ?? q.afnemer ?? null,
      });
      // An Afnemer sees escalations about an incident affecting it only when they are not about another Afnemer.
      return c.json(rows.filter((e) => scope === null || e.afnemerOin === null || e.afnemerOin === scope).map(escalationJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/ladders',
      tags: ['Escalaties'],
      operationId: 'listEscalationLadders',
      summary: 'Escalatieladders',
      description: 'De escalatieladders (hoofdstuk 7 van de DAP) met per trede wie te bereiken is.',
      responses: { 200: { description: 'De ladders', content: { 'application/json': { schema: z.array(EscalationLadderJson) } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const scope = afnemerScope(user);
      const { sql } = c.get('deps');
      const all = LADDERS.flatMap((l) => LADDER_LEVELS[l].map((x) => x.contactRole));
      const contacts = await contactsByRoles(sql, [...new Set(all)], scope);
      return c.json(
        LADDERS.map((ladder) => ({
          ladder,
          label: LADDER_LABELS[ladder],
          levels: LADDER_LEVELS[ladder].map((x) => ({
            level: x.level,
            title: x.title,
            contactRole: x.contactRole,
            contacts: contacts.filter((k) => k.role === x.contactRole).map(contactJson),
          })),
        })),
        200,
      );
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Escalaties'],
      operationId: 'createEscalation',
      summary: 'Escaleren',
      description:
        'Escaleert een trede hoger: op de incidentladder bij een incident, of op de algemene ladder. ' +
        'Eerst overleggen, dan escaleren en informeren: een escalatie gaat altijd precies één trede hoger. Bij een incident volgt de trede uit de vorige; zonder incident begint een escalatie op trede 1 of gaat met followsId verder.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: EscalationInput,
              example: { ladder: 'incident', incidentId: 7, reason: 'Oplostijd van de P1 dreigt te worden overschreden.' },
            },
          },
        },
      },
      responses: { 201: { description: 'Geëscaleerd', content: { 'application/json': { schema: EscalationCreated } } }, 404: notFound, 409: conflict },
    }),
    async (c) => {
      const user = userMay(c, 'incident.escalate');
      const b = c.req.valid('json');
      const scope = accessScope(user, 'incident.escalate');
      if (scope && b.afnemer && b.afnemer !== scope) throw new ProblemError(403, 'U escaleert alleen namens uw eigen Afnemer.');
      const { sql, now } = c.get('deps');
      const at = now();
      const id = await sql.begin(async (tx: Tx) => {
        let level: LadderLevel | null;
        let followsId: number | null = null;
        let afnemer: string | null = scope ?? b.afnemer ?? null;
        let incidentId: number | null = null;
        if (b.incidentId !== undefined) {
          const i = incidentAssertVisible(await incidentById(tx, b.incidentId, true), user);
          if (i.status === 'gesloten') throw new ProblemError(409, `${i.number} is afgemeld; escaleren kan niet meer.`);
          if (afnemer && !i.afnemers.includes(afnemer) && i.reportedByAfnemer !== afnemer) {
            throw new ProblemError(400, 'Deze Afnemer is niet betrokken bij het incident.', [
              { field: 'afnemer', message: `${afnemer} is niet getroffen door ${i.number}.` },
            ]);
          }
          afnemer ??= i.afnemers.length === 1 ? i.afnemers[0]! : null;
          const latest = await escalationLatestOfIncident(tx, i.id, b.ladder);
          level = ladderNext(b.ladder, latest?.level ?? 0);
          if (!level) throw new ProblemError(409, `${i.number} staat al op de hoogste trede van deze ladder.`);
          followsId = latest?.id ?? null;
          incidentId = i.id;
        } else if (b.followsId !== undefined) {
          const prev = await escalationById(tx, b.followsId);
          if (!prev) throw new ProblemError(404, 'De escalatie om op voort te bouwen bestaat niet.');
          if (scope && prev.afnemerOin !== scope) throw new ProblemError(403, 'Deze escalatie gaat niet over uw Afnemer.');
          if (prev.ladder !== b.ladder || prev.incidentId !== null)
            throw new ProblemError(400, 'Ga verder op dezelfde ladder.', [
              { field: 'followsId', message: 'Deze escalatie hoort bij een andere ladder of bij een incident.' },
            ]);
          if (await escalationIsFollowed(tx, prev.id)) throw new ProblemError(409, 'Op deze escalatie is al een trede hoger geëscaleerd.');
          level = ladderNext(b.ladder, prev.level);
          if (!level) throw new ProblemError(409, 'De hoogste trede van deze ladder is al bereikt.');
          followsId = prev.id;
          afnemer = prev.afnemerOin;
        } else {
          level = ladderNext(b.ladder, 0)!;
        }
        let newId: number;
        try {
          newId = await tx.savepoint((sp) =>
            escalationInsert(
              sp as unknown as Tx,
              {
                ladder: b.ladder,
                level: level.level,
                title: level.title,
                reason: b.reason,
                incidentId,
                afnemerOin: afnemer,
                followsId,
                actor: { id: user.id, email: user.email, role: user.role },
              },
              at,
            ),
          );
        } catch (err) {
          if ((err as { code?: string }).code === '23505') throw new ProblemError(409, 'Er is zojuist al naar deze trede geëscaleerd.');
          throw err;
        }
        if (incidentId !== null) {
          await incidentEventAppend(
            tx,
            incidentId,
            trailActor(user),
            'escalated',
            { escalationId: newId, ladder: b.ladder, level: level.level, title: level.title, reason: b.reason },
            at,
          );
        }
        const audience = (await usersByRole(tx, [...level.notifyRoles], null)).filter((u) => u.id !== user.id);
        await notify(
          tx,
          audience,
          {
            conflictId: null,
            subject:
              incidentId !== null
                ? { kind: 'incident', ref: (await incidentById(tx, incidentId))?.number ?? String(incidentId) }
                : { kind: 'escalation', ref: String(newId) },
            title: `Escalatie: ${level.title}`,
            body: `${user.email}: ${b.reason}`,
          },
          at,
        );
        return newId;
      });
      const e = (await escalationById(sql, id))!;
      const level = LADDER_LEVELS[e.ladder].find((x) => x.level === e.level)!;
      const contacts = await contactsByRoles(sql, [level.contactRole], e.afnemerOin);
      return c.json({ ...escalationJson(e), contacts: contacts.map(contactJson) }, 201);
    },
  );
