/**
 * The RFC flow of DAP section 2.3: one pure function per action, typed on its legal source state(s), and
 * rfcApply, the dispatcher the server calls. The server loads the state, calls rfcApply, stores state and event.
 */

import { roleMay } from '../access/table.js';
import type {
  RfcActionInput,
  RfcActor,
  RfcAfgewezen,
  RfcAwaitingDecision,
  RfcEvent,
  RfcGeanalyseerd,
  RfcGeimplementeerd,
  RfcGoedgekeurd,
  RfcImpactGeanalyseerd,
  RfcIngediend,
  RfcIngepland,
  RfcKind,
  RfcState,
} from './rfc-types.js';

/**
 * Returns the state of a newly filed RFC.
 * Edge: every kind starts at 'ingediend', also a standard change (the catalogue says what it is, not that it is done).
 */
export function rfcInitial<K extends RfcKind>(kind: K, filedAt: number): RfcIngediend<K> {
  return { status: 'ingediend', kind, filedAt };
}

/**
 * Returns step 2: Logius' short analysis (feasibility, cost, policy) is recorded.
 * Edge: accepts 'ingediend' only; the kind is kept, so the type says whether an impact analysis follows.
 */
export function rfcAnalyse<K extends RfcKind>(state: RfcIngediend<K>, text: string, by: string, at: number): RfcGeanalyseerd<K> {
  return { status: 'geanalyseerd', kind: state.kind, filedAt: state.filedAt, analysis: { text, by, at } };
}

/**
 * Returns step 3: the impact analysis, made with the supplier.
 * Edge: only a niet-standaard RFC after its short analysis; standard and urgent changes skip this step.
 */
export function rfcImpactAnalyse(state: RfcGeanalyseerd<'niet-standaard'>, text: string, by: string, at: number): RfcImpactGeanalyseerd {
  return { status: 'impact-geanalyseerd', kind: 'niet-standaard', filedAt: state.filedAt, analysis: state.analysis, impact: { text, by, at } };
}

/**
 * Returns step 4: the Change Advisory Board's decision with its reason, approved or rejected.
 * Edge: a niet-standaard RFC reaches this only through its impact analysis; a rejection is terminal.
 */
export function rfcDecide(
  state: RfcAwaitingDecision,
  outcome: 'goedgekeurd' | 'afgewezen',
  reason: string,
  by: string,
  at: number,
): RfcGoedgekeurd | RfcAfgewezen {
  const base = { kind: state.kind, filedAt: state.filedAt, analysis: state.analysis, impact: state.status === 'impact-geanalyseerd' ? state.impact : null };
  return outcome === 'goedgekeurd'
    ? { ...base, status: 'goedgekeurd', decision: { outcome, text: reason, by, at } }
    : { ...base, status: 'afgewezen', decision: { outcome, text: reason, by, at } };
}

/**
 * Returns step 5: the RFC is in a release.
 * Edge: an RFC already planned may move to another release; the latest planning replaces the earlier one.
 */
export function rfcPlan(state: RfcGoedgekeurd | RfcIngepland, releaseId: number, by: string, at: number): RfcIngepland {
  return {
    status: 'ingepland',
    kind: state.kind,
    filedAt: state.filedAt,
    analysis: state.analysis,
    impact: state.impact,
    decision: state.decision,
    planned: { releaseId, by, at },
  };
}

/**
 * Returns step 6: the change is implemented.
 * Edge: only from 'ingepland'; terminal.
 */
export function rfcImplement(state: RfcIngepland, text: string, by: string, at: number): RfcGeimplementeerd {
  return { ...state, status: 'geimplementeerd', implemented: { text, by, at } };
}

function geanalyseerdOfKind<K extends RfcKind>(state: RfcGeanalyseerd, kind: K): state is RfcGeanalyseerd<K> {
  return state.kind === kind;
}

/** The decision may be taken on this state (standard/urgent after the short analysis, or after the impact analysis). */
export function rfcAwaitsDecision(state: RfcState): state is RfcAwaitingDecision {
  return state.status === 'impact-geanalyseerd' || (state.status === 'geanalyseerd' && state.kind !== 'niet-standaard');
}

/** True when this role may act on RFCs (all actions after filing are Logius'). */
export function rfcRoleMayAct(role: RfcActor['role']): boolean {
  return roleMay(role, 'rfc.handle');
}

export type RfcResult =
  | { readonly ok: true; readonly state: RfcState; readonly event: RfcEvent }
  | { readonly ok: false; readonly reason: 'forbidden' | 'illegal'; readonly message: string };

const illegal = (message: string): RfcResult => ({ ok: false, reason: 'illegal', message });

/**
 * Returns the next state and its event for `action` by `actor`, or why it may not happen.
 * Edge: a wrong role is 'forbidden' before the status is looked at; a wrong status is 'illegal' (409 in the API).
 */
export function rfcApply(state: RfcState, action: RfcActionInput, actor: RfcActor, now: number): RfcResult {
  if (!rfcRoleMayAct(actor.role)) {
    return { ok: false, reason: 'forbidden', message: 'Alleen de servicemanager, de capaciteitsmanager of een beheerder van Logius behandelt RFC’s.' };
  }
  const done = (next: RfcState): RfcResult => ({ ok: true, state: next, event: { action: action.type, from: state.status, to: next.status } });
  switch (action.type) {
    case 'analyse':
      if (state.status !== 'ingediend') return illegal('De korte analyse kan alleen bij een ingediende RFC.');
      return done(rfcAnalyse(state, action.text, actor.email, now));
    case 'impact-analyse':
      if (state.status !== 'geanalyseerd') return illegal('De impactanalyse volgt op de korte analyse.');
      if (!geanalyseerdOfKind(state, 'niet-standaard')) return illegal('Alleen een niet-standaardwijziging krijgt een impactanalyse.');
      return done(rfcImpactAnalyse(state, action.text, actor.email, now));
    case 'decide':
      if (!rfcAwaitsDecision(state)) {
        return illegal(
          state.status === 'geanalyseerd'
            ? 'Een niet-standaardwijziging gaat pas na de impactanalyse naar de CAB.'
            : 'De CAB besluit na de analyse, en maar één keer.',
        );
      }
      return done(rfcDecide(state, action.outcome, action.reason, actor.email, now));
    case 'plan':
      if (state.status !== 'goedgekeurd' && state.status !== 'ingepland') return illegal('Alleen een goedgekeurde RFC kan in een release worden ingepland.');
      return done(rfcPlan(state, action.releaseId, actor.email, now));
    case 'implement':
      if (state.status !== 'ingepland') return illegal('Alleen een ingeplande RFC kan als geïmplementeerd worden gemeld.');
      return done(rfcImplement(state, action.text, actor.email, now));
    default: {
      const never: never = action;
      return illegal(`Onbekende handeling ${JSON.stringify(never)}.`);
    }
  }
}

/** The actions the RFC's status allows next, in flow order (for the screen); empty for terminal states. */
export function rfcActionsAvailable(state: RfcState): RfcActionInput['type'][] {
  switch (state.status) {
    case 'ingediend':
      return ['analyse'];
    case 'geanalyseerd':
      return state.kind === 'niet-standaard' ? ['impact-analyse'] : ['decide'];
    case 'impact-geanalyseerd':
      return ['decide'];
    case 'goedgekeurd':
      return ['plan'];
    case 'ingepland':
      return ['plan', 'implement'];
    case 'afgewezen':
    case 'geimplementeerd':
      return [];
    default: {
      const never: never = state;
      return never;
    }
  }
}
