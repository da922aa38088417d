import { describe, expect, it } from 'vitest';
import { LIVE_CHANGE_KINDS, liveChangeFor, liveChangeKindIs } from './live-changes.js';

const A = '00000001000000000001';
const B = '00000001000000000002';
const C = '00000001000000000003';

describe('liveChangeFor', () => {
  it('passes Logius every change, without saying whom it concerns', () => {
    expect(liveChangeFor({ kind: 'procedure', conflictId: 7, afnemers: [B] }, 1, null)).toEqual({ kind: 'procedure', conflictId: 7 });
    expect(liveChangeFor({ kind: 'conflicts', afnemers: [] }, 1, null)).toEqual({ kind: 'conflicts' });
  });

  it('passes an Afnemer its own conflicts and windows, and what concerns everyone', () => {
    expect(liveChangeFor({ kind: 'procedure', conflictId: 7, afnemers: [A, B] }, 1, A)).toEqual({ kind: 'procedure', conflictId: 7 });
    expect(liveChangeFor({ kind: 'prognoses', afnemers: [A] }, 1, A)).toEqual({ kind: 'prognoses' });
    expect(liveChangeFor({ kind: 'capacity' }, 1, A)).toEqual({ kind: 'capacity' });
  });

  it('tells an Afnemer nothing of conflicts it is not in, and of another’s windows only that the load moved', () => {
    expect(liveChangeFor({ kind: 'procedure', conflictId: 7, afnemers: [B, C] }, 1, A)).toBeNull();
    expect(liveChangeFor({ kind: 'conflicts', afnemers: [B] }, 1, A)).toBeNull();
    expect(liveChangeFor({ kind: 'conflicts', afnemers: [] }, 1, A)).toBeNull();
    expect(liveChangeFor({ kind: 'prognoses', afnemers: [B] }, 1, A)).toEqual({ kind: 'load' });
  });

  it('passes a notification only to its addressees, Logius included', () => {
    expect(liveChangeFor({ kind: 'notifications', users: [1, 2] }, 2, A)).toEqual({ kind: 'notifications' });
    expect(liveChangeFor({ kind: 'notifications', users: [1, 2] }, 3, null)).toBeNull();
  });
});

describe('liveChangeKindIs', () => {
  it('accepts every listed kind and nothing else, not even what every object has', () => {
    for (const kind of LIVE_CHANGE_KINDS) expect(liveChangeKindIs(kind)).toBe(true);
    for (const other of ['toString', 'constructor', '__proto__', 'afnemers', 'Prognoses', '', null, undefined, 1, { kind: 'load' }]) {
      expect(liveChangeKindIs(other)).toBe(false);
    }
  });
});
