import { describe, expect, it } from 'vitest';
import { procedureEventText } from './event-text.js';
import { OIN_A, OIN_B } from './procedure.fixtures.js';

describe('procedureEventText', () => {
  it('tells an assessment recorded on an Afnemer’s behalf as "namens <Afnemer>, door <e-mail>"', () => {
    const text = procedureEventText({
      action: 'submit-assessment',
      actorEmail: 'capaciteit@logius.example',
      payload: { afnemer: OIN_B, onBehalf: true, replaced: false },
    });
    expect(text).toBe(`Afweging namens ${OIN_B}, door capaciteit@logius.example.`);
  });

  it('tells an answer to the advice, on behalf or not, with the reason of a rejection', () => {
    expect(procedureEventText({ action: 'accept-advice', actorEmail: 'k@a.example', payload: { answer: { afnemer: OIN_A, onBehalf: false } } })).toBe(
      `Advies aanvaard voor ${OIN_A} door k@a.example.`,
    );
    expect(
      procedureEventText({
        action: 'reject-advice',
        actorEmail: 'c@logius.example',
        payload: { answer: { afnemer: OIN_B, onBehalf: true, reason: 'Termijn.' } },
      }),
    ).toBe(`Advies afgewezen namens ${OIN_B}, door c@logius.example. Reden: Termijn.`);
  });

  it('tells who was reached and how', () => {
    const text = procedureEventText({
      action: 'reached',
      actorEmail: null,
      payload: {
        purpose: 'assessment',
        reach: [
          { afnemer: OIN_A, via: 'account', role: 'planner', emails: ['p@a.example'] },
          { afnemer: OIN_B, via: 'contact', role: 'planning', emails: ['planning@b.example'] },
        ],
      },
    });
    expect(text).toBe(
      `Gevraagd om een afweging: ${OIN_A} via de planner per e-mail (p@a.example) en in de app; ` +
        `${OIN_B} via het Bijlage-1-contact Planning (prognoses) per e-mail (planning@b.example).`,
    );
  });

  it('tells the geen-reactie Afnemers of a confirmed advice, and the reason of an escalation (also of older entries)', () => {
    expect(procedureEventText({ action: 'confirm-advice', actorEmail: 'c@l', payload: { noResponse: [OIN_B] } })).toBe(
      `Advies vastgesteld door c@l; geen reactie van ${OIN_B}.`,
    );
    expect(procedureEventText({ action: 'escalate', actorEmail: 'p@a', payload: { adviceText: 'oud' } })).toBe(
      'Geëscaleerd naar de klantraad-managers door p@a. Reden: oud',
    );
  });

  it('names the moves a levelled plan offers, in Amsterdam time', () => {
    const text = procedureEventText({
      action: 'levelling-offer',
      actorEmail: 'c@logius',
      payload: {
        proposalId: 7,
        moves: [
          {
            afnemer: 'B',
            from: { start: '2027-02-01T09:00:00Z', end: '2027-02-01T10:00:00Z' },
            to: { start: '2027-02-01T08:00:00Z', end: '2027-02-01T09:00:00Z' },
          },
        ],
      },
    });
    expect(text).toBe(
      'Genivelleerd plan 7 aangeboden door c@logius: 1 verschuiving voorgesteld (B van 01-02-2027 10:00 tot 11:00 naar 01-02-2027 09:00 tot 10:00); de planners accepteren of wijzen af.',
    );
  });

  it('counts moved windows and a decision’s moves in the right number, never with "(s)" or "(en)"', () => {
    const carried = (windows: number) =>
      procedureEventText({ action: 'carried-out', actorEmail: null, payload: { source: 'besluit Logius', windows, conflictRemains: false } });
    expect(carried(1)).toBe('Uitgevoerd (besluit Logius): 1 venster verplaatst; de overbelasting is weg.');
    expect(carried(3)).toBe('Uitgevoerd (besluit Logius): 3 vensters verplaatst; de overbelasting is weg.');
    const decided = (moves: number) =>
      procedureEventText({ action: 'decide', actorEmail: 'l@x', payload: { decision: { text: 'Zo.', moves: Array.from({ length: moves }, () => ({})) } } });
    expect(decided(1)).toBe('Besluit van Logius door l@x: Zo. (1 verplaatsing)');
    expect(decided(2)).toBe('Besluit van Logius door l@x: Zo. (2 verplaatsingen)');
    expect(decided(0)).toBe('Besluit van Logius door l@x: Zo.');
  });
});
