import { parseArgs } from 'node:util';
import { afnemerByOin, afnemerUpsert, apiTokenCreate, userByEmail, userRfcPermissionSet, userUpsert } from '@cd/db';
import { Oin, Role, ROLES, roleIsAfnemerBound } from '@cd/shared';
import { z } from 'zod';
import { configFromEnv } from './config.js';
import { databaseOpen } from './database.js';
import { passwordHash, secretToken, tokenHash } from './lib/crypto.js';

const USAGE = `Gebruik:
  pnpm cli afnemer add --oin <OIN> --name <naam>
  pnpm cli user add --email <e-mail> --role <rol> [--afnemer <OIN>] [--password <wachtwoord>] [--name <naam>]
  pnpm cli token add --email <e-mail>
  pnpm cli rfc allow --email <e-mail>     (mag namens zijn Afnemer RFC's indienen)
  pnpm cli rfc deny --email <e-mail>
Rollen: ${ROLES.join(', ')}`;

class UsageError extends Error {}

function required(values: Record<string, string | undefined>, name: string): string {
  const v = values[name];
  if (!v) throw new UsageError(`--${name} ontbreekt.`);
  return v;
}

function check<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`--${name}: ${r.error.issues[0]?.message ?? 'ongeldig'}`);
  return r.data;
}

async function run(argv: string[]) {
  const [entity, verb, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      oin: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' },
      role: { type: 'string' }, afnemer: { type: 'string' }, password: { type: 'string' },
    },
    strict: true,
  });
  const key = `${entity} ${verb}`;
  if (!['afnemer add', 'user add', 'token add', 'rfc allow', 'rfc deny'].includes(key)) throw new UsageError(`Onbekende opdracht "${argv.join(' ')}".`);

  const config = configFromEnv(process.env);
  const db = await databaseOpen(config, (m) => console.error(m));
  /** The user named by --email; a usage error when there is none. */
  const existingUser = async () => {
    const email = check(z.string().trim().toLowerCase(), required(values, 'email'), 'email');
    const user = await userByEmail(db.sql, email);
    if (!user) throw new UsageError(`Gebruiker ${email} bestaat niet.`);
    return user;
  };
  try {
    if (key === 'afnemer add') {
      const oin = check(Oin, required(values, 'oin'), 'oin');
      const name = check(z.string().trim().min(1).max(200), required(values, 'name'), 'name');
      const a = await afnemerUpsert(db.sql, { oin, name });
      console.log(`Afnemer ${a.name} (${a.oin}) opgeslagen.`);
    } else if (key === 'user add') {
      const email = check(z.string().trim().toLowerCase().email('geen geldig e-mailadres'), required(values, 'email'), 'email');
      const role = check(Role, required(values, 'role'), 'role');
      let afnemerOin: string | null = null;
      if (roleIsAfnemerBound(role)) {
        afnemerOin = check(Oin, required(values, 'afnemer'), 'afnemer');
        if (!(await afnemerByOin(db.sql, afnemerOin))) throw new UsageError(`Afnemer ${afnemerOin} bestaat niet; voeg hem eerst toe.`);
      } else if (values.afnemer) {
        throw new UsageError(`De rol ${role} hoort bij Logius en krijgt geen --afnemer.`);
      }
      const password = values.password ?? null;
      if (password !== null && password.length < 8) throw new UsageError('--password: minstens 8 tekens.');
      const u = await userUpsert(db.sql, {
        email, name: values.name ?? '', role, afnemerOin, passwordHash: password ? await passwordHash(password) : null,
      });
      console.log(`Gebruiker ${u.email} (${u.role}${u.afnemerOin ? `, ${u.afnemerOin}` : ''}) opgeslagen.`);
    } else if (entity === 'rfc') {
      const user = await existingUser();
      if (user.afnemerOin === null) throw new UsageError(`${user.email} werkt voor Logius; alleen medewerkers van een Afnemer worden aangewezen om RFC's in te dienen.`);
      const row = (await userRfcPermissionSet(db.sql, user.id, verb === 'allow'))!;
      console.log(`${row.email} mag ${row.mayFileRfc ? 'nu' : 'niet langer'} namens ${row.afnemerOin} RFC's indienen.`);
    } else {
      const user = await existingUser();
      const token = secretToken('cdt');
      await apiTokenCreate(db.sql, tokenHash(token), user.id);
      console.log(`API-token voor ${user.email}; het wordt maar één keer getoond:`);
      console.log(token);
    }
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof UsageError ? `${err.message}\n\n${USAGE}` : `Fout: ${(err as Error).message}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
