import { z } from 'zod';
import { instantSchema } from '../instant.js';
import { Oin } from '../roles.js';
import { SECURITY_ESCALATION_TOP } from './escalation.js';
import { SECURITY_SEVERITIES, SECURITY_STATUSES } from './model.js';

const Instant = instantSchema();
const text = (max: number, required = 'Vul dit veld in.') => z.string().trim().min(1, required).max(max);

export const SecuritySeveritySchema = z.enum(SECURITY_SEVERITIES).meta({ id: 'SecuritySeverity', description: 'Ernst van het beveiligingsincident' });
export const SecurityStatusSchema = z.enum(SECURITY_STATUSES).meta({ id: 'SecurityStatus', description: 'Status van het beveiligingsincident' });

export const SecurityIncidentInput = z
  .object({
    title: text(200, 'Geef het incident een titel.'),
    description: text(10_000, 'Beschrijf wat er is gebeurd.'),
    severity: SecuritySeveritySchema,
    /** When it was discovered; the time of reporting when absent. */
    discoveredAt: Instant.optional(),
    /** Only Logius may name the Afnemer an incident concerns; an Afnemer always reports for itself. */
    afnemer: Oin.optional(),
  })
  .meta({ id: 'SecurityIncidentInput' });
export type SecurityIncidentInput = z.infer<typeof SecurityIncidentInput>;

export const SecurityIncidentAction = z
  .discriminatedUnion(
    'type',
    [
      z
        .object({
          type: z.literal('escalate'),
          reason: text(2000, 'Geef de reden van de escalatie.'),
          /** The level the caller saw; a level that moved meanwhile is refused (409), so no level is skipped. */
          fromLevel: z.number().int().min(0).max(SECURITY_ESCALATION_TOP),
        })
        .meta({ id: 'SecurityIncidentActionEscalate' }),
      z
        .object({ type: z.literal('status'), status: z.enum(['in-behandeling', 'afgesloten']), note: text(5000, 'Licht de statuswijziging toe.') })
        .meta({ id: 'SecurityIncidentActionStatus' }),
      z.object({ type: z.literal('note'), text: text(5000, 'Schrijf een notitie.') }).meta({ id: 'SecurityIncidentActionNote' }),
    ],
    { error: 'Onbekende handeling: kies escalate, status of note.' },
  )
  .meta({ id: 'SecurityIncidentAction' });
export type SecurityIncidentAction = z.infer<typeof SecurityIncidentAction>;

export const SecurityIncidentEventJson = z
  .object({
    id: z.number().int(),
    at: Instant,
    actor: z.string().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'SecurityIncidentEvent' });

export const SecurityIncidentJson = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    title: z.string(),
    description: z.string(),
    severity: SecuritySeveritySchema,
    status: SecurityStatusSchema,
    afnemer: z.string().nullable().meta({ description: 'De meldende Afnemer; null als Logius het meldde' }),
    afnemerName: z.string().nullable(),
    reportedBy: z.string().nullable(),
    reportedAt: Instant,
    discoveredAt: Instant.nullable(),
    closedAt: Instant.nullable(),
    level: z.number().int().meta({ description: 'Escalatieniveau (0 = overleg, 1 t/m 5 de ladder van §7.3)' }),
    levelTitle: z.string().nullable(),
    nextLevelTitle: z.string().nullable(),
    events: z.array(SecurityIncidentEventJson),
  })
  .meta({ id: 'SecurityIncident' });
export type SecurityIncidentJson = z.infer<typeof SecurityIncidentJson>;

export const SecurityReportQuery = z.object({
  year: z.coerce.number().int().min(2000, 'Kies een jaar vanaf 2000.').max(2100, 'Kies een jaar tot 2100.'),
  quarter: z.coerce.number().int().min(1, 'Kies kwartaal 1 t/m 4.').max(4, 'Kies kwartaal 1 t/m 4.'),
});

const Counts = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])));

export const SecurityPeriodicReportJson = z
  .object({
    year: z.number().int(),
    quarter: z.number().int(),
    start: Instant,
    end: Instant,
    total: z.number().int(),
    byStatus: Counts(SECURITY_STATUSES),
    bySeverity: Counts(SECURITY_SEVERITIES),
    byAfnemer: z.array(z.object({ afnemer: z.string().nullable(), name: z.string(), count: z.number().int() })),
    escalated: z.number().int(),
    closed: z.number().int(),
    meanTimeToCloseHours: z.number().nullable(),
    incidents: z.array(
      z.object({
        id: z.number().int(),
        reference: z.string(),
        title: z.string(),
        severity: SecuritySeveritySchema,
        status: SecurityStatusSchema,
        afnemer: z.string().nullable(),
        level: z.number().int(),
        reportedAt: Instant,
        closedAt: Instant.nullable(),
      }),
    ),
  })
  .meta({ id: 'SecurityPeriodicReport' });
export type SecurityPeriodicReportJson = z.infer<typeof SecurityPeriodicReportJson>;
