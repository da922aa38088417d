/** Dutch labels of the procedure, for screens and messages. */

import type { ActionType } from './actions.js';
import type { AssessmentAspect, AssessmentLevel, EscalationLevel, ProcedureState, ProcedureStep } from './types.js';
import { ESCALATION_TITLES } from './types.js';

export const PROCEDURE_STEP_LABELS: Readonly<Record<ProcedureStep, string>> = {
  'planner-adjusts': '1. Planner past planning aan',
  'logius-contacted': '2. Contact met Logius',
  'joint-assessment': '3. Gezamenlijke afweging',
  'planning-adjusted': '4. Planning aangepast',
  escalated: '5. Geëscaleerd',
  'logius-decides': '6. Logius besluit',
  resolved: 'Opgelost',
};

export const PROCEDURE_ACTION_LABELS: Readonly<Record<ActionType | 'resolve', string>> = {
  'move-window': 'Venster verplaatsen',
  'contact-logius': 'Contact opnemen met Logius',
  'open-assessment': 'Gezamenlijke afweging openen',
  'submit-assessment': 'Afweging indienen',
  'confirm-advice': 'Advies bevestigen',
  escalate: 'Escaleren naar de klantraad-managers',
  'escalate-level': 'Opschalen naar het volgende niveau',
  decide: 'Besluit vastleggen',
  resolve: 'Conflict sluiten',
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
  0: 'Klantraad-managers',
  ...ESCALATION_TITLES,
};

/**
 * Returns the label of the state's step, with the escalation level where there is one.
 * Edge: an escalated state at level 2 gives '5. Geëscaleerd (Teamleider PD Levering)'; level 0 names the klantraad-managers.
 */
export function procedureStateLabel(state: ProcedureState): string {
  const label = PROCEDURE_STEP_LABELS[state.step];
  return state.step === 'escalated' ? `${label} (${ESCALATION_LEVEL_LABELS[state.level]})` : label;
}
