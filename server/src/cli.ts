import { parseArgs } from 'node:util';
import { afnemerByOin, afnemerUpsert, apiTokenCreate, apiTokensOfUser, apiTokensRevoke, userByEmail, userRfcPermissionSet, userUpsert } from '@cd/db';
import {
  API_TOKEN_DAYS,
  API_TOKEN_LABEL_MAX,
  apiTokenExpiry,
  apiTokenStatus,
  instantFormatAmsterdamDutch,
  Oin,
  Role,
  ROLES,
  roleIsAfnemerBound,
} from '@cd/shared';
import { z } from 'zod';
import { configFromEnv } from './config.js';
import { databaseOpen } from './database.js';
import { passwordHash, secretToken, tokenHash } from './lib/crypto.js';

const USAGE = `Gebruik:
  pnpm cli afnemer add --oin <OIN> --name <naam>
  pnpm cli user add --email <e-mail> --role <rol> [--afnemer <OIN>] [--password <wachtwoord>] [--name <naam>]
  pnpm cli token add --email <e-mail> [--days <1-${API_TOKEN_DAYS.max}>] [--label <omschrijving>]   (standaard ${API_TOKEN_DAYS.default} dagen)
  pnpm cli token list --email <e-mail>
  pnpm cli token revoke --email <e-mail> [--id <nummer>]   (zonder --id: alle tokens van die gebruiker)
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
      oin: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      afnemer: { type: 'string' },
      password: { type: 'string' },
      days: { type: 'string' },
      label: { type: 'string' },
      id: { type: 'string' },
    },
    strict: true,
  });
  const key = `${entity} ${verb}`;
  if (!['afnemer add', 'user add', 'token add', 'token list', 'token revoke', 'rfc allow', 'rfc deny'].includes(key))
    throw new UsageError(`Onbekende opdracht "${argv.join(' ')}".`);

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
        email,
        name: values.name ?? '',
        role,
        afnemerOin,
        passwordHash: password ? await passwordHash(password) : null,
      });
      console.log(`Gebruiker ${u.email} (${u.role}${u.afnemerOin ? `, ${u.afnemerOin}` : ''}) opgeslagen.`);
    } else if (entity === 'rfc') {
      const user = await existingUser();
      if (user.afnemerOin === null)
        throw new UsageError(`${user.email} werkt voor Logius; alleen medewerkers van een Afnemer worden aangewezen om RFC's in te dienen.`);
      const row = (await userRfcPermissionSet(db.sql, user.id, verb === 'allow'))!;
      console.log(`${row.email} mag ${row.mayFileRfc ? 'nu' : 'niet langer'} namens ${row.afnemerOin} RFC's indienen.`);
    } else if (key === 'token add') {
      const days = check(
        z.coerce.number().int('geef een geheel aantal dagen').min(1, 'minstens 1 dag').max(API_TOKEN_DAYS.max, `hoogstens ${API_TOKEN_DAYS.max} dagen`),
        values.days ?? String(API_TOKEN_DAYS.default),
        'days',
      );
      const label = check(z.string().trim().max(API_TOKEN_LABEL_MAX, `hoogstens ${API_TOKEN_LABEL_MAX} tekens`), values.label ?? '', 'label');
      const user = await existingUser();
      const token = secretToken('cdt');
      const now = new Date();
      const row = await apiTokenCreate(db.sql, tokenHash(token), user.id, apiTokenExpiry(now, days), label, now);
      console.log(`API-token ${row.id} voor ${user.email}, geldig tot ${instantFormatAmsterdamDutch(row.expiresAt)}; het wordt maar één keer getoond:`);
      console.log(token);
    } else if (key === 'token list') {
      const user = await existingUser();
      const now = new Date();
      const rows = await apiTokensOfUser(db.sql, user.id);
      if (rows.length === 0) console.log(`${user.email} heeft geen API-tokens.`);
      for (const r of rows) {
        const status = apiTokenStatus(r, now);
        const when =
          status === 'ingetrokken'
            ? `ingetrokken ${instantFormatAmsterdamDutch(r.revokedAt!)}`
            : `${status === 'actief' ? 'geldig tot' : 'verlopen'} ${instantFormatAmsterdamDutch(r.expiresAt)}`;
        const used = r.lastUsedAt ? `laatst gebruikt ${instantFormatAmsterdamDutch(r.lastUsedAt)}` : 'nooit gebruikt';
        console.log(`${r.id}\t${status}\t${when}\taangemaakt ${instantFormatAmsterdamDutch(r.createdAt)}\t${used}\t${r.label}`);
      }
    } else {
      const id = values.id === undefined ? null : check(z.coerce.number().int().positive('geen geldig tokennummer'), values.id, 'id');
      const user = await existingUser();
      const revoked = await apiTokensRevoke(db.sql, user.id, id === null ? null : [id], new Date(), null);
      if (id !== null && revoked.length === 0) {
        const mine = (await apiTokensOfUser(db.sql, user.id)).find((r) => r.id === id);
        throw new UsageError(mine ? `Token ${id} van ${user.email} was al ingetrokken.` : `${user.email} heeft geen token ${id}.`);
      }
      console.log(
        revoked.length === 0
          ? `${user.email} had geen tokens die nog niet waren ingetrokken.`
          : `${revoked.length === 1 ? `Token ${revoked[0]!.id}` : `${revoked.length} tokens (${revoked.map((r) => r.id).join(', ')})`} van ${user.email} ingetrokken.`,
      );
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
