import { describe, expect, it } from 'vitest';
import { conflictSharedSentence, dutchCount, dutchList } from './dutch-text.js';

describe('conflictSharedSentence', () => {
  it('names nobody else when the Afnemer is alone in the conflict', () => {
    expect(conflictSharedSentence(0)).toBe('Uw verzendmomenten overschrijden de capaciteit van de Berichtenbox.');
  });
  it('writes one other Afnemer in the singular and more in the plural', () => {
    expect(conflictSharedSentence(1)).toBe('Uw verzendmomenten overschrijden samen met die van één andere Afnemer de capaciteit van de Berichtenbox.');
    expect(conflictSharedSentence(2)).toBe('Uw verzendmomenten overschrijden samen met die van 2 andere Afnemers de capaciteit van de Berichtenbox.');
  });
  it('never writes "(s)" or a count of 0', () => {
    for (let n = 0; n < 12; n++) expect(conflictSharedSentence(n)).not.toMatch(/\(s\)| 0 /);
  });
});

describe('dutchList', () => {
  it('joins with commas and "en"', () => {
    expect(dutchList(['a', 'b', 'c'])).toBe('a, b en c');
  });
});

describe('dutchCount', () => {
  it('writes one in the singular', () => {
    expect(dutchCount(1, 'venster', 'vensters')).toBe('1 venster');
    expect(dutchCount(1, 'Afnemer', 'Afnemers')).toBe('1 Afnemer');
  });
  it('writes zero and more than one in the plural', () => {
    expect(dutchCount(0, 'venster', 'vensters')).toBe('0 vensters');
    expect(dutchCount(2, 'verplaatsing', 'verplaatsingen')).toBe('2 verplaatsingen');
    expect(dutchCount(11, 'Afnemer', 'Afnemers')).toBe('11 Afnemers');
  });
});
