import { caseLoad, eventsOfConflict, type EventRow, type ConflictRow, type SendWindowRow, type Sql, type UserRow } from '@cd/db';
import {
  afnemerNamesIn,
  type ConflictDetail,
  procedureActionsFor,
  procedureEventText,
  procedureNextStepOffered,
  type Advice,
  type ProcedureDetail,
  type ProcedureWindow,
  type StepDeadlines,
  type WindowMove,
} from '@cd/shared';
import { isoMs, procedureNow, procedureSummary, windowDetail, windowRows, conflictJson, type Names, type WindowDetails } from './conflicts.js';

/** The windows of a conflict as the procedure needs them: whose, when delivered, kenmerk and times, and proposals. */
export function procedureWindowsOf(
  rows: Iterable<SendWindowRow>,
  proposals: ReadonlyMap<number, { start: number; end: number } | null> = new Map(),
): ProcedureWindow[] {
  return [...rows].map((w) => ({
    id: w.id,
    afnemer: w.afnemerOin,
    deliveredAt: w.updatedAt.getTime(),
    kenmerk: w.kenmerk,
    start: w.startAt.getTime(),
    end: w.endAt.getTime(),
    proposal: proposals.get(w.id) ?? null,
  }));
}

const movesJson = (moves: readonly WindowMove[] | undefined) => (moves ?? []).map((m) => ({ windowId: m.windowId, start: isoMs(m.start), end: isoMs(m.end) }));

function adviceJson(advice: Advice | null, names: Names) {
  return (
    advice && {
      text: afnemerNamesIn(advice.text, names),
      moveWindowIds: [...advice.moveWindowIds],
      moveAfnemers: [...advice.moveAfnemers],
      drafted: advice.drafted,
      moves: movesJson(advice.moves),
      noResponse: [...(advice.noResponse ?? [])],
    }
  );
}

/** The conflict with its whole case file, as `user` may see it. */
export async function conflictDetailJson(
  sql: Sql,
  c: ConflictRow,
  user: UserRow,
  now: number,
  deadlines: Partial<StepDeadlines> | undefined,
  names: Names,
): Promise<ConflictDetail> {
  // Independent reads, side by side.
  const [caseRow, rows, events] = await Promise.all([
    caseLoad(sql, c.id),
    windowRows(
      sql,
      c.windows.map((w) => w.id),
    ),
    eventsOfConflict(sql, c.id),
  ]);
  const details: WindowDetails = new Map([...rows].map(([id, w]) => [id, windowDetail(w)]));
  const base = conflictJson(c, user, caseRow ?? undefined, now, details, deadlines, names);
  if (!caseRow) return { ...base, procedure: null };
  const state = procedureNow(caseRow, now, deadlines);
  const summary = procedureSummary(caseRow, now, deadlines, names)!;
  const actor = { email: user.email, role: user.role, afnemer: user.afnemerOin };
  const advice = 'advice' in state ? state.advice : null;
  const draft = state.step === 'joint-assessment' ? state.draftAdvice : null;
  const answers = state.step === 'escalated' || state.step === 'logius-decides' ? Object.values(state.answers) : [];
  const decisions = state.step === 'logius-decides' ? state.decisions : [];
  const latest = decisions[decisions.length - 1];
  return {
    ...base,
    procedure: {
      ...summary,
      enteredAt: isoMs(state.enteredAt),
      nextStepOffered: procedureNextStepOffered(state, now),
      assessments:
        state.step === 'joint-assessment'
          ? Object.values(state.assessments).map((a) => ({ ...a, at: isoMs(a.at), onBehalf: a.onBehalf === true }))
          : assessmentsFromEvents(events),
      advice: adviceJson(advice, names),
      draftAdvice: adviceJson(draft, names),
      escalationReason: state.step === 'escalated' || state.step === 'logius-decides' ? state.reason || null : null,
      answers: answers.map((a) => ({ ...a, at: isoMs(a.at) })),
      leadCause: state.step === 'logius-decides' ? state.cause : null,
      escalation: state.step === 'logius-decides' ? { level: state.level, ladder: state.ladder.map((e) => ({ ...e, at: isoMs(e.at) })) } : null,
      decision: latest ? { text: latest.text, by: latest.by, at: isoMs(latest.at) } : null,
      decisions: decisions.map((d) => ({ text: d.text, by: d.by, at: isoMs(d.at), moves: movesJson(d.moves) })),
      events: events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actor: e.actorEmail,
        role: e.actorRole,
        afnemer: e.actorAfnemer,
        action: e.action,
        from: e.fromStep,
        to: e.toStep,
        payload: e.payload,
        text: afnemerNamesIn(procedureEventText(e), names),
      })),
      actions: c.status === 'open' ? procedureActionsFor(state, actor, procedureWindowsOf(rows.values()), now) : [],
    },
  };
}

/** The latest assessment per Afnemer, from the trail: after step 3 they live on only there. */
function assessmentsFromEvents(events: EventRow[]) {
  const latest = new Map<string, ProcedureDetail['assessments'][number]>();
  for (const e of events) {
    const a = (
      e.payload as {
        assessment?: {
          afnemer: string;
          aspects: ProcedureDetail['assessments'][number]['aspects'];
          motivation: string;
          by: string;
          at: number;
          onBehalf?: boolean;
        };
      }
    ).assessment;
    if (e.action === 'submit-assessment' && a) latest.set(a.afnemer, { ...a, at: isoMs(a.at), onBehalf: a.onBehalf === true });
  }
  return [...latest.values()];
}
