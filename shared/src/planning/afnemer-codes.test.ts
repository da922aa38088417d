import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afnemerCoder } from './afnemer-codes.js';

/** The brute force: a code per distinct text, in order of first appearance. */
function codesBrute(oins: readonly string[]): { codes: number[]; afnemers: string[] } {
  const afnemers: string[] = [];
  const codes = oins.map((oin) => {
    const at = afnemers.indexOf(oin);
    if (at >= 0) return at;
    afnemers.push(oin);
    return afnemers.length - 1;
  });
  return { codes, afnemers };
}

describe('afnemerCoder', () => {
  it('gives each distinct text its own code in order of first appearance, as a Map would', () => {
    // Short strings, OIN-like ones that share their last three digits, and the empty string collide in the table.
    const oin = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.integer({ min: 0, max: 40 }).map((i) => `${String(i).padStart(17, '0')}123`),
      fc.integer({ min: 0, max: 3000 }).map((i) => String(i).padStart(20, '0')),
    );
    fc.assert(
      fc.property(fc.array(oin, { maxLength: 400 }), (oins) => {
        const coder = afnemerCoder();
        // Each text also as a new string object (concatenated at run time), so the table's comparison is by text.
        const codes = oins.map((o) => coder.code([...o].join('')));
        const brute = codesBrute(oins);
        expect(codes).toEqual(brute.codes);
        expect(coder.afnemers).toEqual(brute.afnemers);
      }),
      { numRuns: 300 },
    );
  });

  it('seeded with known Afnemers, keeps each at its index and codes the rest as a coder that met the known ones first', () => {
    const oin = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.integer({ min: 0, max: 3000 }).map((i) => String(i).padStart(20, '0')),
    );
    fc.assert(
      fc.property(fc.uniqueArray(oin, { maxLength: 50 }), fc.array(oin, { maxLength: 200 }), (known, oins) => {
        const coder = afnemerCoder(known);
        expect(coder.afnemers).toEqual(known);
        const codes = oins.map((o) => coder.code([...o].join('')));
        const brute = codesBrute([...known, ...oins]);
        expect(codes).toEqual(brute.codes.slice(known.length));
        expect(coder.afnemers).toEqual(brute.afnemers);
        // The seed list itself is not the coder's list (the coder appends to its own).
        expect(coder.afnemers).not.toBe(known);
      }),
      { numRuns: 200 },
    );
  });
});
