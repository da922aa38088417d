import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { zodDutchConfigure } from './zod-dutch.js';

const ENGLISH = /invalid|expected|received|required|too (small|big)|must|string|number|undefined/i;

const messages = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
};

describe('zodDutchConfigure', () => {
  beforeAll(() => zodDutchConfigure());

  it('names a missing field and a wrong type in Dutch', () => {
    const schema = z.object({ a: z.string(), b: z.number(), c: z.boolean(), d: z.array(z.string()), e: z.object({}) });
    expect(messages(schema, { b: 'x', c: 1, d: {}, e: [] })).toEqual({
      a: 'Dit veld ontbreekt.',
      b: 'Moet een getal zijn.',
      c: 'Moet true of false zijn.',
      d: 'Moet een lijst zijn.',
      e: 'Moet een object zijn.',
    });
  });

  it('words bounds, enums, formats and unknown keys in Dutch', () => {
    const schema = z.strictObject({
      empty: z.string().min(1),
      short: z.string().min(3),
      long: z.string().max(2),
      low: z.number().min(1),
      high: z.number().max(10),
      list: z.array(z.number()).max(1),
      kind: z.enum(['a', 'b']),
      at: z.iso.datetime({ offset: true }),
      day: z.iso.date(),
      mail: z.email(),
      int: z.number().int(),
      page: z.coerce.number(),
    });
    const m = messages(schema, {
      empty: '',
      short: 'ab',
      long: 'abc',
      low: 0,
      high: 11,
      list: [1, 2],
      kind: 'c',
      at: 'nu',
      day: '1-1-2027',
      mail: 'x',
      int: 1.5,
      page: 'nul',
      extra: 1,
    });
    expect(m).toEqual({
      empty: 'Mag niet leeg zijn.',
      short: 'Moet minstens 3 tekens hebben.',
      long: 'Mag hoogstens 2 tekens hebben.',
      low: 'Moet minstens 1 zijn.',
      high: 'Mag hoogstens 10 zijn.',
      list: 'Mag hoogstens 1 element hebben.',
      kind: 'Kies uit: "a", "b".',
      at: 'Geef datum en tijd in ISO 8601 met tijdzone, bijvoorbeeld 2027-01-15T08:00:00+01:00.',
      day: 'Geef een datum als jjjj-mm-dd, bijvoorbeeld 2027-01-15.',
      mail: 'Geef een geldig e-mailadres.',
      int: 'Moet een geheel getal zijn.',
      page: 'Moet een getal zijn.',
      '(body)': 'Onbekend veld: extra.',
    });
    for (const text of Object.values(m)) expect(text).not.toMatch(ENGLISH);
  });

  it("leaves a schema's own message alone", () => {
    expect(messages(z.object({ a: z.string({ error: 'Vul a in.' }).min(2, 'Te kort, a.') }), { a: 'x' })).toEqual({ a: 'Te kort, a.' });
    expect(messages(z.object({ a: z.string({ error: 'Vul a in.' }) }), {})).toEqual({ a: 'Vul a in.' });
  });
});
