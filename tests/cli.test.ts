/** The command line (`pnpm cli`), run as a real process against a test database. */
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
    expect(cli('rfc', 'allow', '--email', 'wijziging@aa.example')).toMatchObject({ status: 0, out: `wijziging@aa.example mag nu namens ${OIN_A} RFC's indienen.` });
    expect(await may()).toBe(true);
    expect(cli('rfc', 'deny', '--email', 'wijziging@aa.example').out).toBe(`wijziging@aa.example mag niet langer namens ${OIN_A} RFC's indienen.`);
    expect(await may()).toBe(false);
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
