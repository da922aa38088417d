/**
 * The command line (`pnpm cli`), run as a real process against a test database. On the machine's clock: the CLI is
 * an operator's command like the production server and takes no other clock, so the token times it writes are
 * compared with Date.now() and the app's clock is moved to them (see below), not to TEST_NOW.
 */
import { spawnSync } from 'node:child_process';
import { tokenHash } from '@cd/server/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIN_A, testDatabase, type TestContext } from './helpers/test-db.js';

let t: TestContext;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.close());

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

describe('pnpm cli', () => {
  it('adds an Afnemer, a planner with a password, and an API token that works', async () => {
    expect(cli('afnemer', 'add', '--oin', OIN_A, '--name', 'Gemeente Aa').out).toBe(`Afnemer Gemeente Aa (${OIN_A}) opgeslagen.`);
    const added = cli('user', 'add', '--email', 'Planner@AA.example', '--role', 'planner', '--afnemer', OIN_A, '--password', 'lang-genoeg-1');
    expect(added).toMatchObject({ status: 0, out: `Gebruiker planner@aa.example (planner, ${OIN_A}) opgeslagen.` });
    const [user] = await t.sql`select role, afnemer_oin, password_hash from users where email = 'planner@aa.example'`;
    expect(user).toMatchObject({ role: 'planner', afnemerOin: OIN_A });
    expect(user!.passwordHash).not.toContain('lang-genoeg-1');

    const token = cli('token', 'add', '--email', 'planner@aa.example');
    expect(token.status).toBe(0);
    const secret = token.out.split('\n').at(-1)!;
    // Stored hashed, and it signs in.
    expect((await t.sql`select count(*)::int as n from api_tokens where token_hash = ${tokenHash(secret)}`)[0]!.n).toBe(1);
    const me = await t.app.request('/api/v1/sessions/current', { headers: { Authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
  });

  it('designates who may file RFCs for their Afnemer, and takes it back', async () => {
    cli('afnemer', 'add', '--oin', OIN_A, '--name', 'Gemeente Aa');
    cli('user', 'add', '--email', 'wijziging@aa.example', '--role', 'planner', '--afnemer', OIN_A);
    const may = async () => (await t.sql`select may_file_rfc from users where email = 'wijziging@aa.example'`)[0]!.mayFileRfc;
    expect(cli('rfc', 'allow', '--email', 'wijziging@aa.example')).toMatchObject({
      status: 0,
      out: `wijziging@aa.example mag nu namens ${OIN_A} RFC's indienen.`,
    });
    expect(await may()).toBe(true);
    expect(cli('rfc', 'deny', '--email', 'wijziging@aa.example').out).toBe(`wijziging@aa.example mag niet langer namens ${OIN_A} RFC's indienen.`);
    expect(await may()).toBe(false);
  });

  it('adds tokens with a lifetime and label, lists them, and revokes one or all; revoked tokens stop working', async () => {
    cli('afnemer', 'add', '--oin', OIN_A, '--name', 'Gemeente Aa');
    cli('user', 'add', '--email', 'koppeling@aa.example', '--role', 'planner', '--afnemer', OIN_A);
    const before = Date.now();
    const short = cli('token', 'add', '--email', 'koppeling@aa.example', '--days', '30', '--label', 'Koppeling SAP');
    expect(short.status).toBe(0);
    expect(short.out).toMatch(/^API-token \d+ voor koppeling@aa\.example, geldig tot \d\d-\d\d-\d{4} \d\d:\d\d/);
    const shortSecret = short.out.split('\n').at(-1)!;
    const long = cli('token', 'add', '--email', 'koppeling@aa.example');
    const longSecret = long.out.split('\n').at(-1)!;
    const rows = await t.sql<{ id: number; label: string; createdAt: Date; expiresAt: Date; revokedAt: Date | null }[]>`
      select t.id::int, t.label, t.created_at, t.expires_at, t.revoked_at from api_tokens t join users u on u.id = t.user_id
      where u.email = 'koppeling@aa.example' order by t.id`;
    expect(rows.map((r) => [r.label, Math.round((r.expiresAt.getTime() - r.createdAt.getTime()) / 86_400_000), r.revokedAt])).toEqual([
      ['Koppeling SAP', 30, null],
      ['', 365, null],
    ]);
    expect(rows[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [shortId, longId] = rows.map((r) => r.id) as [number, number];

    const list = cli('token', 'list', '--email', 'koppeling@aa.example');
    expect(list.status).toBe(0);
    expect(list.out.split('\n').map((line) => line.split('\t').slice(0, 2))).toEqual([
      [String(longId), 'actief'],
      [String(shortId), 'actief'],
    ]);
    expect(list.out).toContain('Koppeling SAP');
    expect(list.out).toContain('nooit gebruikt');
    expect(list.out).not.toContain(shortSecret);

    const one = cli('token', 'revoke', '--email', 'koppeling@aa.example', '--id', String(shortId));
    expect(one).toMatchObject({ status: 0, out: `Token ${shortId} van koppeling@aa.example ingetrokken.` });
    const revoked = await t.sql<
      { id: number; revokedAt: Date | null }[]
    >`select id::int, revoked_at from api_tokens where id in ${t.sql([shortId, longId])} order by id`;
    expect(revoked.map((r) => r.revokedAt !== null)).toEqual([true, false]);
    const refused = await t.app.request('/api/v1/sessions/current', { headers: { Authorization: `Bearer ${shortSecret}` } });
    expect(refused.status).toBe(401);
    // The app's clock is in January 2027; the token was made now, so ask at its own creation time.
    t.clock.now = new Date(rows[1]!.createdAt.getTime() + 1000);
    expect((await t.app.request('/api/v1/sessions/current', { headers: { Authorization: `Bearer ${longSecret}` } })).status).toBe(200);
    expect(cli('token', 'list', '--email', 'koppeling@aa.example').out).toMatch(new RegExp(`^${shortId}\tingetrokken`, 'm'));

    const again = cli('token', 'revoke', '--email', 'koppeling@aa.example', '--id', String(shortId));
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/Token \d+ van koppeling@aa\.example was al ingetrokken\./);

    const all = cli('token', 'revoke', '--email', 'koppeling@aa.example');
    expect(all).toMatchObject({ status: 0, out: `Token ${longId} van koppeling@aa.example ingetrokken.` });
    expect((await t.sql`select count(*)::int as n from api_tokens where id in ${t.sql([shortId, longId])} and revoked_at is null`)[0]!.n).toBe(0);
    expect((await t.app.request('/api/v1/sessions/current', { headers: { Authorization: `Bearer ${longSecret}` } })).status).toBe(401);
    expect(cli('token', 'revoke', '--email', 'koppeling@aa.example').out).toBe('koppeling@aa.example had geen tokens die nog niet waren ingetrokken.');
  });

  it("refuses a bad token lifetime or someone else's token id with exit code 2, and changes nothing", async () => {
    cli('afnemer', 'add', '--oin', OIN_A, '--name', 'Gemeente Aa');
    cli('user', 'add', '--email', 'een@aa.example', '--role', 'planner', '--afnemer', OIN_A);
    cli('user', 'add', '--email', 'twee@aa.example', '--role', 'planner', '--afnemer', OIN_A);
    cli('token', 'add', '--email', 'twee@aa.example');
    const [other] = await t.sql<{ id: number }[]>`select t.id::int from api_tokens t join users u on u.id = t.user_id where u.email = 'twee@aa.example'`;
    const count = async () => (await t.sql`select count(*)::int as n, count(revoked_at)::int as r from api_tokens`)[0]!;
    const before = await count();
    const cases: [string[], RegExp][] = [
      [['token', 'add', '--email', 'een@aa.example', '--days', '366'], /--days: hoogstens 365 dagen/],
      [['token', 'add', '--email', 'een@aa.example', '--days', '0'], /--days: minstens 1 dag/],
      [['token', 'add', '--email', 'een@aa.example', '--days', 'veel'], /--days:/],
      [['token', 'add', '--email', 'een@aa.example', '--label', 'x'.repeat(101)], /--label: hoogstens 100 tekens/],
      [['token', 'revoke', '--email', 'een@aa.example', '--id', String(other!.id)], new RegExp(`een@aa\\.example heeft geen token ${other!.id}\\.`)],
      [['token', 'revoke', '--email', 'een@aa.example', '--id', 'abc'], /--id: /],
      [['token', 'list', '--email', 'niemand@aa.example'], /Gebruiker niemand@aa\.example bestaat niet\./],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
    expect(await count()).toEqual(before);
  });

  it('refuses bad input with a Dutch message and exit code 2, and changes nothing', async () => {
    const before = (await t.sql`select count(*)::int as n from users`)[0]!.n;
    cli('user', 'add', '--email', 'logius@logius.example', '--role', 'capacity-manager');
    const cases: [string[], RegExp][] = [
      [['rfc', 'allow', '--email', 'logius@logius.example'], /werkt voor Logius; alleen medewerkers van een Afnemer/],
      [['rfc', 'allow', '--email', 'niemand@example.nl'], /Gebruiker niemand@example\.nl bestaat niet\./],
      [['user', 'add', '--email', 'x@example.nl', '--role', 'planner', '--afnemer', '00000001999999999999'], /Afnemer 00000001999999999999 bestaat niet/],
      [['user', 'add', '--email', 'geen-adres', '--role', 'planner'], /--email: geen geldig e-mailadres/],
      [['user', 'add', '--email', 'y@example.nl', '--role', 'capacity-manager', '--password', 'kort'], /--password: minstens 8 tekens/],
      [['afnemer', 'add', '--oin', '123', '--name', 'Te kort'], /--oin:/],
      [['rfc', 'maybe', '--email', 'logius@logius.example'], /Onbekende opdracht "rfc maybe/],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).toContain('Gebruik:');
    }
    expect((await t.sql`select count(*)::int as n from users`)[0]!.n).toBe(before + 1);
    expect((await t.sql`select may_file_rfc from users where email = 'logius@logius.example'`)[0]!.mayFileRfc).toBe(false);
  });
});
