import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LADDER_LEVELS, ladderLevel, ladderNext } from './ladders.js';

describe('ladderNext', () => {
  it('runs the incident ladder Incidentmanager then Calamiteitenmanager, then stops', () => {
    expect(ladderNext('incident', 0)?.title).toBe('Incidentmanager');
    expect(ladderNext('incident', 1)?.title).toBe('Calamiteitenmanager');
    expect(ladderNext('incident', 2)).toBeNull();
  });
  it('runs the general ladder from Servicecentrum to Directeur Logius in five steps', () => {
    const titles: string[] = [];
    for (let l = ladderNext('algemeen', 0); l; l = ladderNext('algemeen', l.level)) titles.push(l.title);
    expect(titles).toEqual([
      'Servicecentrum Logius',
      'Service manager Logius',
      'Teamleider/coördinator MijnOverheid',
      'Afdelingshoofd Portaaldiensten',
      'Directeur Logius',
    ]);
  });
  it('never skips a level (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('incident' as const, 'algemeen' as const), fc.integer({ min: 0, max: 10 }), (ladder, current) => {
        const next = ladderNext(ladder, current);
        expect(next === null ? current >= LADDER_LEVELS[ladder].length : next.level === current + 1).toBe(true);
      }),
    );
  });
  it('has no level 0', () => {
    expect(ladderLevel('algemeen', 0)).toBeNull();
    expect(ladderLevel('algemeen', 5)?.contactRole).toBe('directeur');
  });
});
