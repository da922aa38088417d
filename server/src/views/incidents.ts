import {
  incidentCapacityImpacts,
  incidentEvents,
  disruptionAnalysesList,
  prioritySettings,
  type CapacityImpactListRow,
  type EscalationRow,
  type IncidentRow,
  type Sql,
  type TrailEventRow,
  type UserRow,
} from '@cd/db';
import {
  CALAMITY_THRESHOLD,
  DEFAULT_PRIORITY_SETTINGS,
  type EscalationJson,
  type IncidentDetail,
  type IncidentJson,
  incidentActionsFor,
  LADDER_LABELS,
  planChangeUndoUntil,
  type PrioritySetting,
  snoClock,
} from '@cd/shared';
import { afnemerScope } from '../lib/context.js';
import { incidentCalamity, incidentEscalations, incidentFacts } from '../services/incidents.js';
import { calamityThresholdRead } from '../services/settings.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * An incident as the API shows it, with its calamity state (at the calamity threshold in force) and SNO clock
 * computed for `nowMs`. The clock counts as the SNO (`settings`) counts the priority's resolution time, or round the
 * clock to a deviating time agreed for it.
 */
export function incidentJson(
  i: IncidentRow,
  nowMs: number,
  settings: readonly PrioritySetting[] = DEFAULT_PRIORITY_SETTINGS,
  calamityThreshold: number = CALAMITY_THRESHOLD,
): IncidentJson {
  const proposal = incidentCalamity(i, nowMs, calamityThreshold);
  const setting = settings.find((s) => s.priority === i.priority) ?? DEFAULT_PRIORITY_SETTINGS.find((s) => s.priority === i.priority)!;
  const resolutionUnit = i.resolutionAgreedAt ? 'minutes' : setting.resolution.unit;
  const stoppedAt = i.resolvedAt ?? i.closedAt;
  return {
    id: i.id,
    number: i.number,
    kind: i.kind,
    title: i.title,
    channel: i.channel,
    priority: i.priority,
    proposedPriority: i.proposedPriority,
    prioritised: i.prioritisedAt !== null,
    prioritisedAt: iso(i.prioritisedAt),
    prioritisedBy: i.prioritisedBy,
    status: i.status,
    afnemers: i.afnemers,
    reportedAt: i.reportedAt.toISOString(),
    reportedBy: i.reportedBy,
    reportedByAfnemer: i.reportedByAfnemer,
    responseDueAt: i.responseDueAt.toISOString(),
    resolutionDueAt: i.resolutionDueAt.toISOString(),
    respondedAt: iso(i.respondedAt),
    resolvedAt: iso(i.resolvedAt),
    closedAt: iso(i.closedAt),
    responseOverdue: (i.respondedAt?.getTime() ?? nowMs) > i.responseDueAt.getTime(),
    resolutionOverdue: (i.resolvedAt?.getTime() ?? i.closedAt?.getTime() ?? nowMs) > i.resolutionDueAt.getTime(),
    resolutionUnit,
    resolutionAgreement: i.resolutionAgreedAt
      ? {
          resolutionDueAt: i.resolutionDueAt.toISOString(),
          agreedAt: i.resolutionAgreedAt.toISOString(),
          agreedBy: i.resolutionAgreedBy,
          agreedWith: i.resolutionAgreedWith ?? '',
          reason: i.resolutionAgreedReason ?? '',
        }
      : null,
    sno: snoClock({ resolutionDueAt: i.resolutionDueAt.getTime(), stoppedAt: stoppedAt ? stoppedAt.getTime() : null, unit: resolutionUnit }, nowMs),
    calamity: {
      status: i.calamityAt ? 'bevestigd' : proposal.proposed || (i.calamityProposedAt && !stoppedAt) ? 'voorgesteld' : 'geen',
      reason: i.calamityReason ?? (proposal.proposed ? proposal.reason : (i.calamityProposedReason ?? null)),
      proposedAt: iso(i.calamityProposedAt),
      proposedBy: i.calamityProposedBy,
      usedFraction: proposal.usedFraction === null ? null : Math.round(proposal.usedFraction * 1000) / 1000,
      at: iso(i.calamityAt),
      by: i.calamityBy,
      crisisAt: iso(i.crisisAt),
      crisisNote: i.crisisNote,
    },
    escalationLevel: i.escalationLevel,
  };
}

