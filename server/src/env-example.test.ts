import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, configFromEnv } from './config.js';

const EXAMPLE = join(import.meta.dirname, '../../.env.example');

/** The KEY=value lines of an env file (comments and blank lines skipped). */
function envFileEntries(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) entries.set(m[1]!, m[2]!);
  }
  return entries;
}

describe('.env.example', () => {
  const entries = envFileEntries(readFileSync(EXAMPLE, 'utf8'));
  const defaults: Record<string, unknown> = configFromEnv({});

  it('names every variable the server reads from its environment', () => {
    const missing = Object.keys(ConfigSchema.shape).filter((key) => !entries.has(key));
    expect(missing).toEqual([]);
  });

  it('names the metrics and proxy settings of issue 15', () => {
    expect([...entries.keys()]).toEqual(expect.arrayContaining(['METRICS_TOKEN', 'METRICS_PORT', 'TRUST_PROXY']));
  });

  it.each(Object.keys(ConfigSchema.shape))('shows the default of %s (empty where there is none)', (key) => {
    const value = entries.get(key) ?? '';
    expect(value).toBe(defaults[key] === undefined ? '' : String(defaults[key]));
  });

  it('is a valid configuration as it stands', () => {
    expect(() => configFromEnv(Object.fromEntries(entries))).not.toThrow();
  });

  it('would be caught by the check when a variable is left out', () => {
    const without = envFileEntries(readFileSync(EXAMPLE, 'utf8').replace(/^DB_POOL=.*$/m, ''));
    expect(Object.keys(ConfigSchema.shape).filter((key) => !without.has(key))).toEqual(['DB_POOL']);
  });
});
