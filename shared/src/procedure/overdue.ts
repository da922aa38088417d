/** Whether a step has run past its deadline, and which step that opens. */

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
 * overdue 'joint-assessment' offers nothing while assessments are missing; 'logius-decides' waits for the recompute.
 */
export function procedureNextStepOffered(state: ProcedureState, now: number): OpenProcedureStep | null {
  if (!procedureOverdue(state, now)) return null;
  switch (state.step) {
    case 'planner-adjusts':
    case 'logius-contacted':
      return 'joint-assessment';
    case 'joint-assessment':
      return state.draftAdvice === null ? null : 'planning-adjusted';
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
