import { describe, expect, it } from 'vitest';
import { procedureActionsFor } from './available-actions.js';
import { AHEAD, NOW, OIN_A, OIN_B, STATES, WINDOWS, type StateKey } from './procedure.fixtures.js';
import { procedureWaitingOn } from './waiting-on.js';
import type { ProcedureActor } from './types.js';

describe('procedureWaitingOn', () => {
  it.each([
    ['pa', `Wacht op de planners van ${OIN_A} en ${OIN_B}: verplaatsen of contact opnemen met Logius`, ['planner'], [OIN_A, OIN_B]],
    ['pa!', 'Wacht op de capaciteitsmanager: de gezamenlijke afweging openen', ['capacity-manager', 'planner'], [OIN_A, OIN_B]],
    ['lc', 'Wacht op de capaciteitsmanager: de gezamenlijke afweging openen', ['capacity-manager'], []],
    ['ja', `Wacht op de afweging van ${OIN_B} (de planner, of Logius namens de Afnemer)`, ['planner', 'capacity-manager'], [OIN_B]],
    ['ja+', 'Wacht op de capaciteitsmanager: het advies vaststellen', ['capacity-manager'], []],
    ['ja!', `Wacht op de capaciteitsmanager: het advies vaststellen (geen reactie van ${OIN_B})`, ['capacity-manager', 'planner'], [OIN_B]],
    ['pj', `Wacht op de planners van ${OIN_A}: de planning aanpassen volgens het advies, of escaleren`, ['planner', 'capacity-manager'], [OIN_A]],
    [
      'e0',
      `Wacht op de klantraad-managers van ${OIN_A} en ${OIN_B}: het advies aanvaarden of afwijzen`,
      ['klantraad-manager', 'capacity-manager'],
      [OIN_A, OIN_B],
    ],
    ['e1', `Wacht op Klantraad-manager ${OIN_B}: het advies aanvaarden of afwijzen`, ['klantraad-manager', 'capacity-manager'], [OIN_B]],
    ['e!', 'Wacht op Logius: de termijn van de klantraad-managers is verstreken', ['capacity-manager', 'service-manager'], []],
    ['ld', 'Wacht op Logius (capaciteits- of servicemanager): opschalen of de uitkomst vastleggen', ['capacity-manager', 'service-manager'], []],
  ] as [StateKey, string, string[], string[]][])('in %s names who can act', (key, text, roles, afnemers) => {
    expect(procedureWaitingOn(STATES[key], NOW)).toMatchObject({ roles, afnemers });
    expect(procedureWaitingOn(STATES[key], NOW)!.text).toContain(text);
  });

  it('is null once resolved', () => {
    expect(procedureWaitingOn(STATES.r, NOW)).toBeNull();
  });

  it('names only roles of which some actor may really act now (an actor of each named role, for a named Afnemer)', () => {
    const keys = Object.keys(STATES).filter((k) => k !== 'r') as StateKey[];
    for (const key of keys) {
      for (const now of [NOW, AHEAD]) {
        // An overdue step 5 is moved to step 6 by the system (deadline-passed) before anyone acts.
        if (STATES[key].step === 'escalated' && now >= STATES[key].deadline!) continue;
        const waiting = procedureWaitingOn(STATES[key], now)!;
        const someoneCan = waiting.roles.some((role) => {
          const afnemers = role === 'planner' || role === 'klantraad-manager' ? waiting.afnemers : [null];
          return afnemers.some((afnemer) => {
            const actor: ProcedureActor = { email: 'x@example.nl', role, afnemer };
            return procedureActionsFor(STATES[key], actor, WINDOWS, now).length > 0;
          });
        });
        expect({ key, now, someoneCan }).toEqual({ key, now, someoneCan: true });
      }
    }
  });
});
