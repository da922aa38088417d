import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afnemersScoped, afnemerScopeConcerns } from './afnemer-scope.js';

const A = '00000001000000000001';
const B = '00000001000000000002';
const C = '00000001000000000003';

describe('afnemersScoped', () => {
  it('shows Logius every Afnemer by OIN, each once', () => {
    expect(afnemersScoped([A, B, C, B], null)).toEqual({ afnemers: [A, B, C], otherAfnemers: 0 });
  });

  it('shows an Afnemer itself by OIN and the others only as a count', () => {
    expect(afnemersScoped([B, A, C], A)).toEqual({ afnemers: [A], otherAfnemers: 2 });
  });

  it('shows an Afnemer that is not in the slot no OIN at all, only how many there are', () => {
    expect(afnemersScoped([B, C], A)).toEqual({ afnemers: [], otherAfnemers: 2 });
    expect(afnemersScoped([], A)).toEqual({ afnemers: [], otherAfnemers: 0 });
  });

  it('never names another Afnemer to an Afnemer, and loses nobody in the count', () => {
    const oin = fc.constantFrom(A, B, C);
    fc.assert(
      fc.property(fc.array(oin, { maxLength: 8 }), oin, (slot, scope) => {
        const view = afnemersScoped(slot, scope);
        expect(view.afnemers.every((x) => x === scope)).toBe(true);
        expect(view.afnemers.length + view.otherAfnemers).toBe(new Set(slot).size);
      }),
    );
  });
});

describe('afnemerScopeConcerns', () => {
  it('concerns Logius always, an Afnemer only when it is named, and everyone when nobody is named', () => {
    expect(afnemerScopeConcerns(null, [B])).toBe(true);
    expect(afnemerScopeConcerns(null, [])).toBe(true);
    expect(afnemerScopeConcerns(A, [A, B])).toBe(true);
    expect(afnemerScopeConcerns(A, [B])).toBe(false);
    expect(afnemerScopeConcerns(A, [])).toBe(false);
    expect(afnemerScopeConcerns(A, null)).toBe(true);
  });
});
