/** Small, hand-built states, actors and actions shared by the procedure tests. */

import type { ActionType, ProcedureAction } from './actions.js';
import type {
  Advice,
  Assessment,
  AssessmentAspects,
  AssessmentLevel,
  ProcedureActor,
  ProcedureState,
  ProcedureWindow,
} from './types.js';

export const OIN_A = '00000001003214345000';
export const OIN_B = '00000001234567890000';
export const OIN_C = '00000001500000000000';
/** An Afnemer not involved in the conflict. */
export const OIN_X = '00000009999999999000';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Wednesday 2027-01-13 10:00 local. */
export const NOW = Date.UTC(2027, 0, 13, 9);
/** A deadline still ahead of NOW, and one already passed. */
export const AHEAD = NOW + 2 * DAY;
export const PASSED = NOW - HOUR;

export const WINDOWS: readonly ProcedureWindow[] = [
  { id: 1, afnemer: OIN_A, deliveredAt: NOW - 10 * DAY },
  { id: 2, afnemer: OIN_A, deliveredAt: NOW - 9 * DAY },
  { id: 3, afnemer: OIN_B, deliveredAt: NOW - 8 * DAY },
];

export function aspectsUniform(level: AssessmentLevel): AssessmentAspects {
  const score = { urgency: level, impact: level };
  return { administratief: score, financieel: score, juridisch: score, imago: score };
}

export function assessment(afnemer: string, level: AssessmentLevel): Assessment {
  return { afnemer, aspects: aspectsUniform(level), motivation: 'Wettelijke termijn.', by: `planner@${afnemer}.nl`, at: NOW - DAY };
}

export const ADVICE: Advice = { moveWindowIds: [1, 2], moveAfnemers: [OIN_A], text: 'Advies: A schuift.', drafted: true };

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
  pj: { ...base, step: 'planning-adjusted', advice: ADVICE },
  e0: { ...base, step: 'escalated', advice: ADVICE, level: 0, ladder: [] },
  e3: { ...base, step: 'escalated', advice: ADVICE, level: 3, ladder: ladderTop },
  ld: {
    ...base,
    step: 'logius-decides',
    advice: ADVICE,
    ladder: ladderTop,
    decision: { text: 'A schuift een dag.', by: 'cm@logius.nl', at: NOW - DAY, moves: [] },
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

/** A valid action of each type; move-window takes a window the actor may move, decide moves window 3, when there are. */
export function actionCanonical(
  type: ActionType | 'resolve',
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
      return { type, aspects: aspectsUniform('middel'), motivation: 'Wettelijke termijn.' };
    case 'confirm-advice':
      return { type };
    case 'escalate':
      return { type, adviceText: 'Afnemer A schuift vensters 1 en 2 naar donderdag.' };
    case 'escalate-level':
      return { type, reason: 'Geen overeenstemming in de Klantraad.' };
    case 'decide': {
      const moved = windows.find((w) => w.id === 3) ?? windows[0];
      const moves = moved ? [{ windowId: moved.id, start: START_ISO, end: END_ISO }] : [];
      return { type, decision: 'B schuift venster 3 een week op.', moves };
    }
    case 'resolve':
      return { type, reason: 'Het conflict komt niet meer voor na herberekening.' };
  }
}
