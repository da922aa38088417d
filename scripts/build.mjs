// Builds what production runs: the web app (web/dist, precompressed by its Vite config) and the server
// (server/dist: index.js, cli.js and the CPU worker, bundled by esbuild with @cd/shared and @cd/db inlined).
// After it, the server is `node server/dist/index.js`. A stamp with the hash of every input lets
// scripts/start.mjs build only when the sources changed.
//
//   node scripts/build.mjs          web and server
//   node scripts/build.mjs web      only the web app (the browser tests' global setup)
//   node scripts/build.mjs server   only the server
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_DIST = join(ROOT, 'server', 'dist');
export const WEB_DIST = join(ROOT, 'web', 'dist');
// The stamp sits in server/dist of the tree it describes; `root` is a parameter so a test can use a small fake tree.
const stampPath = (root) => join(root, 'server', 'dist', 'build-stamp.json');

// Everything a build reads. Tests, READMEs and node_modules are left out: changing them changes no output.
const INPUTS = [
  'shared/src',
  'shared/package.json',
  'db/src',
  'db/migrations',
  'db/package.json',
  'server/src',
  'server/package.json',
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'web/package.json',
  'package.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'scripts/build.mjs',
];

function filesUnder(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  const out = [];
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(root, child));
    else if (!/\.test\.tsx?$/.test(entry.name)) out.push(child);
  }
  return out;
}

/** SHA-256 over the path and content of every build input under `root`, in a fixed order. */
export function inputsHash(root = ROOT) {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((path) => filesUnder(root, path)).sort()) {
    hash.update(file.replaceAll('\\', '/'));
    hash.update('\0');
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when both builds under `root` exist and were made from the sources as they are now. */
export function buildIsCurrent(root = ROOT) {
  const stamp = stampPath(root);
  if (!existsSync(stamp) || !existsSync(join(root, 'server', 'dist', 'index.js')) || !existsSync(join(root, 'web', 'dist', 'index.html'))) {
    return false;
  }
  try {
    return JSON.parse(readFileSync(stamp, 'utf8')).inputs === inputsHash(root);
  } catch {
    return false;
  }
}

/** Writes the stamp of a full build under `root`: the hash of the inputs it was made from. */
export function buildStampWrite(inputs, root = ROOT) {
  writeFileSync(stampPath(root), `${JSON.stringify({ inputs, builtAt: new Date().toISOString() }, null, 2)}\n`);
}

/** vite build of web/ (production React even when called from Vitest, which sets NODE_ENV=test). */
export function buildWeb({ quiet = false } = {}) {
  const run = spawnSync('pnpm', ['--filter', '@cd/web', 'build'], {
    cwd: ROOT,
    // Progress goes to stderr, so the stdout of `pnpm start` carries only the server's log lines.
    stdio: ['ignore', quiet ? 'ignore' : 2, 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) throw new Error(`De webapp bouwen mislukte (exitcode ${run.status}).`);
}

/** The packages the server loads from node_modules at runtime: its own dependencies, except the workspace ones. */
function serverExternals() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'server', 'package.json'), 'utf8'));
  return new Set(
    Object.entries(pkg.dependencies ?? {})
      .filter(([, v]) => !String(v).startsWith('workspace:'))
      .map(([k]) => k),
  );
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * esbuild bundle of the server's entry points into server/dist (or `outDir`: tests/e2e/image-runtime.test.ts
 * builds into a folder of its own), plus the migrations beside them.
 */
export async function buildServer(outDir = SERVER_DIST) {
  const { build } = await import('esbuild');
  const externals = serverExternals();
  rmSync(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: {
      index: 'server/src/index.ts',
      cli: 'server/src/cli.ts',
      'cpu-worker': 'server/src/services/cpu-worker.ts',
    },
    outdir: outDir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    // A bundled CommonJS module may call require(): give the ESM output one.
    banner: { js: "import { createRequire as __cdRequire } from 'node:module'; const require = __cdRequire(import.meta.url);" },
    plugins: [
      {
        name: 'server-externals',
        setup(b) {
          // Bare imports of the server's own dependencies stay imports; the workspace packages and their
          // pure dependencies (date-fns) are inlined, so nothing outside server/node_modules is needed.
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('node:')) return { path: args.path, external: true };
            return externals.has(packageName(args.path)) ? { path: args.path, external: true } : undefined;
          });
        },
      },
    ],
  });
  // db/src/migrate.ts finds them in a migrations folder beside the bundle.
  cpSync(join(ROOT, 'db', 'migrations'), join(outDir, 'migrations'), { recursive: true });
}

/** Builds what `what` names (web, server or both) and, after a full build, writes the stamp. */
export async function buildAll(what = 'all', { quiet = false } = {}) {
  const inputs = what === 'all' ? inputsHash() : null;
  const started = performance.now();
  if (what === 'all' || what === 'web') buildWeb({ quiet });
  if (what === 'all' || what === 'server') await buildServer();
  if (inputs) buildStampWrite(inputs);
  if (!quiet) {
    const where = [what !== 'server' && relative(ROOT, WEB_DIST), what !== 'web' && relative(ROOT, SERVER_DIST)].filter(Boolean).join(' en ');
    console.error(`Gebouwd in ${((performance.now() - started) / 1000).toFixed(1)} s: ${where}.`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const what = process.argv[2] ?? 'all';
  if (!['all', 'web', 'server'].includes(what)) {
    console.error('Gebruik: node scripts/build.mjs [web|server]');
    process.exit(2);
  }
  buildAll(what).catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
