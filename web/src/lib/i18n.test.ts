import { describe, expect, it } from 'vitest';
import { blockText, defineMessages } from './i18n';

const block = defineMessages({
  nl: { 'demo.greeting': 'Goedendag {name}', 'demo.only': 'Alleen Nederlands' },
  en: { 'demo.greeting': 'Good day {name}', 'demo.only': '' },
});

describe('page message blocks', () => {
  it('give the text in the chosen language, with its parameters filled in', () => {
    expect(blockText(block, 'nl', 'demo.greeting', { name: 'Anna' })).toBe('Goedendag Anna');
    expect(blockText(block, 'en', 'demo.greeting', { name: 'Anna' })).toBe('Good day Anna');
  });

  it('leave a parameter that was not given visible, so a missing value shows', () => {
    expect(blockText(block, 'nl', 'demo.greeting')).toBe('Goedendag {name}');
  });

  it('answer undefined for a key that is not theirs, so nl.ts is asked instead', () => {
    expect(blockText(block, 'nl', 'app.starting')).toBeUndefined();
  });
});
