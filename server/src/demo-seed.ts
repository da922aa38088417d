import { afnemerUpsert, contactCreate, deliveriesBulkStore, deliveryStore, maintenanceCreate, userUpsert, usersCount, type Sql } from '@cd/db';
import { deliveryRowsStage } from '@cd/db/staging';
import { demoActualsSeed } from './demo-actuals.js';
import { demoChangesSeed } from './demo-changes.js';
import { demoIncidentsSeed } from './demo-incidents.js';
import { mulberry32 } from './demo-random.js';
import { conflictsRecompute } from './services/conflicts-recompute.js';
import { amsterdamWallTimeToInstant, type NewSendWindow, type Role } from '@cd/shared';
import { amsterdamDayNumber, amsterdamParts, DAY_MS } from '@cd/shared/time';
import { passwordHash } from './lib/crypto.js';

export const DEMO_PASSWORD = 'demo-wachtwoord';

interface DemoAfnemer {
  oin: string;
  name: string;
  slug: string;
  types: string[];
  /** Typical messages per window, and windows per week. */
  volume: number;
  perWeek: number;
}

/** The big senders (typical window of 30,000 messages or more) also name a Klantraad member in Bijlage 1. */
const KLANTRAAD_CONTACT_FROM_VOLUME = 30_000;

const AFNEMERS: DemoAfnemer[] = [
  {
    oin: '00000001003214345000',
    name: 'Belastingdienst',
    slug: 'belastingdienst',
    types: ['Voorlopige aanslag', 'Herinnering aangifte', 'Definitieve aanslag'],
    volume: 60_000,
    perWeek: 30,
  },
  {
    oin: '00000001822477348000',
    name: 'Dienst Toeslagen',
    slug: 'toeslagen',
    types: ['Beschikking toeslag', 'Wijziging voorschot'],
    volume: 40_000,
    perWeek: 15,
  },
  {
    oin: '00000001800866472000',
    name: 'Dienst Uitvoering Onderwijs (DUO)',
    slug: 'duo',
    types: ['Betaalspecificatie studiefinanciering', 'Aflossingsoverzicht'],
    volume: 35_000,
    perWeek: 15,
  },
  {
    oin: '00000001804770694000',
    name: 'Centraal Justitieel Incassobureau (CJIB)',
    slug: 'cjib',
    types: ['Beschikking verkeersboete', 'Aanmaning'],
    volume: 15_000,
    perWeek: 25,
  },
  { oin: '00000001803550069000', name: 'UWV', slug: 'uwv', types: ['Betaalspecificatie WW', 'Jaaropgaaf'], volume: 30_000, perWeek: 15 },
  {
    oin: '00000001001721006000',
    name: 'Sociale Verzekeringsbank (SVB)',
    slug: 'svb',
    types: ['Betaalspecificatie AOW', 'Kinderbijslag'],
    volume: 45_000,
    perWeek: 10,
  },
  { oin: '00000001804984724000', name: 'RDW', slug: 'rdw', types: ['APK-herinnering', 'Tenaamstelling'], volume: 12_000, perWeek: 25 },
  { oin: '00000001802327497000', name: 'Kadaster', slug: 'kadaster', types: ['Eigendomsinformatie'], volume: 5_000, perWeek: 7 },
  {
    oin: '00000001003221590000',
    name: 'Centraal Administratie Kantoor (CAK)',
    slug: 'cak',
    types: ['Eigen bijdrage Wlz', 'Zorgverzekering'],
    volume: 10_000,
    perWeek: 10,
  },
  { oin: '00000001811288154000', name: 'Rijksdienst voor Ondernemend Nederland (RVO)', slug: 'rvo', types: ['Subsidiebeschikking'], volume: 4_000, perWeek: 7 },
  {
    oin: '00000001002564440000',
    name: 'Gemeente Amsterdam',
    slug: 'amsterdam',
    types: ['Aanslag gemeentelijke belastingen', 'Parkeervergunning'],
    volume: 20_000,
    perWeek: 10,
  },
  {
    oin: '00000001002220647000',
    name: 'Gemeente Rotterdam',
    slug: 'rotterdam',
    types: ['Aanslag gemeentelijke belastingen', 'Afvalstoffenheffing'],
    volume: 15_000,
    perWeek: 10,
  },
  { oin: '00000001002306608000', name: "Gemeente 's-Gravenhage", slug: 'denhaag', types: ['Aanslag gemeentelijke belastingen'], volume: 12_000, perWeek: 7 },
  {
    oin: '00000001002273303000',
    name: 'Gemeente Utrecht',
    slug: 'utrecht',
    types: ['Aanslag gemeentelijke belastingen', 'WOZ-beschikking'],
    volume: 9_000,
    perWeek: 7,
  },
  { oin: '00000001823288444000', name: 'Belastingsamenwerking Rivierenland', slug: 'bsr', types: ['Aanslag waterschapsbelasting'], volume: 8_000, perWeek: 5 },
];

