import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// `pnpm start` (scripts/start.mjs) builds only when buildIsCurrent() says no. These tests hold that decision to a
// small fake tree in a temporary folder, so the real project is never rebuilt. The module is plain JavaScript,
// loaded by URL; its shape is written down here.
interface BuildScript {
  inputsHash(root: string): string;
  buildIsCurrent(root: string): boolean;
  buildStampWrite(inputs: string, root: string): void;
}
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = (await import(pathToFileURL(join(ROOT, 'scripts', 'build.mjs')).href)) as BuildScript;

let root: string;
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
/** What a full build leaves: both outputs and the stamp of the inputs as they are now. */
const fakeBuild = () => {
  put('server/dist/index.js', 'export {};\n');
  put('web/dist/index.html', '<!doctype html>\n');
  build.buildStampWrite(build.inputsHash(root), root);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cd-start-'));
  put('package.json', '{"name":"fake"}\n');
  put('scripts/build.mjs', '// fake\n');
  put('shared/src/capacity.ts', 'export const CAPACITY = 100;\n');
  put('server/src/index.ts', 'console.log(1);\n');
  put('web/src/main.tsx', 'export {};\n');
  put('db/migrations/0001_init.sql', 'select 1;\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('buildIsCurrent', () => {
  it('is false when there is no stamp, even with both outputs present', () => {
    put('server/dist/index.js', 'export {};\n');
    put('web/dist/index.html', '<!doctype html>\n');
    expect(build.buildIsCurrent(root)).toBe(false);
  });

  it('is true right after a build, false after a source edit, and true again after the next build', () => {
    fakeBuild();
    expect(build.buildIsCurrent(root)).toBe(true);
    put('shared/src/capacity.ts', 'export const CAPACITY = 101;\n');
    expect(build.buildIsCurrent(root)).toBe(false);
    fakeBuild();
    expect(build.buildIsCurrent(root)).toBe(true);
  });

  it('is false after a new source file or a new migration, each an input of the build', () => {
    fakeBuild();
    put('web/src/new-screen.tsx', 'export {};\n');
    expect(build.buildIsCurrent(root)).toBe(false);
    fakeBuild();
    put('db/migrations/0002_more.sql', 'select 2;\n');
    expect(build.buildIsCurrent(root)).toBe(false);
  });

  it('stays true after a change to a test, a README, node_modules or the outputs, none of them an input', () => {
    fakeBuild();
    put('shared/src/capacity.test.ts', 'it("x", () => {});\n');
    put('README.md', '# Nieuw\n');
    put('web/node_modules/x/index.js', 'module.exports = 1;\n');
    put('web/dist/assets/app.js', 'console.log(2);\n');
    expect(build.buildIsCurrent(root)).toBe(true);
  });

  it('is false when an output is missing or the stamp is unreadable, though the sources did not change', () => {
    fakeBuild();
    unlinkSync(join(root, 'web/dist/index.html'));
    expect(build.buildIsCurrent(root)).toBe(false);
    fakeBuild();
    put('server/dist/build-stamp.json', '{ niet af');
    expect(build.buildIsCurrent(root)).toBe(false);
  });

  it('gives a hash that depends on the content and the path of an input, not on when it was written', () => {
    const before = build.inputsHash(root);
    put('shared/src/capacity.ts', 'export const CAPACITY = 100;\n');
    expect(build.inputsHash(root)).toBe(before);
    rmSync(join(root, 'shared/src/capacity.ts'));
    put('shared/src/renamed.ts', 'export const CAPACITY = 100;\n');
    expect(build.inputsHash(root)).not.toBe(before);
  });
});
