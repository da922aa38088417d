/** A fresh database filled with a year of planning data, shared by `pnpm bench` and `pnpm loadtest`. */
import { createServer } from 'node:net';
import {
  afnemerUpsert,
  capacityProfileSet,
  createSql,
  deliveryStore,
  migrate,
  startEmbeddedPostgres,
  userUpsert,
  type Sql,
  type UserRow,
} from '../db/src/index.js';
import { amsterdamOffsetAt, type NewSendWindow } from '../shared/src/index.js';
import { planningBenchData, type BenchData } from './data.js';

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** An instant as a Dutch planner types it: dd-mm-jjjj uu:mm in Amsterdam time. */
export function localText(ms: number): string {
  const d = new Date(ms + amsterdamOffsetAt(ms));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}-${p(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export interface YearDatabase {
  url: string;
  sql: Sql;
  data: BenchData;
  manager: UserRow;
  close(): Promise<void>;
}

/** Creates database `name` (on DATABASE_URL, or an embedded server in .data/<name>) with 50,000 windows of 2027. */
export async function yearDatabaseCreate(name: string): Promise<YearDatabase> {
  let adminUrl = process.env.DATABASE_URL;
  const pg = adminUrl ? null : await startEmbeddedPostgres({ dataDir: `.data/${name}`, port: await freePort() });
  adminUrl ??= pg!.url;
  const admin = createSql(adminUrl, { max: 1 });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const sql = createSql(u.toString());
  await migrate(sql);
  const data = planningBenchData({ windows: 50_000, year: 2027 });
  const manager = await userUpsert(sql, { email: `capaciteit@${name}.example`, name: '', role: 'capacity-manager', afnemerOin: null, passwordHash: null });
  const byAfnemer = new Map<string, NewSendWindow[]>();
  for (const w of data.windows) {
    const list = byAfnemer.get(w.afnemer) ?? [];
    list.push({
      afnemer: w.afnemer,
      kenmerk: w.kenmerk,
      omschrijving: '',
      berichttype: 'Bericht',
      start: new Date(w.start),
      end: new Date(w.end),
      aantalBerichten: Math.max(1, Math.round(w.volume)),
      status: w.status === 'geannuleerd' ? 'concept' : w.status,
      vroegsteStart: null,
      laatsteEind: null,
    });
    byAfnemer.set(w.afnemer, list);
  }
  await sql.begin(async (tx) => {
    for (const oin of data.afnemers) await afnemerUpsert(tx, { oin, name: `Afnemer ${oin.slice(-6)}` });
    for (const [oin, windows] of byAfnemer)
      await deliveryStore(tx, { afnemerOin: oin, userId: manager.id, fileName: null, contentType: 'text/csv', windows, at: new Date() });
    // On the date of the newest stored profile, so it replaces that one, and (as the only date) holds all year.
    const [newest] = await tx<{ date: string }[]>`select max(effective_from)::text as date from capacity_profiles`;
    await capacityProfileSet(tx, { ratesPerHour: [...data.profile], threshold: 1, warningLevel: 0.8, userId: manager.id, effectiveFrom: newest!.date });
  });
  // As autovacuum would have done to a year's worth of data: statistics, and the visibility map index-only scans use.
  await sql`vacuum analyze`;
  return {
    url: u.toString(),
    sql,
    data,
    manager,
    close: async () => {
      await sql.end({ timeout: 1 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      await pg?.stop();
    },
  };
}
