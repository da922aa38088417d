/**
 * Decision 003: the web takes values from shared only through its subpath exports (`@cd/shared/constants`, ...),
 * which must not load zod; from the `"."` barrel, which does, it takes types alone. Both halves are read here
 * from the sources, so a value import from the barrel, or a subpath that reaches zod, fails the suite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = join(ROOT, 'shared');
const WEB_SRC = join(ROOT, 'web', 'src');

/** Every import or re-export of `source` that exists at run time (not `import type` / `export type`). */
function runtimeImports(source: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\n;])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"]([^'"]+)['"]|(?:^|[\n;])\s*import\s+['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) {
    if (m[5] !== undefined) out.push(m[5]);
    else if (m[2] === undefined && !onlyTypes(m[3]!)) out.push(m[4]!);
  }
  return out;
}

/** `{ type A, type B }`: a clause naming types alone, which TypeScript drops. */
function onlyTypes(clause: string): boolean {
  const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const names = braces[1]!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

/** The files a module loads at run time, followed through relative imports; packages by name. */
function moduleGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const todo = [entry];
  const seen = new Set<string>();
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    files.push(file);
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) todo.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return { files, packages };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const exportsMap = (JSON.parse(readFileSync(join(SHARED, 'package.json'), 'utf8')) as { exports: Record<string, string> }).exports;
const subpaths = Object.entries(exportsMap).filter(([path]) => path !== '.');

describe('the subpath exports of @cd/shared', () => {
  it('include @cd/shared/constants', () => {
    expect(subpaths.map(([path]) => path)).toContain('./constants');
  });

  it.each(subpaths)('%s loads no zod, however deep', (_path, target) => {
    const graph = moduleGraph(join(SHARED, target));
    expect(graph.files.length).toBeGreaterThan(0);
    expect([...graph.packages]).not.toContain('zod');
  });

  it('@cd/shared/constants loads no package at all: values only, nothing that grows the web’s first load', () => {
    expect([...moduleGraph(join(SHARED, exportsMap['./constants']!)).packages]).toEqual([]);
  });

  it('are told from the barrel, which does load zod (so the check above can fail)', () => {
    expect(moduleGraph(join(SHARED, exportsMap['.']!)).packages).toContain('zod');
  });
});

describe('the web', () => {
  it('imports only types from the @cd/shared barrel, and values through subpaths', () => {
    const offenders: string[] = [];
    let subpathValues = 0;
    for (const file of sourceFiles(WEB_SRC)) {
      const imports = runtimeImports(readFileSync(file, 'utf8'));
      if (imports.includes('@cd/shared')) offenders.push(file.slice(ROOT.length + 1));
      subpathValues += imports.filter((s) => s.startsWith('@cd/shared/')).length;
    }
    expect(offenders).toEqual([]);
    expect(subpathValues).toBeGreaterThan(0);
  });

  it('reads a value import from the barrel as one (so the check above can fail)', () => {
    expect(runtimeImports("import { PROCEDURE_STEPS, type ProcedureStep } from '@cd/shared';")).toEqual(['@cd/shared']);
    expect(runtimeImports("import type { ProcedureStep } from '@cd/shared';\nimport { type Role } from '@cd/shared';")).toEqual([]);
    expect(runtimeImports("export { PROCEDURE_STEPS } from '@cd/shared';")).toEqual(['@cd/shared']);
  });
});
