import { describe, expect, it } from 'vitest';

// Read from disk: Vitest hands a stylesheet to an import as an empty string. The web's tsconfig has no Node types, so
// the few functions used are typed here.
declare global {
  interface ImportMeta {
    url: string;
  }
}
type Fs = { readFileSync(path: URL, encoding: 'utf8'): string; readdirSync(path: URL, options: { recursive: true }): string[] };
const fs = (await import(['node', 'fs'].join(':'))) as Fs;
const src = new URL('../', import.meta.url);
const files = fs.readdirSync(src, { recursive: true }).map((f) => f.replaceAll('\\', '/'));
const read = (path: string) => fs.readFileSync(new URL(path, src), 'utf8');

const stylesheets = Object.fromEntries(files.filter((f) => f.endsWith('.css')).map((f) => [f, read(f)]));
const sources = Object.fromEntries([...files.filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)), '../index.html'].map((f) => [f, read(f)]));
const code = Object.values(sources).join('\n');

/**
 * Classes that no source names but a library renders, each with the import that makes it render: when that import
 * goes, the class is dead and this test says so.
 */
const RENDERED_BY_LIBRARY: Record<string, RegExp> = {
  'recharts-wrapper': /import \{[^}]*\bComposedChart\b[^}]*\} from 'recharts'/,
  'recharts-surface': /import \{[^}]*\bComposedChart\b[^}]*\} from 'recharts'/,
};

/** The selectors of a stylesheet: the text before each `{`, without comments and declarations. */
function selectorsOf(css: string): string[] {
  const plain = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors: string[] = [];
  for (const m of plain.matchAll(/([^{};]+)\{/g)) {
    const s = m[1]!.trim();
    if (!s.startsWith('@')) selectors.push(s);
  }
  return selectors;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when the source names the class, whole or as a modifier built from a prefix (`badge--${kind}`). */
function classUsed(name: string): boolean {
  if (new RegExp(`(?<![\\w-])${escapeRegExp(name)}(?![\\w-])`).test(code)) return true;
  for (const m of name.matchAll(/--|__/g)) if (code.includes(`${name.slice(0, m.index + 2)}\${`)) return true;
  const library = RENDERED_BY_LIBRARY[name];
  return library?.test(code) === true;
}

/** Every class and every aria-labelledby target the stylesheets select on, with the file it stands in. */
function selected(): { file: string; kind: 'class' | 'id'; name: string }[] {
  return Object.entries(stylesheets).flatMap(([file, css]) =>
    selectorsOf(css).flatMap((selector) => [
      ...[...selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => ({ file, kind: 'class' as const, name: m[1]! })),
      ...[...selector.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => ({ file, kind: 'id' as const, name: m[1]! })),
    ]),
  );
}

describe('the stylesheets of the web', () => {
  it('select only classes and ids that some component renders', () => {
    const dead = selected().filter((s) => (s.kind === 'class' ? !classUsed(s.name) : !code.includes(`"${s.name}"`)));
    expect(dead.map((s) => `${s.file}: ${s.kind === 'class' ? '.' : '#'}${s.name}`)).toEqual([]);
  });

  it('notices a class that no component renders, a modifier built from a prefix and a library class', () => {
    expect(classUsed('recharts-tooltip-wrapper')).toBe(false);
    expect(classUsed('field-label')).toBe(false);
    expect(classUsed('badge--definitief')).toBe(true);
    expect(classUsed('badge--logius-decides')).toBe(true);
    expect(classUsed('recharts-wrapper')).toBe(true);
    expect(selectorsOf('/* .a { } */ .b .c:hover, .d > e { color: red } @media print { .f { x: y } }')).toEqual(['.b .c:hover, .d > e', '.f']);
  });

  it('reads every stylesheet and the sources, each with its text', () => {
    expect(Object.keys(stylesheets)).toEqual(expect.arrayContaining(['styles/base.css', 'styles/services.css']));
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    expect(
      Object.entries({ ...stylesheets, ...sources })
        .filter(([, text]) => text.trim() === '')
        .map(([f]) => f),
    ).toEqual([]);
  });
});
