import { rfcEvents, type RfcEventRow, type RfcRow, type UserRow } from '@cd/db';
import {
  RFC_STATUS_LABELS,
  RFC_STATUS_STEPS,
  type RfcDetail,
  type RfcJson,
  rfcActionsAvailable,
  rfcRoleMayAct,
  type RfcRecord,
  type RfcStatus,
  type StandardChangeCode,
  CHANGE_LADDER_LABELS,
  CHANGE_LADDER_LEVELS,
  changeLadderNext,
} from '@cd/shared';
import { accessReach } from '@cd/shared/access';

/** True when the user may record the next step on the RFC's ladder: Logius, or a user of the RFC's own Afnemer. */
export function rfcMayEscalate(row: RfcRow, user: UserRow): boolean {
  const reach = accessReach(user.role, 'rfc.escalate');
  return reach === 'any' || (reach === 'own' && row.afnemerOin !== null && row.afnemerOin === user.afnemerOin);
}

/** The RFC's ladder (its type's, section 7.3) with where it stands and what comes next. */
export function rfcEscalationJson(row: RfcRow, user: UserRow): RfcJson['escalation'] {
  const ladder = row.changeType;
  const next = changeLadderNext(ladder, row.escalationConsulted, row.escalationLevel);
  return {
    ladder,
    ladderLabel: CHANGE_LADDER_LABELS[ladder],
    levels: CHANGE_LADDER_LEVELS[ladder].map((l) => ({ level: l.level, logius: l.logius, afnemer: l.afnemer })),
    consulted: row.escalationConsulted,
    level: row.escalationLevel,
    next: next?.step ?? null,
    mayAct: next !== null && rfcMayEscalate(row, user),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const recordJson = (r: RfcRecord | null | undefined) => (r ? { text: r.text, by: r.by, at: iso(r.at) } : null);

/** An RFC as the API shows it; the actions offered are those the user's role may take now. */
export function rfcJson(row: RfcRow, user: UserRow): RfcJson {
  const state = row.state;
  return {
    id: row.id,
    afnemer: row.afnemerOin,
    afnemerName: row.afnemerName,
    kind: row.kind,
    changeType: row.changeType,
    catalogueItem: row.catalogueItem as StandardChangeCode | null,
    incidentNumber: row.incidentNumber,
    title: row.title,
    description: row.description,
    status: state.status,
    statusLabel: RFC_STATUS_LABELS[state.status],
    step: RFC_STATUS_STEPS[state.status],
    releaseId: row.releaseId,
    filedBy: row.filedBy,
    filedAt: row.filedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    analysis: recordJson('analysis' in state ? state.analysis : null),
    impact: recordJson('impact' in state ? state.impact : null),
    decision: 'decision' in state ? { ...recordJson(state.decision)!, outcome: state.decision.outcome } : null,
    implemented: recordJson('implemented' in state ? state.implemented : null),
    availableActions: rfcRoleMayAct(user.role) ? rfcActionsAvailable(state) : [],
    escalation: rfcEscalationJson(row, user),
  };
}

const eventJson = (e: RfcEventRow) => ({
  at: e.at.toISOString(),
  actorEmail: e.actorEmail,
  actorRole: e.actorRole,
  action: e.action,
  fromStatus: e.fromStatus as RfcStatus | null,
  toStatus: e.toStatus as RfcStatus,
  payload: e.payload,
});

/** The RFC with its trail. */
export async function rfcDetailJson(sql: Parameters<typeof rfcEvents>[0], row: RfcRow, user: UserRow): Promise<RfcDetail> {
  return { ...rfcJson(row, user), events: (await rfcEvents(sql, row.id)).map(eventJson) };
}