const LOGIUS_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'capaciteit@logius.example', name: 'Sanne de Vries', role: 'capacity-manager' },
  { email: 'service@logius.example', name: 'Eugene Steijn', role: 'service-manager' },
  { email: 'incident@logius.example', name: 'Pieter Bakker', role: 'incident-manager' },
  { email: 'calamiteit@logius.example', name: 'Fatima El Amrani', role: 'calamity-manager' },
  { email: 'beheer@logius.example', name: 'Joost Jansen', role: 'admin' },
  { email: 'security@logius.example', name: 'Noor Visser', role: 'security-officer' },
];

/** The demo accounts as printed at start-up. */
export const DEMO_LOGINS = [
  'planner@belastingdienst.example  (planner, Belastingdienst)',
  'planner@duo.example              (planner, DUO)',
  'klantraad@belastingdienst.example (klantraad-manager, Belastingdienst)',
  ...LOGIUS_USERS.map((u) => `${u.email.padEnd(32)} (${u.role})`),
  'fraude@logius.example            (fraudeteam)',
];

function localInstant(year: number, month: number, day: number, hour: number, minute: number): Date {
  const r = amsterdamWallTimeToInstant({ year, month, day, hour, minute, second: 0 });
  if (!r.ok) throw new Error(`demo time ${year}-${month}-${day} ${hour}:${minute} is ${r.reason}`);
  return r.instant;
}

/**
 * The demo prognoses of one Afnemer for `days` days from `from` (a UTC calendar day), plus January–February peaks;
 * `past`: the year before, every window definitief and without the peak (it would be a conflict nobody can act on).
 */
function demoWindows(a: DemoAfnemer, from: Date, days: number, now: Date, rand: () => number, past = false): NewSendWindow[] {
  const windows: NewSendWindow[] = [];
  const push = (day: Date, hour: number, minute: number, hours: number, volume: number, type: string, label: string) => {
    const start = localInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute);
    const end = new Date(start.getTime() + hours * 3600_000);
    const soon = start.getTime() - now.getTime() < 28 * 86400_000;
    windows.push({
      afnemer: a.oin,
      kenmerk: `${a.slug.toUpperCase()}-${start.toISOString().slice(0, 10).replaceAll('-', '')}-${String(windows.length + 1).padStart(4, '0')}`,
      omschrijving: label,
      berichttype: type,
      start,
      end,
      aantalBerichten: Math.max(100, Math.round(volume / 100) * 100),
      status: past || soon || rand() < 0.3 ? 'definitief' : 'concept',
      vroegsteStart: null,
      laatsteEind: null,
    });
  };
  for (let d = 0; d < days; d++) {
    const day = new Date(from.getTime() + d * 86400_000);
    const weekday = day.getUTCDay();
    const perDay = (a.perWeek / 5) * (weekday === 0 || weekday === 6 ? 0.1 : 1);
    let n = Math.floor(perDay) + (rand() < perDay % 1 ? 1 : 0);
    while (n-- > 0) {
      const type = a.types[Math.floor(rand() * a.types.length)]!;
      const hour = 7 + Math.floor(rand() * 12);
      const minute = [0, 15, 30, 45][Math.floor(rand() * 4)]!;
      const hours = 1 + Math.floor(rand() * 6);
      push(day, hour, minute, hours, 0.3 * a.volume * (0.4 + rand() * 1.2), type, `${type} (${a.name})`);
    }
  }
  if (a.slug === 'belastingdienst' && !past) {
    // The yearly peak: provisional assessments go out in the first weeks of January and February.
    const year = from.getUTCMonth() === 0 ? from.getUTCFullYear() : from.getUTCFullYear() + 1;
    for (const month of [0, 1]) {
      for (let d = 2; d <= 20; d++) {
        const day = new Date(Date.UTC(year, month, d));
        if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
        push(day, 8, 0, 10, 700_000 + rand() * 900_000, 'Voorlopige aanslag', `Voorlopige aanslag ${year} - batch ${month + 1}.${d}`);
      }
    }
  }
  return windows;
}

