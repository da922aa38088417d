/** Dutch labels of the procedure, for screens and messages. */

import type { ActionType, SystemActionType } from './actions.js';
import type { AssessmentAspect, AssessmentLevel, EscalationLevel, ProcedureState, ProcedureStep, StepSixCause } from './types.js';
import { ESCALATION_TITLES } from './types.js';

export const PROCEDURE_STEP_LABELS: Readonly<Record<ProcedureStep, string>> = {
  'planner-adjusts': '1. Planner past planning aan',
  'logius-contacted': '2. Contact met Logius',
  'joint-assessment': '3. Gezamenlijke afweging',
  'planning-adjusted': '4. Planning aangepast',
  escalated: '5. Geëscaleerd',
  'logius-decides': '6. Logius voert de regie',
  resolved: 'Opgelost',
};

export const PROCEDURE_ACTION_LABELS: Readonly<Record<ActionType | SystemActionType, string>> = {
  'move-window': 'Venster verplaatsen',
  'contact-logius': 'Contact opnemen met Logius',
  'open-assessment': 'Gezamenlijke afweging openen',
  'submit-assessment': 'Afweging indienen',
  'confirm-advice': 'Advies bevestigen',
  escalate: 'Escaleren naar de klantraad-managers',
  'accept-advice': 'Advies aanvaarden',
  'reject-advice': 'Advies afwijzen',
  'escalate-level': 'Opschalen naar het volgende niveau',
  decide: 'Besluit vastleggen',
  resolve: 'Conflict sluiten',
  'deadline-passed': 'Termijn verstreken',
  'advice-fell-short': 'Advies uitgevoerd, conflict blijft',
};

export const STEP_SIX_CAUSE_LABELS: Readonly<Record<StepSixCause, string>> = {
  rejected: 'Het advies is afgewezen',
  deadline: 'De termijn van de klantraad-managers is verstreken',
  'advice-fell-short': 'Het aanvaarde advies is uitgevoerd, maar het conflict blijft bestaan',
};

export const ASSESSMENT_ASPECT_LABELS: Readonly<Record<AssessmentAspect, string>> = {
  administratief: 'Administratief',
  financieel: 'Financieel',
  juridisch: 'Juridisch',
  imago: 'Imago',
};

export const ASSESSMENT_LEVEL_LABELS: Readonly<Record<AssessmentLevel, string>> = {
  laag: 'Laag',
  middel: 'Middel',
  hoog: 'Hoog',
};

export const ESCALATION_LEVEL_LABELS: Readonly<Record<EscalationLevel, string>> = {
  0: 'Nog niet opgeschaald',
  ...ESCALATION_TITLES,
};

/**
 * Returns the label of the state's step, with the level of the ladder once Logius climbed it in step 6.
 * Edge: step 6 at level 2 gives '6. Logius voert de regie (Teamleider PD Levering)'; at level 0 the bare label.
 */
export function procedureStateLabel(state: ProcedureState): string {
  const label = PROCEDURE_STEP_LABELS[state.step];
  return state.step === 'logius-decides' && state.level > 0 ? `${label} (${ESCALATION_LEVEL_LABELS[state.level]})` : label;
}
