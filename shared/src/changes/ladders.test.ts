import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANGE_LADDER_LEVELS, CHANGE_LADDERS, changeLadderNext } from './ladders.js';

describe('changeLadderNext', () => {
  it('asks for the consultation first, on every ladder', () => {
    for (const ladder of CHANGE_LADDERS) expect(changeLadderNext(ladder, false, 0)).toEqual({ step: 'overleggen' });
  });
  it('then climbs Service manager, Teamleider PD Levering, Afdelingshoofd (section 7.3), and stops', () => {
    const titles: string[] = [];
    for (let n = changeLadderNext('functioneel', true, 0); n?.step === 'escaleren'; n = changeLadderNext('functioneel', true, n.level.level))
      titles.push(n.level.logius.title);
    expect(titles).toEqual(['Service manager', 'Teamleider PD Levering', 'Afdelingshoofd']);
    expect(changeLadderNext('technisch', true, 3)).toBeNull();
  });
  it('gives every Logius level an Afnemer side at the same level', () => {
    for (const ladder of CHANGE_LADDERS) for (const l of CHANGE_LADDER_LEVELS[ladder]) expect(l.afnemer.title.startsWith(`${l.level}e escalatie`)).toBe(true);
  });
  it('never skips a level once consulted (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHANGE_LADDERS), fc.integer({ min: 0, max: 6 }), (ladder, level) => {
        const next = changeLadderNext(ladder, true, level);
        expect(next === null ? level >= CHANGE_LADDER_LEVELS[ladder].length : next.step === 'escaleren' && next.level.level === level + 1).toBe(true);
      }),
    );
  });
});