/** Fills an empty database with Afnemers, users of every role and a quarter of prognoses; null when not empty. */
export async function demoSeed(sql: Sql, now: Date) {
  if ((await usersCount(sql)) > 0) return null;
  const hash = await passwordHash(DEMO_PASSWORD);
  const rand = mulberry32(20180723);
  // This month and the next two as Amsterdam's calendar has them: at 00:30 on the 1st the UTC date is still the
  // last day of the month before. `from` is a calendar day, written as UTC midnight (see demoWindows).
  const today = amsterdamParts(now.getTime());
  const from = new Date(Date.UTC(today.year, today.month - 1, 1));
  const days = Math.round((Date.UTC(today.year, today.month + 2, 1) - from.getTime()) / DAY_MS);
  let windows = 0;
  await sql.begin(async (tx) => {
    for (const u of LOGIUS_USERS) await userUpsert(tx, { ...u, afnemerOin: null, passwordHash: hash });
    for (const a of AFNEMERS) {
      await afnemerUpsert(tx, { oin: a.oin, name: a.name });
      const planner = await userUpsert(tx, {
        email: `planner@${a.slug}.example`,
        name: `Planner ${a.name}`,
        role: 'planner',
        afnemerOin: a.oin,
        passwordHash: hash,
      });
      await userUpsert(tx, {
        email: `klantraad@${a.slug}.example`,
        name: `Klantraadlid ${a.name}`,
        role: 'klantraad-manager',
        afnemerOin: a.oin,
        passwordHash: hash,
      });
      // Bijlage 1: every Afnemer names whom to reach about its prognoses, so the procedure reaches it by e-mail
      // even when it has no account for a step.
      await contactCreate(
        tx,
        {
          afnemerOin: a.oin,
          role: 'planning',
          name: `Planning ${a.name}`,
          email: `planning@${a.slug}.example`,
          phone: '070-0000100',
        },
        planner.id,
        now,
      );
      if (a.volume >= KLANTRAAD_CONTACT_FROM_VOLUME) {
        await contactCreate(
          tx,
          {
            afnemerOin: a.oin,
            role: 'klantraad',
            name: `Klantraadlid ${a.name}`,
            email: `klantraad@${a.slug}.example`,
            phone: '070-0000200',
          },
          planner.id,
          now,
        );
      }
      const list = demoWindows(a, from, days, now, rand);
      windows += list.length;
      await deliveryStore(tx, { afnemerOin: a.oin, userId: planner.id, fileName: 'demo-prognose.csv', contentType: 'text/csv', windows: list, at: now });
    }
    // Maintenance on the first Tuesday evenings of each month, and a release night mid-quarter.
    const capacityManager = await userUpsert(tx, { ...LOGIUS_USERS[0]!, afnemerOin: null, passwordHash: hash });
    for (let m = 0; m < 3; m++) {
      const first = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + m, 1));
      const tuesday = new Date(first.getTime() + ((9 - first.getUTCDay()) % 7) * 86400_000);
      const start = localInstant(tuesday.getUTCFullYear(), tuesday.getUTCMonth() + 1, tuesday.getUTCDate(), 18, 0);
      await maintenanceCreate(
        tx,
        { start, end: new Date(start.getTime() + 6 * 3600_000), factor: 0.5, reason: 'Maandelijks onderhoud databaseplatform', kind: 'onderhoud' },
        capacityManager.id,
      );
    }
    // The 12th of the next month, through Date.UTC so December rolls over into January (month 13 was a crash).
    const releaseDay = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 12));
    const release = localInstant(releaseDay.getUTCFullYear(), releaseDay.getUTCMonth() + 1, 12, 16, 0);
    await maintenanceCreate(
      tx,
      { start: release, end: new Date(release.getTime() + 8 * 3600_000), factor: 0.3, reason: 'Release MijnOverheid 2.4', kind: 'release' },
      capacityManager.id,
    );
    await conflictsRecompute(tx, 'all', now, 'Demodata geladen');
    await demoIncidentsSeed(tx, now);
    await demoChangesSeed(tx, now);
    // The year before this month: prognoses that have run, stored after the conflicts were detected (the past has
    // none to act on), with their own random stream so the coming quarter stays as it was.
    const pastRand = mulberry32(20170723);
    const pastFrom = new Date((amsterdamDayNumber(now.getTime()) - 365) * DAY_MS);
    const pastDays = Math.round((from.getTime() - pastFrom.getTime()) / DAY_MS);
    const past = AFNEMERS.flatMap((a) => demoWindows(a, pastFrom, pastDays, now, pastRand, true));
    windows += past.length;
    // One COPY and one set-based merge for the whole year (one delivery per Afnemer), as a large upload is stored.
    const staged = deliveryRowsStage(
      past.map((window, i) => ({ line: i + 2, window })),
      null,
    );
    const counts = new Map<string, number>();
    for (const w of past) counts.set(w.afnemer!, (counts.get(w.afnemer!) ?? 0) + 1);
    await deliveriesBulkStore(
      tx,
      { chunks: staged.chunks, counts: [...counts].sort(([a], [b]) => a.localeCompare(b)) },
      { userId: capacityManager.id, fileName: 'demo-prognose-vorig-jaar.csv', contentType: 'text/csv', at: now },
    );
    await demoActualsSeed(
      tx,
      AFNEMERS.map((a) => ({ oin: a.oin, slug: a.slug })),
      capacityManager.id,
      now,
      pastFrom,
    );
  });
  return { afnemers: AFNEMERS.length, windows, logins: DEMO_LOGINS };
}
