/** Small, hand-built states, actors and actions shared by the procedure tests. */

import type { ActionType, ProcedureAction, SystemActionType } from './actions.js';
import type { Advice, Assessment, AssessmentAspects, AssessmentLevel, ProcedureActor, ProcedureState, ProcedureWindow } from './types.js';
import { DAY_MS as DAY, HOUR_MS as HOUR } from '../time/units.js';

export const OIN_A = '00000001003214345000';
export const OIN_B = '00000001234567890000';
export const OIN_C = '00000001500000000000';
/** An Afnemer not involved in the conflict. */
export const OIN_X = '00000009999999999000';

export { DAY, HOUR };
/** Wednesday 2027-01-13 10:00 local. */
export const NOW = Date.UTC(2027, 0, 13, 9);
/** A deadline still ahead of NOW, and one already passed. */
export const AHEAD = NOW + 2 * DAY;
export const PASSED = NOW - HOUR;

/** Monday 2027-02-01 10:00 local, when the three windows send. */
export const SEND = Date.UTC(2027, 1, 1, 9);

/** A's two windows have a proposed moment two hours later; B's window has none. */
export const WINDOWS: readonly ProcedureWindow[] = [
  {
    id: 1,
    afnemer: OIN_A,
    deliveredAt: NOW - 10 * DAY,
    kenmerk: 'A-1',
    start: SEND,
    end: SEND + HOUR,
    proposal: { start: SEND + 2 * HOUR, end: SEND + 3 * HOUR },
  },
  {
    id: 2,
    afnemer: OIN_A,
    deliveredAt: NOW - 9 * DAY,
    kenmerk: 'A-2',
    start: SEND,
    end: SEND + HOUR,
    proposal: { start: SEND + 2 * HOUR, end: SEND + 3 * HOUR },
  },
  { id: 3, afnemer: OIN_B, deliveredAt: NOW - 8 * DAY, kenmerk: 'B-1', start: SEND, end: SEND + HOUR, proposal: null },
];

export function aspectsUniform(level: AssessmentLevel): AssessmentAspects {
  const score = { urgency: level, impact: level };
  return { administratief: score, financieel: score, juridisch: score, imago: score };
}

export function assessment(afnemer: string, level: AssessmentLevel): Assessment {
  return { afnemer, aspects: aspectsUniform(level), motivation: 'Wettelijke termijn.', by: `planner@${afnemer}.nl`, at: NOW - DAY };
}

export const ADVICE: Advice = {
  moveWindowIds: [1, 2],
  moveAfnemers: [OIN_A],
  text: 'Advies: A schuift.',
  drafted: true,
  moves: [
    { windowId: 1, start: SEND + 2 * HOUR, end: SEND + 3 * HOUR },
    { windowId: 2, start: SEND + 2 * HOUR, end: SEND + 3 * HOUR },
  ],
  noResponse: [],
};

const base = { conflictId: 7, afnemers: [OIN_A, OIN_B], enteredAt: NOW - DAY, deadline: AHEAD };
const ladderTop = [
  { level: 1, title: 'Service manager', reason: 'r1', by: 'sm@logius.nl', at: NOW - 3 * DAY },
  { level: 2, title: 'Teamleider PD Levering', reason: 'r2', by: 'sm@logius.nl', at: NOW - 2 * DAY },
  { level: 3, title: 'Afdelingshoofd', reason: 'r3', by: 'sm@logius.nl', at: NOW - DAY },
] as const;

