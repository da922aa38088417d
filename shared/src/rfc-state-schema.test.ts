import { describe, expect, it } from 'vitest';
import { rfcApply, rfcInitial } from './changes/rfc-transitions.js';
import { RFC_KINDS, RFC_STATUSES, type RfcActionInput, type RfcActor, type RfcState } from './changes/rfc-types.js';
import { RfcStateSchema } from './rfc-state-schema.js';

const T = Date.UTC(2027, 0, 11, 9);
const SERVICE: RfcActor = { email: 'service@logius.example', role: 'service-manager' };
const ACTIONS: RfcActionInput[] = [
  { type: 'analyse', text: 'haalbaar' },
  { type: 'impact-analyse', text: 'impact' },
  { type: 'decide', outcome: 'goedgekeurd', reason: 'akkoord' },
  { type: 'decide', outcome: 'afgewezen', reason: 'nee' },
  { type: 'plan', releaseId: 9 },
  { type: 'implement', text: 'klaar' },
];

/** Every state the transitions reach from a new RFC of any kind (the flow has at most six steps, a plan may repeat). */
function reachable(): RfcState[] {
  let frontier: RfcState[] = RFC_KINDS.map((kind) => rfcInitial(kind, T));
  const all = [...frontier];
  for (let depth = 0; depth < 7; depth++) {
    frontier = frontier.flatMap((state) =>
      ACTIONS.map((action, i) => rfcApply(state, action, SERVICE, T + depth * 10 + i)).flatMap((r) => (r.ok ? [r.state] : [])),
    );
    all.push(...frontier);
  }
  return all;
}

const stored = (state: RfcState): unknown => JSON.parse(JSON.stringify(state));

function issuePaths(value: unknown): string[] {
  const parsed = RfcStateSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
}

describe('RfcStateSchema', () => {
  it('reads back every state the transitions reach, of every kind and status, exactly as it was stored', () => {
    const states = reachable();
    expect(new Set(states.map((s) => `${s.kind}/${s.status}`)).size).toBe(RFC_KINDS.length * (RFC_STATUSES.length - 1) + 1);
    for (const state of states) expect(RfcStateSchema.parse(stored(state))).toStrictEqual(stored(state));
  });

  it('refuses an impact analysis of a standard change, a decision of the wrong outcome and a missing analysis', () => {
    const states = reachable();
    const impact = states.find((s) => s.status === 'impact-geanalyseerd')!;
    const approved = states.find((s) => s.status === 'goedgekeurd')!;
    const { analysis: _analysis, ...unanalysed } = states.find((s) => s.status === 'geanalyseerd')!;
    expect(issuePaths({ ...impact, kind: 'standaard' })).toEqual(['kind']);
    expect(issuePaths({ ...approved, decision: { ...(approved as { decision: object }).decision, outcome: 'afgewezen' } })).toEqual(['decision.outcome']);
    expect(issuePaths(unanalysed)).toEqual(['analysis']);
    expect(issuePaths({ ...approved, status: 'ingetrokken' })).toEqual(['status']);
    expect(issuePaths({ ...approved, filedAt: '2027-01-11' })).toEqual(['filedAt']);
  });
});
