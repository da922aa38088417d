import { randomBytes } from 'node:crypto';
import { afnemerUpsert, apiTokenCreate, createSql, userUpsert, type Sql, type UserRow } from '@cd/db';
import type { Role } from '@cd/shared';
import { createApp } from '@cd/server';
import { inject } from 'vitest';
import { withDatabase } from './global-setup.js';
import { passwordHash, secretToken, tokenHash } from '@cd/server/crypto';

export interface TestContext {
  sql: Sql;
  url: string;
  app: ReturnType<typeof createApp>;
  /** The clock the app sees; tests may move it. */
  clock: { now: Date };
  close(): Promise<void>;
}

/** A fresh database of its own (copied from the migrated template) and an app on it. */
export async function testDatabase(): Promise<TestContext> {
  const adminUrl = inject('adminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = createSql(adminUrl, { max: 1 });
  await admin.unsafe(`create database ${name} template ${inject('templateDb')}`);
  const url = withDatabase(adminUrl, name);
  const sql = createSql(url, { max: 8 });
  const clock = { now: new Date('2027-01-11T09:00:00Z') };
  const app = createApp({ sql, now: () => clock.now, sessionHours: 12 });
  return {
    sql,
    url,
    app,
    clock,
    close: async () => {
      await sql.end({ timeout: 1 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export const OIN_A = '00000001000000000001';
export const OIN_B = '00000001000000000002';

export interface Actor {
  user: UserRow;
  token: string;
  headers: Record<string, string>;
}

/** The password of every user that actor() and standardActors() create. */
export const TEST_PASSWORD = 'geheim-wachtwoord';

/** Creates a user with an API token, so requests can be made as them. */
export async function actor(sql: Sql, email: string, role: Role, afnemerOin: string | null = null): Promise<Actor> {
  const user = await userUpsert(sql, { email, name: email, role, afnemerOin, passwordHash: await passwordHash(TEST_PASSWORD) });
  const token = secretToken('cdt');
  // Far beyond any clock the tests set: these tokens are the tests' way in, not what they test.
  await apiTokenCreate(sql, tokenHash(token), user.id, new Date('2100-01-01T00:00:00Z'), 'test');
  return { user, token, headers: { Authorization: `Bearer ${token}` } };
}

export type StandardActors = Awaited<ReturnType<typeof standardActors>>;

/** Two Afnemers and an actor of each kind the tests need. */
export async function standardActors(sql: Sql) {
  await afnemerUpsert(sql, { oin: OIN_A, name: 'Afnemer A' });
  await afnemerUpsert(sql, { oin: OIN_B, name: 'Afnemer B' });
  return {
    plannerA: await actor(sql, 'planner@a.example', 'planner', OIN_A),
    plannerB: await actor(sql, 'planner@b.example', 'planner', OIN_B),
    klantraadA: await actor(sql, 'klantraad@a.example', 'klantraad-manager', OIN_A),
    capacity: await actor(sql, 'capaciteit@logius.example', 'capacity-manager'),
    service: await actor(sql, 'service@logius.example', 'service-manager'),
    admin: await actor(sql, 'beheer@logius.example', 'admin'),
  };
}

/** A JSON request to the app as `a` (no body when `body` is undefined). */
export function apiRequest(app: TestContext['app'], method: string, path: string, a: Actor, body?: unknown) {
  return app.request(path, {
    method,
    headers: { ...a.headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
