import { describe, expect, it } from 'vitest';
import { backlogByBucket, backlogDrainIndex } from './backlog.js';

describe('backlogByBucket', () => {
  it('queues messages over capacity and drains them with spare capacity', () => {
    expect([...backlogByBucket([1500, 500, 0], [1000, 1000, 1000])]).toEqual([500, 0, 0]);
  });

  it('carries a backlog across several buckets', () => {
    expect([...backlogByBucket([1500, 1200, 900, 500], [1000, 1000, 1000, 1000])]).toEqual([500, 700, 600, 100]);
  });

  it('never goes below zero and starts from zero', () => {
    expect([...backlogByBucket([0, 2000], [1000, 1000])]).toEqual([0, 1000]);
  });

  it('queues every message under zero capacity', () => {
    expect([...backlogByBucket([5, 5], [0, 0])]).toEqual([5, 10]);
  });

  it('treats a remainder within the planning tolerance as drained', () => {
    expect([...backlogByBucket([1000 + 1e-10, 0.1 + 0.2], [1000, 0.3])]).toEqual([0, 0]);
  });

  it('rejects series of different lengths', () => {
    expect(() => backlogByBucket([1], [1, 2])).toThrow(RangeError);
  });
});

describe('backlogDrainIndex', () => {
  it('finds the first empty bucket at or after the given index', () => {
    expect(backlogDrainIndex([0, 5, 3, 0, 2], 1)).toBe(3);
    expect(backlogDrainIndex([0, 5, 3, 0, 2], 3)).toBe(3);
  });

  it('gives null when the backlog does not drain in the series', () => {
    expect(backlogDrainIndex([0, 5, 3], 1)).toBeNull();
  });
});
