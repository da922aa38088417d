/** Who the procedure waits for now, so every screen can say "Wacht op ...". */

import type { Role } from '../roles.js';
import { dutchList } from './dutch-text.js';
import { answersMissing, assessmentsMissing } from './gates.js';
import { procedureOverdue } from './overdue.js';
import type { ProcedureState } from './types.js';

export interface WaitingOn {
  /** Dutch; names Afnemers by OIN (the shell shows names). */
  readonly text: string;
  /** The roles that can move the case on now. */
  readonly roles: readonly Role[];
  /** For the Afnemer-bound roles among them: whose; empty when only Logius is waited on. */
  readonly afnemers: readonly string[];
}

const ofEach = (afnemers: readonly string[]) => dutchList([...afnemers]);

/**
 * Returns who can act now and what on, for an open case; null for a resolved one. At every open step someone can
 * act: Logius records for an Afnemer without an account, and after a deadline Logius moves on.
 * Edge: an overdue step 5 already waits on Logius (the system moves it to step 6); step 3 after its deadline
 * waits on the capacity manager, though the missing planners may still send their assessment.
 */
export function procedureWaitingOn(state: ProcedureState, now: number): WaitingOn | null {
  const overdue = procedureOverdue(state, now);
  switch (state.step) {
    case 'planner-adjusts':
      return overdue
        ? {
            text: `Wacht op de capaciteitsmanager: de gezamenlijke afweging openen (de planners van ${ofEach(state.afnemers)} kunnen nog verplaatsen)`,
            roles: ['capacity-manager', 'planner'],
            afnemers: [...state.afnemers],
          }
        : {
            text: `Wacht op de planners van ${ofEach(state.afnemers)}: verplaatsen of contact opnemen met Logius`,
            roles: ['planner'],
            afnemers: [...state.afnemers],
          };
    case 'logius-contacted':
      return { text: 'Wacht op de capaciteitsmanager: de gezamenlijke afweging openen', roles: ['capacity-manager'], afnemers: [] };
    case 'joint-assessment': {
      const missing = assessmentsMissing(state);
      if (missing.length === 0) {
        return { text: 'Wacht op de capaciteitsmanager: het advies vaststellen', roles: ['capacity-manager'], afnemers: [] };
      }
      return overdue
        ? {
            text: `Wacht op de capaciteitsmanager: het advies vaststellen (geen reactie van ${ofEach(missing)})`,
            roles: ['capacity-manager', 'planner'],
            afnemers: missing,
          }
        : {
            text: `Wacht op de afweging van ${ofEach(missing)} (de planner, of Logius namens de Afnemer)`,
            roles: ['planner', 'capacity-manager'],
            afnemers: missing,
          };
    }
    case 'planning-adjusted': {
      const movers = state.advice.moveAfnemers.length > 0 ? state.advice.moveAfnemers : state.afnemers;
      return {
        text: `Wacht op de planners van ${ofEach(movers)}: de planning aanpassen volgens het advies, of escaleren`,
        roles: ['planner', 'capacity-manager'],
        afnemers: [...movers],
      };
    }
    case 'escalated': {
      if (overdue) return logius('Wacht op Logius: de termijn van de klantraad-managers is verstreken');
      const missing = answersMissing(state);
      if (missing.length === 0) return { text: 'Wacht op de uitvoering van het aanvaarde advies', roles: [], afnemers: [] };
      return {
        text:
          missing.length === 1
            ? `Wacht op Klantraad-manager ${missing[0]}: het advies aanvaarden of afwijzen`
            : `Wacht op de klantraad-managers van ${ofEach(missing)}: het advies aanvaarden of afwijzen`,
        roles: ['klantraad-manager', 'capacity-manager'],
        afnemers: missing,
      };
    }
    case 'logius-decides':
      return logius('Wacht op Logius (capaciteits- of servicemanager): opschalen of de uitkomst vastleggen');
    case 'resolved':
      return null;
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

function logius(text: string): WaitingOn {
  return { text, roles: ['capacity-manager', 'service-manager'], afnemers: [] };
}
