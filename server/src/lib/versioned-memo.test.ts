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
});
