import { describe, expect, it } from 'vitest';
import { afnemerNamesIn, mentionsOin } from './afnemer-names.js';

const names = new Map([
  ['00000001003214345000', 'Belastingdienst'],
  ['00000001234567890000', 'Gemeente Bergen'],
]);

describe('afnemerNamesIn', () => {
  it('names every known Afnemer and leaves an unknown OIN as it is', () => {
    expect(
      afnemerNamesIn(
        'Advies: Afnemer 00000001003214345000 verplaatst (tegen 12 van Afnemer 00000001234567890000 en 9 van Afnemer 00000009999999999000).',
        names,
      ),
    ).toBe('Advies: Afnemer Belastingdienst verplaatst (tegen 12 van Afnemer Gemeente Bergen en 9 van Afnemer 00000009999999999000).');
  });

  it('does not touch digits that are part of a longer number, nor shorter ones', () => {
    const text = 'kenmerk 100000001003214345000, venster 0000000100321434500, ok';
    expect(afnemerNamesIn(text, names)).toBe(text);
    expect(mentionsOin(text)).toBe(false);
  });

  it('tells whether a text names an OIN at all, also when asked twice', () => {
    expect(mentionsOin('van 00000001234567890000.')).toBe(true);
    expect(mentionsOin('van 00000001234567890000.')).toBe(true);
    expect(mentionsOin('Geen OIN hier.')).toBe(false);
  });
});
