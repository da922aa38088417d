import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 14: route modules stay small (one file per (sub)resource) and turn rows into JSON only through server/src/views/.
const dir = import.meta.dirname;
const routeFiles = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const source = (f: string) => readFileSync(join(dir, f), 'utf8');

describe('server/src/routes', () => {
  it('holds the route modules', () => {
    expect(routeFiles).toContain('conflicts.ts');
    expect(routeFiles.length).toBeGreaterThan(20);
  });

  it.each(routeFiles)('%s stays under 250 lines', (f) => {
    expect(source(f).split('\n').length).toBeLessThan(250);
  });

  it.each(routeFiles)('%s defines no JSON mapper of its own (they live in server/src/views/)', (f) => {
    expect(source(f).match(/^(export )?(async function|function|const) \w+Json\b/gm) ?? []).toEqual([]);
  });

  // Each router hangs at its resource path in app.ts (`.route('/conflicts', conflicts)`); inside, paths are relative to it.
  const mounts = [...readFileSync(join(dir, '../app.ts'), 'utf8').matchAll(/\.route\('(\/[a-z-]+)', \w+\)/g)].map((m) => m[1]!);

  it('app.ts mounts the routers at their resource paths', () => {
    expect(mounts).toEqual(expect.arrayContaining(['/conflicts', '/incidents', '/prognoses', '/rfcs', '/deliveries']));
  });

  it.each(routeFiles)('%s declares its paths relative to the resource it is mounted at', (f) => {
    const paths = [...source(f).matchAll(/^\s+path: '([^']*)',$/gm)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => mounts.some((m) => p === m || p.startsWith(`${m}/`)))).toEqual([]);
  });
});
