import { describe, expect, it } from 'vitest';
import { rfcActionsAvailable, rfcAnalyse, rfcApply, rfcDecide, rfcImpactAnalyse, rfcImplement, rfcInitial, rfcPlan } from './rfc-transitions.js';
import { RFC_KINDS, type RfcActionInput, type RfcActor, type RfcKind, type RfcState, type RfcStatus } from './rfc-types.js';

const T = Date.UTC(2027, 0, 11, 9);
const SERVICE: RfcActor = { email: 'service@logius.example', role: 'service-manager' };
const PLANNER: RfcActor = { email: 'planner@a.example', role: 'planner' };

/** One state of each status for a kind, reached through the legal path. */
function statesOf(kind: RfcKind): Partial<Record<RfcStatus, RfcState>> {
  const ingediend = rfcInitial(kind, T);
  const geanalyseerd = rfcAnalyse(ingediend, 'haalbaar', SERVICE.email, T + 1);
  const awaiting =
    geanalyseerd.kind === 'niet-standaard'
      ? rfcImpactAnalyse({ ...geanalyseerd, kind: 'niet-standaard' }, 'gering', SERVICE.email, T + 2)
      : { ...geanalyseerd, kind: geanalyseerd.kind as 'standaard' | 'urgent' };
  const goedgekeurd = rfcDecide(awaiting, 'goedgekeurd', 'akkoord', SERVICE.email, T + 3);
  const afgewezen = rfcDecide(awaiting, 'afgewezen', 'te duur', SERVICE.email, T + 3);
  if (goedgekeurd.status !== 'goedgekeurd') throw new Error('fixture');
  const ingepland = rfcPlan(goedgekeurd, 7, SERVICE.email, T + 4);
  const geimplementeerd = rfcImplement(ingepland, 'live', SERVICE.email, T + 5);
  return {
    ingediend,
    geanalyseerd,
    ...(kind === 'niet-standaard' ? { 'impact-geanalyseerd': awaiting } : {}),
    goedgekeurd,
    afgewezen,
    ingepland,
    geimplementeerd,
  };
}

const ACTIONS: RfcActionInput[] = [
  { type: 'analyse', text: 'haalbaar' },
  { type: 'impact-analyse', text: 'impact' },
  { type: 'decide', outcome: 'goedgekeurd', reason: 'akkoord' },
  { type: 'decide', outcome: 'afgewezen', reason: 'nee' },
  { type: 'plan', releaseId: 9 },
  { type: 'implement', text: 'klaar' },
];

/** The legal (status, action) pairs per kind, and where each leads. */
function expected(kind: RfcKind, status: RfcStatus, a: RfcActionInput): RfcStatus | null {
  if (a.type === 'analyse') return status === 'ingediend' ? 'geanalyseerd' : null;
  if (a.type === 'impact-analyse') return status === 'geanalyseerd' && kind === 'niet-standaard' ? 'impact-geanalyseerd' : null;
  if (a.type === 'decide') {
    const ready = kind === 'niet-standaard' ? status === 'impact-geanalyseerd' : status === 'geanalyseerd';
    return ready ? a.outcome : null;
  }
  if (a.type === 'plan') return status === 'goedgekeurd' || status === 'ingepland' ? 'ingepland' : null;
  return status === 'ingepland' ? 'geimplementeerd' : null;
}

describe('rfcApply', () => {
  for (const kind of RFC_KINDS) {
    for (const [status, state] of Object.entries(statesOf(kind)) as [RfcStatus, RfcState][]) {
      for (const action of ACTIONS) {
        const to = expected(kind, status, action);
        const name = `${action.type}${action.type === 'decide' ? `(${action.outcome})` : ''}`;
        it(`${to ? 'allows' : 'refuses'} ${name} on a ${kind} RFC that is ${status}${to ? ` and moves it to ${to}` : ''}`, () => {
          const result = rfcApply(state, action, SERVICE, T + 10);
          if (to === null) {
            expect(result).toMatchObject({ ok: false, reason: 'illegal' });
            return;
          }
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.state.status).toBe(to);
          expect(result.state.kind).toBe(kind);
          expect(result.event).toEqual({ action: action.type, from: status, to });
        });
      }
    }
  }

  it('refuses every action by an Afnemer role as forbidden, before looking at the status', () => {
    for (const action of ACTIONS) {
      expect(rfcApply(rfcInitial('standaard', T), action, PLANNER, T)).toMatchObject({ ok: false, reason: 'forbidden' });
    }
    expect(rfcApply(rfcInitial('urgent', T), ACTIONS[0]!, { email: 'x', role: 'incident-manager' }, T)).toMatchObject({ reason: 'forbidden' });
  });

  it('allows capacity managers and admins as well as service managers', () => {
    expect(rfcApply(rfcInitial('urgent', T), ACTIONS[0]!, { email: 'c', role: 'capacity-manager' }, T).ok).toBe(true);
    expect(rfcApply(rfcInitial('urgent', T), ACTIONS[0]!, { email: 'a', role: 'admin' }, T).ok).toBe(true);
  });

  it('records who decided, when, and why', () => {
    const s = statesOf('standaard').geanalyseerd!;
    const r = rfcApply(s, { type: 'decide', outcome: 'afgewezen', reason: 'Past niet in het beleid' }, SERVICE, T + 99);
    expect(r.ok && r.state).toMatchObject({
      status: 'afgewezen',
      decision: { outcome: 'afgewezen', text: 'Past niet in het beleid', by: SERVICE.email, at: T + 99 },
      impact: null,
    });
  });

  it('keeps the impact analysis of a niet-standaard RFC through to implementation', () => {
    const done = statesOf('niet-standaard').geimplementeerd!;
    expect(done).toMatchObject({ impact: { text: 'gering' }, planned: { releaseId: 7 }, implemented: { text: 'live' } });
  });

  it('moves a planned RFC to another release', () => {
    const r = rfcApply(statesOf('urgent').ingepland!, { type: 'plan', releaseId: 12 }, SERVICE, T + 20);
    expect(r.ok && r.state).toMatchObject({ status: 'ingepland', planned: { releaseId: 12, at: T + 20 } });
  });
});

describe('the transition functions', () => {
  it('accept only their legal source state at compile time', () => {
    const ingediend = rfcInitial('niet-standaard', T);
    const geanalyseerd = rfcAnalyse(ingediend, 'x', 'a', T);
    // @ts-expect-error a niet-standaard RFC needs its impact analysis before the CAB
    rfcDecide(geanalyseerd, 'goedgekeurd', 'x', 'a', T);
    // @ts-expect-error a standard change gets no impact analysis
    rfcImpactAnalyse(rfcAnalyse(rfcInitial('standaard', T), 'x', 'a', T), 'x', 'a', T);
    // @ts-expect-error an RFC cannot be implemented before it is planned
    rfcImplement(ingediend, 'x', 'a', T);
    // @ts-expect-error a filed RFC cannot be planned
    rfcPlan(ingediend, 1, 'a', T);
    expect(rfcImpactAnalyse(geanalyseerd, 'x', 'a', T).status).toBe('impact-geanalyseerd');
  });
});

describe('rfcActionsAvailable', () => {
  it('offers exactly the actions rfcApply allows', () => {
    for (const kind of RFC_KINDS) {
      for (const [status, state] of Object.entries(statesOf(kind)) as [RfcStatus, RfcState][]) {
        const allowed = [...new Set(ACTIONS.filter((a) => expected(kind, status, a) !== null).map((a) => a.type))];
        expect(rfcActionsAvailable(state), `${kind} ${status}`).toEqual(allowed);
      }
    }
  });
});