/** One state per column of the transition table; keys name the column. */
export const STATES = {
  pa: { ...base, step: 'planner-adjusts' },
  'pa!': { ...base, step: 'planner-adjusts', deadline: PASSED },
  lc: { ...base, step: 'logius-contacted', contact: { message: 'Help', by: `planner@${OIN_A}.nl`, at: NOW - DAY } },
  ja: { ...base, step: 'joint-assessment', assessments: { [OIN_A]: assessment(OIN_A, 'laag') }, draftAdvice: null },
  'ja+': {
    ...base,
    step: 'joint-assessment',
    assessments: { [OIN_A]: assessment(OIN_A, 'laag'), [OIN_B]: assessment(OIN_B, 'hoog') },
    draftAdvice: ADVICE,
  },
  /** Step 3 past its deadline with B's assessment missing. */
  'ja!': { ...base, deadline: PASSED, step: 'joint-assessment', assessments: { [OIN_A]: assessment(OIN_A, 'laag') }, draftAdvice: null },
  pj: { ...base, step: 'planning-adjusted', advice: ADVICE },
  e0: { ...base, step: 'escalated', advice: ADVICE, reason: 'A schuift niet zonder besluit.', answers: {} },
  /** Step 5 with A's acceptance in and B's answer missing. */
  e1: {
    ...base,
    step: 'escalated',
    advice: ADVICE,
    reason: 'A schuift niet zonder besluit.',
    answers: { [OIN_A]: { afnemer: OIN_A, accepted: true, reason: null, by: 'klantraad-a@example.nl', at: NOW - HOUR, onBehalf: false } },
  },
  /** Step 5 past its deadline. */
  'e!': { ...base, deadline: PASSED, step: 'escalated', advice: ADVICE, reason: 'A schuift niet zonder besluit.', answers: {} },
  ld: {
    ...base,
    step: 'logius-decides',
    advice: ADVICE,
    reason: 'A schuift niet zonder besluit.',
    answers: {},
    cause: 'deadline',
    level: 0,
    ladder: [],
    decisions: [],
  },
  ld3: {
    ...base,
    step: 'logius-decides',
    advice: ADVICE,
    reason: 'A schuift niet zonder besluit.',
    answers: {},
    cause: 'rejected',
    level: 3,
    ladder: ladderTop,
    decisions: [{ text: 'A schuift een dag.', by: 'cm@logius.nl', at: NOW - DAY, moves: [] }],
  },
  r: {
    ...base,
    step: 'resolved',
    deadline: null,
    resolvedAt: NOW - DAY,
    reason: 'Opgelost door herberekening.',
    resolvedFrom: 'planner-adjusts',
  },
} satisfies Record<string, ProcedureState>;
export type StateKey = keyof typeof STATES;

function actor(role: ProcedureActor['role'], afnemer: string | null, name: string): ProcedureActor {
  return { email: `${name}@example.nl`, role, afnemer };
}

/** One actor per row group of the transition table; keys name the row. */
export const ACTORS = {
  plannerA: actor('planner', OIN_A, 'planner-a'),
  plannerX: actor('planner', OIN_X, 'planner-x'),
  klantraadA: actor('klantraad-manager', OIN_A, 'klantraad-a'),
  klantraadX: actor('klantraad-manager', OIN_X, 'klantraad-x'),
  capacity: actor('capacity-manager', null, 'capacity'),
  service: actor('service-manager', null, 'service'),
  incident: actor('incident-manager', null, 'incident'),
  calamity: actor('calamity-manager', null, 'calamity'),
  admin: actor('admin', null, 'admin'),
} satisfies Record<string, ProcedureActor>;
export type ActorKey = keyof typeof ACTORS;

export const START_ISO = '2027-01-20T08:00:00+01:00';
export const END_ISO = '2027-01-20T10:00:00+01:00';

/**
 * A valid action of each type; move-window takes a window the actor may move, decide moves window 3, when there are;
 * the capacity manager answers on behalf of B (whose assessment and answer are missing in the fixtures).
 */
export function actionCanonical(
  type: ActionType | SystemActionType,
  forActor?: ProcedureActor,
  windows: readonly ProcedureWindow[] = WINDOWS,
): ProcedureAction {
  switch (type) {
    case 'move-window': {
      const own = windows.find((w) => forActor?.role !== 'planner' || w.afnemer === forActor.afnemer);
      return { type, windowId: own?.id ?? 1, start: START_ISO, end: END_ISO };
    }
    case 'contact-logius':
      return { type, message: 'Wij kunnen niet schuiven: de aanslagen moeten voor 1 maart de deur uit.' };
    case 'open-assessment':
      return { type };
    case 'submit-assessment':
      return {
        type,
        aspects: aspectsUniform('middel'),
        motivation: 'Wettelijke termijn.',
        ...(forActor?.role === 'capacity-manager' ? { afnemer: OIN_B } : {}),
      };
    case 'confirm-advice':
      return { type };
    case 'escalate':
      return { type, reason: 'Afnemer A kan niet schuiven zonder besluit van zijn manager.' };
    case 'accept-advice':
      return { type, ...(forActor?.role === 'capacity-manager' ? { afnemer: OIN_B } : {}) };
    case 'reject-advice':
      return { type, reason: 'Wij missen dan een wettelijke termijn.', ...(forActor?.role === 'capacity-manager' ? { afnemer: OIN_B } : {}) };
    case 'escalate-level':
      return { type, reason: 'Geen overeenstemming in de Klantraad.' };
    case 'decide': {
      const moved = windows.find((w) => w.id === 3) ?? windows[0];
      const moves = moved ? [{ windowId: moved.id, start: START_ISO, end: END_ISO }] : [];
      return { type, text: 'B schuift venster 3 een week op.', moves };
    }
    case 'resolve':
      return { type, reason: 'Het conflict komt niet meer voor na herberekening.' };
    case 'deadline-passed':
    case 'advice-fell-short':
      return { type };
  }
}
