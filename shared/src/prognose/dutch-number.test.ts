import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageCountFromNumber, parseMessageCount } from './dutch-number.js';

function valueOf(text: string): number {
  const r = parseMessageCount(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function messageOf(text: string): string {
  const r = parseMessageCount(text);
  if (r.ok) throw new Error(`expected an error for ${text}, got ${r.value}`);
  return r.message;
}

describe('parseMessageCount', () => {
  it('reads Dutch thousands separators', () => {
    expect(valueOf('1.250.000')).toBe(1_250_000);
    expect(valueOf('1.000')).toBe(1000);
    expect(valueOf('999')).toBe(999);
  });

  it('reads plain digits, spaces, non-breaking spaces and commas grouped by three', () => {
    expect(valueOf('1250000')).toBe(1_250_000);
    expect(valueOf(' 1250000 ')).toBe(1_250_000);
    expect(valueOf('1 250 000')).toBe(1_250_000);
    expect(valueOf('1\u00A0250\u00A0000')).toBe(1_250_000);
    expect(valueOf('1\u202F250\u202F000')).toBe(1_250_000);
    expect(valueOf('1,250,000')).toBe(1_250_000);
    expect(valueOf('1,250')).toBe(1250);
  });

  it('accepts the limits 1 and 1.000.000.000', () => {
    expect(valueOf('1')).toBe(1);
    expect(valueOf('1.000.000.000')).toBe(1_000_000_000);
  });

  it.each(['1.5', '1.25', '1,5', '1,25', '1.250,00', '1250,5', '12.5000', '1.2345'])('rejects %s as a decimal or a wrong grouping', (text) => {
    expect(messageOf(text)).toMatch(/geheel getal zonder decimalen/);
  });

  it.each(['1.25.000', '12,34,567', '1 25 000', '1.250 000', '.250', '1.250.'])('rejects the mis-grouped %s', (text) => {
    expect(messageOf(text)).toMatch(/geen geldig aantal berichten/);
  });

  it('rejects 0, negative numbers and numbers above 1.000.000.000', () => {
    expect(messageOf('0')).toMatch(/minimaal 1/);
    expect(messageOf('-5')).toMatch(/minimaal 1/);
    expect(messageOf('1.000.000.001')).toMatch(/maximaal 1\.000\.000\.000/);
    expect(messageOf('99999999999999999999999')).toMatch(/maximaal 1\.000\.000\.000/);
  });

  it('explains scientific notation from Excel', () => {
    expect(messageOf('1,25E+06')).toMatch(/wetenschappelijke notatie/);
    expect(messageOf('1e6')).toMatch(/wetenschappelijke notatie/);
  });

  it('rejects empty text and garbage in Dutch', () => {
    expect(messageOf('')).toMatch(/ontbreekt/);
    expect(messageOf('   ')).toMatch(/ontbreekt/);
    expect(messageOf('veel')).toMatch(/"veel" is geen geldig aantal berichten/);
    expect(messageOf('12abc')).toMatch(/geen geldig aantal berichten/);
    expect(messageOf('+5')).toMatch(/geen geldig aantal berichten/);
  });

  it('reads back any count written with Dutch thousands separators (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), fc.constantFrom('.', ' ', '\u00A0', ',', ''), (n, sep) => {
        const text = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        expect(parseMessageCount(text)).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('messageCountFromNumber', () => {
  it('accepts whole numbers from 1 to 1.000.000.000', () => {
    expect(messageCountFromNumber(1)).toEqual({ ok: true, value: 1 });
    expect(messageCountFromNumber(1_000_000_000)).toEqual({ ok: true, value: 1_000_000_000 });
  });

  it('rejects fractions, non-finite numbers and out-of-range values in Dutch', () => {
    expect(messageCountFromNumber(1.5)).toMatchObject({ ok: false, message: expect.stringMatching(/geheel getal.*1,5/) });
    expect(messageCountFromNumber(Number.NaN)).toMatchObject({ ok: false, message: expect.stringMatching(/geen geldig getal/) });
    expect(messageCountFromNumber(Number.POSITIVE_INFINITY)).toMatchObject({ ok: false });
    expect(messageCountFromNumber(0)).toMatchObject({ ok: false, message: expect.stringMatching(/minimaal 1/) });
    expect(messageCountFromNumber(-3)).toMatchObject({ ok: false, message: expect.stringMatching(/minimaal 1/) });
    expect(messageCountFromNumber(2_000_000_000)).toMatchObject({ ok: false, message: expect.stringMatching(/2\.000\.000\.000/) });
  });
});
