import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ACTION_TYPES, type ActionType, ConflictAction } from './actions.js';
import { END_ISO, OIN_A, START_ISO, aspectsUniform } from './procedure.fixtures.js';

function issues(body: unknown): { path: string; message: string }[] {
  const result = ConflictAction.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('ConflictAction', () => {
  it.each([
    { type: 'move-window', windowId: 17, start: START_ISO, end: END_ISO },
    { type: 'contact-logius', message: 'Wij kunnen niet schuiven.' },
    { type: 'open-assessment' },
    { type: 'submit-assessment', aspects: aspectsUniform('hoog'), motivation: 'Wettelijke termijn.' },
    { type: 'submit-assessment', aspects: aspectsUniform('laag'), motivation: 'x', afnemer: OIN_A },
    { type: 'confirm-advice' },
    { type: 'confirm-advice', text: 'Anders.', moveWindowIds: [3] },
    { type: 'escalate', reason: 'A schuift niet zonder besluit.' },
    { type: 'accept-advice' },
    { type: 'accept-advice', afnemer: '00000001003214345000' },
    { type: 'reject-advice', reason: 'Wettelijke termijn.' },
    { type: 'escalate-level', reason: 'Geen akkoord.' },
    { type: 'decide', text: 'B schuift.' },
    { type: 'decide', text: 'B schuift.', moves: [{ windowId: 3, start: START_ISO, end: END_ISO }] },
  ])('accepts a valid $type', (body) => {
    expect(ConflictAction.parse(body)).toEqual(body);
  });

  it('trims texts and drops unknown fields', () => {
    expect(ConflictAction.parse({ type: 'contact-logius', message: '  Help  ', extra: 1 })).toEqual({
      type: 'contact-logius',
      message: 'Help',
    });
  });

  it('names the known actions for an unknown type', () => {
    expect(issues({ type: 'skip-step' })).toEqual([{ path: 'type', message: expect.stringContaining('Onbekende actie') }]);
  });

  it('wants the end of a window after its start, on the end field', () => {
    expect(issues({ type: 'move-window', windowId: 1, start: END_ISO, end: START_ISO })).toEqual([
      { path: 'end', message: 'Het einde moet na het begin liggen.' },
    ]);
    expect(issues({ type: 'decide', text: 'x', moves: [{ windowId: 1, start: END_ISO, end: END_ISO }] })).toEqual([
      { path: 'moves.0.end', message: 'Het einde moet na het begin liggen.' },
    ]);
  });

  it('wants times in ISO 8601 with an offset', () => {
    expect(issues({ type: 'move-window', windowId: 1, start: '2027-01-20T08:00:00', end: END_ISO })).toEqual([
      { path: 'start', message: expect.stringContaining('ISO 8601 met tijdzone') },
    ]);
  });

  it('wants a whole, positive window id', () => {
    expect(issues({ type: 'move-window', windowId: 1.5, start: START_ISO, end: END_ISO })[0]?.message).toBe('Een venster-id is een geheel getal.');
    expect(issues({ type: 'confirm-advice', moveWindowIds: [] })[0]?.message).toBe('Kies minstens één venster om te verplaatsen.');
  });

  it('limits texts to 1 to 5000 characters, whitespace not counting', () => {
    expect(issues({ type: 'contact-logius', message: '   ' })).toEqual([{ path: 'message', message: 'Het bericht aan Logius mag niet leeg zijn.' }]);
    expect(issues({ type: 'escalate', reason: 'x'.repeat(5001) })).toEqual([
      { path: 'reason', message: 'De reden van de escalatie mag hoogstens 5000 tekens lang zijn.' },
    ]);
    expect(issues({ type: 'escalate', reason: 'x'.repeat(5000) })).toEqual([]);
    expect(issues({ type: 'decide' })).toEqual([{ path: 'text', message: 'Het besluit ontbreekt.' }]);
  });

  it('wants all four aspects with urgency and impact laag, middel or hoog', () => {
    const { imago: _, ...three } = aspectsUniform('middel');
    expect(issues({ type: 'submit-assessment', aspects: three, motivation: 'x' })).toEqual([
      { path: 'aspects.imago', message: 'Geef per aspect de urgentie en de impact.' },
    ]);
    const wrong = { ...aspectsUniform('middel'), juridisch: { urgency: 'heel hoog', impact: 'laag' } };
    expect(issues({ type: 'submit-assessment', aspects: wrong, motivation: 'x' })).toEqual([
      { path: 'aspects.juridisch.urgency', message: 'Kies laag, middel of hoog.' },
    ]);
  });

  it('checks the OIN of an Afnemer', () => {
    expect(issues({ type: 'submit-assessment', aspects: aspectsUniform('laag'), motivation: 'x', afnemer: '123' })).toEqual([
      { path: 'afnemer', message: 'Een OIN bestaat uit precies 20 cijfers.' },
    ]);
  });

  it('becomes a JSON Schema whose components all have unique ConflictAction ids', () => {
    const schema = z.toJSONSchema(ConflictAction, { io: 'input' }) as { $defs: Record<string, unknown> };
    const ids = Object.keys(schema.$defs);
    expect(ids.every((id) => id.startsWith('ConflictAction'))).toBe(true);
    expect(ids).toEqual(expect.arrayContaining(['ConflictAction', 'ConflictActionMoveWindow', 'ConflictActionDecide']));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('ACTION_TYPES', () => {
  it('lists every type of ConflictAction exactly once', () => {
    expectTypeOf<ActionType>().toEqualTypeOf<ConflictAction['type']>();
    expect(new Set(ACTION_TYPES).size).toBe(ConflictAction.options.length);
    expect(ConflictAction.options.map((o) => o.shape.type.value)).toEqual([...ACTION_TYPES]);
  });
});