export function escalationJson(e: EscalationRow): EscalationJson {
  return {
    id: e.id,
    ladder: e.ladder,
    ladderLabel: LADDER_LABELS[e.ladder],
    level: e.level,
    title: e.title,
    reason: e.reason,
    incidentId: e.incidentId,
    incidentNumber: e.incidentNumber,
    followsId: e.followsId,
    afnemer: e.afnemerOin,
    by: e.actorEmail,
    role: e.actorRole,
    at: e.at.toISOString(),
  };
}

export const impactJson = (m: CapacityImpactListRow) => ({
  id: m.id,
  start: m.startAt.toISOString(),
  end: m.endAt.toISOString(),
  factor: m.factor,
  reason: m.reason,
  createdBy: m.createdBy,
  // The change that made the drop as it is now, while it is not undone; the web offers its undo to whoever may.
  lastChange:
    m.lastChangeId !== null && m.lastChangeAt !== null && m.lastChangeUndoneAt === null
      ? {
          id: m.lastChangeId,
          changedById: m.lastChangeById,
          undoableUntil: new Date(planChangeUndoUntil(m.lastChangeAt.getTime())).toISOString(),
        }
      : null,
});

/**
 * True when an Afnemer user may see this trail event of an incident it shares with other Afnemers: not what
 * another Afnemer's users did, and not the escalations and disruption analyses about another Afnemer.
 */
function trailEventVisible(e: TrailEventRow, scope: string, escalationIds: Set<number>, analysisIds: Set<number>): boolean {
  if (e.actorAfnemer !== null && e.actorAfnemer !== scope) return false;
  const { escalationId, analysisId } = e.payload as { escalationId?: number; analysisId?: number };
  if (e.action === 'escalated' && escalationId !== undefined) return escalationIds.has(escalationId);
  if ((e.action === 'analysis-requested' || e.action === 'analysis-delivered') && analysisId !== undefined) return analysisIds.has(analysisId);
  return true;
}

export async function incidentDetailJson(sql: Sql, i: IncidentRow, user: UserRow, nowMs: number): Promise<IncidentDetail> {
  const scope = afnemerScope(user);
  const [settings, trail, impacts, allEscalations, analyses, threshold] = await Promise.all([
    prioritySettings(sql),
    incidentEvents(sql, i.id),
    incidentCapacityImpacts(sql, i.id),
    incidentEscalations(sql, i.id),
    disruptionAnalysesList(sql, { afnemer: scope, incidentId: i.id, delivered: null }),
    calamityThresholdRead(sql),
  ]);
  const escalations = allEscalations.filter((e) => scope === null || e.afnemerOin === null || e.afnemerOin === scope);
  const visibleEscalations = new Set(escalations.map((e) => e.id));
  const visibleAnalyses = new Set(analyses.map((a) => a.id));
  const events = scope === null ? trail : trail.filter((e) => trailEventVisible(e, scope, visibleEscalations, visibleAnalyses));
  return {
    ...incidentJson(i, nowMs, settings, threshold),
    description: i.description,
    closingReport: i.closingReport,
    updates: events
      .filter((e) => e.action === 'update')
      .map((e) => ({ at: e.at.toISOString(), by: e.actorEmail, afnemer: e.actorAfnemer, text: String(e.payload.text ?? '') })),
    statusHistory: events
      .filter((e) => e.action === 'reported' || e.action === 'status' || e.action === 'close')
      .map((e) => ({
        at: e.at.toISOString(),
        by: e.actorEmail,
        from: (e.payload.from ?? null) as IncidentDetail['statusHistory'][number]['from'],
        to: (e.payload.to ?? 'gemeld') as IncidentDetail['statusHistory'][number]['to'],
      })),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actorEmail,
      role: e.actorRole,
      afnemer: e.actorAfnemer,
      action: e.action,
      payload: e.payload,
    })),
    capacityImpacts: impacts.map(impactJson),
    escalations: escalations.map(escalationJson),
    disruptionAnalysisIds: analyses.map((a) => a.id),
    actions: incidentActionsFor(incidentFacts(i), { role: user.role, afnemer: user.afnemerOin }),
  };
}

export const notifyText = (i: IncidentRow) => `${i.number} (${i.prioritisedAt ? i.priority : `voorstel ${i.priority}`}): ${i.title}`;
