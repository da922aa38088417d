/** What an actor may do right now, for the buttons the web shows. */

import { ACTION_TYPES, type ActionType } from './actions.js';
import { PROCEDURE_GATES, actorActsOnBehalf } from './gates.js';
import type { ProcedureActor, ProcedureState, ProcedureWindow } from './types.js';

/** True when some payload of the action would pass procedureApply's payload checks. */
function actionHasPayload(type: ActionType, state: ProcedureState, actor: ProcedureActor, windows: readonly ProcedureWindow[]): boolean {
  if (type === 'move-window') {
    return actorActsOnBehalf(actor, type) ? windows.length > 0 : windows.some((w) => w.afnemer === actor.afnemer);
  }
  if (type === 'submit-assessment' && actorActsOnBehalf(actor, type) && state.step === 'joint-assessment') {
    // Logius does not overwrite what an Afnemer's own planner submitted.
    return state.afnemers.some((afnemer) => {
      const earlier = state.assessments[afnemer];
      return earlier === undefined || earlier.onBehalf === true;
    });
  }
  return true;
}

/**
 * Returns the actions this actor may take now, in procedure order: those procedureApply accepts with a
 * valid payload (same gates, same order of checks).
 * Edge: 'move-window' appears only when the actor has a window it may move; 'submit-assessment' appears for the
 * capacity manager only while some Afnemer's assessment is not one its planner submitted; system actions never appear.
 */
export function procedureActionsFor(state: ProcedureState, actor: ProcedureActor, windows: readonly ProcedureWindow[], now: number): ActionType[] {
  return ACTION_TYPES.filter((type) => PROCEDURE_GATES[type](state, actor, now).ok && actionHasPayload(type, state, actor, windows));
}
