import { describe, expect, it } from 'vitest';
import { loadExceeds } from './tolerance.js';

describe('loadExceeds', () => {
  it('does not count equality as exceeding', () => {
    expect(loadExceeds(1000, 1000)).toBe(false);
  });

  it('counts a real excess, however small in messages', () => {
    expect(loadExceeds(1000.001, 1000)).toBe(true);
  });

  it('ignores rounding noise of a billionth', () => {
    expect(loadExceeds(0.1 + 0.2, 0.3)).toBe(false);
    expect(loadExceeds(1e6 * (1 + 1e-12), 1e6)).toBe(false);
  });

  it('treats any real load above a zero limit as exceeding', () => {
    expect(loadExceeds(0.01, 0)).toBe(true);
    expect(loadExceeds(0, 0)).toBe(false);
  });
});
