import {
  calendarFeedReplace,
  calendarFeedRevoke,
  calendarFeedsOfUser,
  calendarFeedUser,
  calendarMaintenance,
  calendarSendWindows,
  releasesList,
  rfcsOfReleases,
  type Sql,
  type Tx,
  type UserRow,
} from '@cd/db';
import { CalendarFeedCreated, CalendarFeedJson, icalCalendar, type CalendarEvent } from '@cd/shared';
import { z } from '@hono/zod-openapi';
import { roleMay } from '@cd/shared/access';
import { afnemerScope, userRequire } from '../lib/context.js';
import { secretToken, tokenHash } from '../lib/crypto.js';
import { apiRoute, apiRouter, notFound, publicAccess } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { calendarFeedJson } from '../views/calendar-feeds.js';
import { DAY_MS } from '@cd/shared/time';

const PAST_DAYS = 90;
const FUTURE_DAYS = 400;
const UID_HOST = 'capaciteitsdashboard.logius.nl';
const FEED_FILE = /^(cdf_[A-Za-z0-9_-]{20,100})\.ics$/;

const FeedFileParam = z.object({
  feedFile: z.string().openapi({
    param: { name: 'feedFile', in: 'path', description: 'Het geheime token met .ics erachter' },
    example: 'cdf_Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4.ics',
  }),
});

const pct = (f: number) => `${Math.round(f * 100)}%`;
const nl = (n: number) => n.toLocaleString('nl-NL');

/** The events of one user's feed: maintenance and releases for everyone, a planner's own send windows too. */
async function feedEvents(sql: Sql, user: UserRow, now: Date): Promise<CalendarEvent[]> {
  const from = new Date(now.getTime() - PAST_DAYS * DAY_MS);
  const to = new Date(now.getTime() + FUTURE_DAYS * DAY_MS);
  const scope = afnemerScope(user);
  const [maintenance, releases] = await Promise.all([calendarMaintenance(sql, from, to), releasesList(sql, from, to)]);
  const rfcs = (
    await rfcsOfReleases(
      sql,
      releases.map((r) => r.id),
    )
  ).filter((r) => scope === null || r.afnemerOin === scope);
  const events: CalendarEvent[] = [
    ...maintenance.map((m) => ({
      uid: `maintenance-${m.id}@${UID_HOST}`,
      start: m.startAt.getTime(),
      end: m.endAt.getTime(),
      summary: `${m.kind === 'incident' ? 'Incident' : 'Onderhoud'} Berichtenbox: capaciteit ${pct(m.factor)}`,
      description: m.reason,
      categories: [m.kind],
      updatedAt: m.updatedAt.getTime(),
    })),
    ...releases.map((r) => {
      const mine = rfcs.filter((x) => x.releaseId === r.id);
      const lines = [r.description, ...(mine.length ? ['RFC’s:', ...mine.map((x) => `#${x.id} ${x.title}`)] : [])].filter(Boolean);
      return {
        uid: `release-${r.id}@${UID_HOST}`,
        start: r.startAt.getTime(),
        end: r.endAt.getTime(),
        summary: `Release ${r.name}: capaciteit ${pct(r.factor)}`,
        description: lines.join('\n'),
        categories: ['release'],
        updatedAt: r.updatedAt.getTime(),
      };
    }),
  ];
  if (roleMay(user.role, 'calendar.send-windows') && user.afnemerOin) {
    for (const w of await calendarSendWindows(sql, user.afnemerOin, from, to)) {
      events.push({
        uid: `send-window-${w.id}@${UID_HOST}`,
        start: w.startAt.getTime(),
        end: w.endAt.getTime(),
        summary: `Verzendmoment ${w.kenmerk}: ${nl(w.aantalBerichten)} berichten (${w.status})`,
        description: [w.berichttype, w.omschrijving].filter(Boolean).join('\n'),
        categories: ['verzendmoment'],
        updatedAt: w.updatedAt.getTime(),
      });
    }
  }
  return events.sort((a, b) => a.start - b.start);
}

export const calendarFeeds = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/',
      tags: ['Agenda'],
      operationId: 'listCalendarFeeds',
      summary: 'Mijn agendafeeds',
      description: 'Uw agendafeeds, zonder het geheime token: dat wordt alleen bij aanmaken getoond.',
      responses: { 200: { description: 'Nieuwste eerst', content: { 'application/json': { schema: z.array(CalendarFeedJson) } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const rows = await calendarFeedsOfUser(c.get('deps').sql, user.id);
      return c.json(rows.map(calendarFeedJson), 200);
    },
  )
  .openapi(
    apiRoute({
      method: 'post',
      path: '/',
      tags: ['Agenda'],
      operationId: 'createCalendarFeed',
      summary: 'Agendafeed aanmaken',
      description:
        'Maakt een nieuwe agendafeed (iCalendar) voor Outlook met onderhoud, releases en voor planners de eigen verzendmomenten. De geheime URL staat alleen in dit antwoord; een eerdere feed wordt ingetrokken.',
      responses: { 201: { description: 'De feed; het token wordt maar één keer getoond', content: { 'application/json': { schema: CalendarFeedCreated } } } },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql, now } = c.get('deps');
      const token = secretToken('cdf');
      const row = await sql.begin((tx: Tx) => calendarFeedReplace(tx, user.id, tokenHash(token), now()));
      return c.json({ id: row.id, token, path: `/api/v1/calendar-feeds/${token}.ics`, createdAt: row.createdAt.toISOString() }, 201);
    },
  )
  .openapi(
    apiRoute({
      method: 'delete',
      path: '/current',
      tags: ['Agenda'],
      operationId: 'deleteCalendarFeed',
      summary: 'Agendafeed intrekken',
      description: 'Trekt uw agendafeed in; de geheime URL werkt daarna niet meer.',
      responses: { 204: { description: 'Ingetrokken' }, 404: notFound },
    }),
    async (c) => {
      const user = userRequire(c);
      const { sql, now } = c.get('deps');
      if (!(await calendarFeedRevoke(sql, user.id, now()))) throw new ProblemError(404, 'U hebt geen actieve agendafeed.');
      return c.body(null, 204);
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/{feedFile}',
      tags: ['Agenda'],
      operationId: 'getCalendarFeed',
      security: publicAccess,
      summary: 'De agendafeed (iCalendar)',
      description:
        'De agendafeed zelf als iCalendar. Het token in de URL is de toegang; een sessie is niet nodig. Een onbekend of ingetrokken token geeft 404.',
      request: { params: FeedFileParam },
      responses: {
        200: { description: 'iCalendar (RFC 5545)', content: { 'text/calendar': { schema: { type: 'string' } } } },
        404: notFound,
      },
    }),
    async (c) => {
      const match = FEED_FILE.exec(c.req.valid('param').feedFile);
      const { sql, now } = c.get('deps');
      const at = now();
      const user = match ? await calendarFeedUser(sql, tokenHash(match[1]!), at) : null;
      if (!user) throw new ProblemError(404, 'Deze agendafeed bestaat niet of is ingetrokken.');
      const body = icalCalendar({ name: 'Capaciteitsdashboard MijnOverheid', now: at.getTime(), events: await feedEvents(sql, user, at) });
      return c.body(body, 200, {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': 'inline; filename="capaciteitsdashboard.ics"',
        'Cache-Control': 'private, no-store',
      });
    },
  );
