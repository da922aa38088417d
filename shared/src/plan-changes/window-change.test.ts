import { describe, expect, it } from 'vitest';
import { windowChangeIssues } from './window-change.js';

const at = (iso: string) => Date.parse(iso);
const bounds = { vroegsteStart: at('2027-02-01T08:00:00+01:00'), laatsteEind: at('2027-02-01T18:00:00+01:00') };

describe('windowChangeIssues', () => {
  it('allows a window from exactly the vroegste start to exactly the laatste eind', () => {
    expect(windowChangeIssues(bounds, { start: bounds.vroegsteStart, end: bounds.laatsteEind, aantalBerichten: 1 })).toEqual([]);
  });

  it('names each broken bound in Dutch with Amsterdam time', () => {
    expect(windowChangeIssues(bounds, { start: at('2027-02-01T07:45:00+01:00'), end: at('2027-02-01T18:15:00+01:00') })).toEqual([
      { field: 'start', message: 'De start (01-02-2027 07:45) mag niet voor de vroegste start (01-02-2027 08:00) liggen.' },
      { field: 'eind', message: 'Het eind (01-02-2027 18:15) mag niet na het laatste eind (01-02-2027 18:00) liggen.' },
    ]);
  });

  it('refuses an end not after the start and a volume that is not a positive whole number', () => {
    const t = at('2027-02-01T10:00:00+01:00');
    expect(windowChangeIssues({ vroegsteStart: null, laatsteEind: null }, { start: t, end: t, aantalBerichten: 1.5 }).map((i) => i.field)).toEqual([
      'eind',
      'aantalBerichten',
    ]);
    expect(windowChangeIssues({ vroegsteStart: null, laatsteEind: null }, { start: t, end: t + 1, aantalBerichten: 0 }).map((i) => i.field)).toEqual([
      'aantalBerichten',
    ]);
  });
});
