import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../helpers/e2e-build.js';

const LIMIT = 250 * 1024;

/** The JavaScript a first visit loads: the entry module and the chunks index.html preloads. */
function initialScripts(html: string): string[] {
  const entry = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...entry, ...preloads])];
}

describe('the initial bundle', () => {
  it('is at most 250 KB of JavaScript gzipped, with the chart and the pages split off', () => {
    const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
    const files = initialScripts(html);
    expect(files.length).toBeGreaterThan(0);
    let total = 0;
    for (const f of files) {
      const size = gzipSync(readFileSync(join(WEB_DIST, f.replace(/^\//, ''))), { level: 9 }).length;
      total += size;
      console.log(`  ${f}: ${(size / 1024).toFixed(1)} KB gzipped`);
    }
    console.log(`Initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (limit ${LIMIT / 1024} KB) in ${files.length} file(s)`);
    expect(total).toBeLessThanOrEqual(LIMIT);
    // recharts must not be in the first load: the chart chunk is loaded on demand.
    for (const f of files) expect(readFileSync(join(WEB_DIST, f.replace(/^\//, '')), 'utf8')).not.toContain('recharts-reference-area');
  });
});
