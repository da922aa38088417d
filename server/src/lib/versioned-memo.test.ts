import { describe, expect, it } from 'vitest';
import { versionedMemo } from './versioned-memo.js';

describe('versionedMemo', () => {
  it('computes a key once per version, shared by concurrent callers', async () => {
    const remember = versionedMemo<number>();
    let calls = 0;
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([remember('1', 'k', compute), remember('1', 'k', compute)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    expect(await remember('1', 'other', compute)).toBe(2);
    // A new version drops every result.
    expect(await remember('2', 'k', compute)).toBe(3);
    expect(await remember('2', 'k', compute)).toBe(3);
  });

  it('does not keep a failed computation', async () => {
    const remember = versionedMemo<string>();
    await expect(
      remember('1', 'k', async () => {
        throw new Error('database weg');
      }),
    ).rejects.toThrow('database weg');
    expect(await remember('1', 'k', async () => 'gelukt')).toBe('gelukt');
  });

  it('keeps at most `size` results, dropping the oldest', async () => {
    const remember = versionedMemo<string>(2);
    let calls = 0;
    const compute = (v: string) => async () => {
      calls++;
      return v;
    };
    await remember('1', 'a', compute('a'));
    await remember('1', 'b', compute('b'));
    await remember('1', 'c', compute('c'));
    expect(calls).toBe(3);
    await remember('1', 'c', compute('c'));
    await remember('1', 'b', compute('b'));
    expect(calls).toBe(3);
    await remember('1', 'a', compute('a'));
    expect(calls).toBe(4);
  });

  it('computes a kept result again when `fresh` rejects it, and keeps the new one', async () => {
    const remember = versionedMemo<{ n: number; until: number }>();
    let calls = 0;
    const compute = async () => ({ n: ++calls, until: 100 });
    const freshAt = (now: number) => (v: { until: number }) => now < v.until;
    expect((await remember('1', 'k', compute, freshAt(50))).n).toBe(1);
    expect((await remember('1', 'k', compute, freshAt(99))).n).toBe(1);
    expect((await remember('1', 'k', compute, freshAt(100))).n).toBe(2);
    // Without `fresh` the kept (new) result is served as it is.
    expect((await remember('1', 'k', compute)).n).toBe(2);
  });

  it('does not keep a result computed for a version that has meanwhile been replaced', async () => {
    const remember = versionedMemo<string>();
    await remember('1', 'k', async () => 'oud');
    // `fresh` is asked once the kept result is read; by then version 2 has arrived, so the rebuild is for version 1.
    const late = remember(
      '1',
      'k',
      async () => 'laat',
      (v) => v !== 'oud',
    );
    expect(await remember('2', 'k', async () => 'nieuw')).toBe('nieuw');
    expect(await late).toBe('laat');
    expect(await remember('2', 'k', async () => 'anders')).toBe('nieuw');
  });
});
