/** Whether a step has run past its deadline, and which step that opens. */

import { dutchCount, dutchList } from './dutch-text.js';
import { instantDutch } from '../time/dutch-text.js';
import { PROCEDURE_STEP_LABELS } from './labels.js';
import type { OpenProcedureStep, ProcedureState } from './types.js';

/**
 * Returns true when the state's deadline has passed at `now` (the deadline instant itself counts as passed).
 * Edge: a resolved state, whose deadline is null, is never overdue.
 */
export function procedureOverdue(state: ProcedureState, now: number): boolean {
  return state.deadline !== null && now >= state.deadline;
}

/**
 * Returns, for an overdue state, the step that may now be taken (by some role) to move the procedure on; null
 * when the state is not overdue or no step can follow yet.
 * Edge: an overdue 'planner-adjusts' offers 'joint-assessment' (Logius opens it without being contacted); an
 * overdue 'joint-assessment' offers 'planning-adjusted' even with assessments missing (they become "geen
 * reactie"); an overdue 'escalated' offers 'logius-decides' (the system moves it there); 'logius-decides' is last.
 */
export function procedureNextStepOffered(state: ProcedureState, now: number): OpenProcedureStep | null {
  if (!procedureOverdue(state, now)) return null;
  switch (state.step) {
    case 'planner-adjusts':
    case 'logius-contacted':
      return 'joint-assessment';
    case 'joint-assessment':
      return 'planning-adjusted';
    case 'planning-adjusted':
      return 'escalated';
    case 'escalated':
      return 'logius-decides';
    case 'logius-decides':
    case 'resolved':
      return null;
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

/** Who hears that a step ran past its deadline, and what. */
export interface OverdueNotice {
  /** Afnemers whose planners are told. */
  plannersOf: string[];
  /** Afnemers whose Klantraad managers are told. */
  klantraadOf: string[];
  /** Logius roles told. */
  logius: ('capacity-manager' | 'service-manager')[];
  title: string;
  body: string;
}

/**
 * Returns the notice for a state whose deadline has passed at `now`: who must act now, and what they may do;
 * null when the state is not overdue.
 * Edge: an overdue joint assessment tells the planners whose assessment is missing and Logius, who may now confirm
 * the advice with "geen reactie" for them; an overdue step 5 tells the klantraad-managers and Logius that Logius now
 * leads (the shell moves it to step 6 first); an overdue step 6 tells Logius alone.
 */
export function procedureOverdueNotice(state: ProcedureState, now: number, conflictId: number): OverdueNotice | null {
  if (!procedureOverdue(state, now) || state.deadline === null) return null;
  const title = `Termijn verstreken: conflict ${conflictId} (${PROCEDURE_STEP_LABELS[state.step]})`;
  const since = `De termijn liep af op ${instantDutch(state.deadline)}.`;
  const none = { plannersOf: [], klantraadOf: [], logius: [] };
  switch (state.step) {
    case 'planner-adjusts':
    case 'logius-contacted':
      return {
        ...none,
        plannersOf: [...state.afnemers],
        logius: ['capacity-manager'],
        title,
        body: `${since} Het conflict is niet door verplaatsen opgelost; Logius kan nu de gezamenlijke afweging openen (stap 3).`,
      };
    case 'joint-assessment': {
      const missing = state.afnemers.filter((oin) => !(oin in state.assessments));
      return missing.length > 0
        ? {
            ...none,
            plannersOf: missing,
            logius: ['capacity-manager'],
            title,
            body:
              `${since} De afweging van ${dutchCount(missing.length, 'Afnemer', 'Afnemers')} ontbreekt nog: ${dutchList(missing)}. Logius kan het ` +
              'advies nu vaststellen; wat ontbreekt, wordt als "geen reactie" vastgelegd.',
          }
        : { ...none, logius: ['capacity-manager'], title, body: `${since} Alle afwegingen zijn binnen; stel het advies vast (stap 4).` };
    }
    case 'planning-adjusted':
      return {
        ...none,
        plannersOf: [...state.afnemers],
        logius: ['capacity-manager'],
        title,
        body: `${since} De planning is niet volgens het advies aangepast; Logius kan escaleren naar de managers in de Klantraad (stap 5).`,
      };
    case 'escalated':
      return {
        ...none,
        klantraadOf: [...state.afnemers],
        logius: ['capacity-manager', 'service-manager'],
        title,
        body: `${since} Niet alle klantraad-managers hebben het advies aanvaard; Logius voert nu de regie (stap 6).`,
      };
    case 'logius-decides':
      return {
        ...none,
        logius: ['capacity-manager', 'service-manager'],
        title,
        body: `${since} Het conflict is nog niet opgelost; schaal op of leg een (nieuw) besluit vast.`,
      };
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
