import { actualsInRange, afnemersList, planWindowsInRange, type Queryable } from '@cd/db';
import type { AccuracySectionJson } from '@cd/shared';
import { type AccuracyScore, accuracyComparableEnd, accuracyTotals } from '@cd/shared/accuracy';

/** The figures of a report, without the range (which the report gives once). */
export type AccuracyFigures = Pick<AccuracyScore, 'planned' | 'actual' | 'unannounced' | 'volumeError' | 'bias' | 'unannouncedShare' | 'score'>;

function figures(r: AccuracyScore): AccuracyFigures {
  return {
    planned: r.planned,
    actual: r.actual,
    unannounced: r.unannounced,
    volumeError: r.volumeError,
    bias: r.bias,
    unannouncedShare: r.unannouncedShare,
    score: r.score,
  };
}

/**
 * The accuracy of the prognoses over [from, to) per Afnemer (one, or null: all), over the hours that have passed at
 * `now`; computed by accuracyTotals from what is stored.
 */
export async function accuracyTotalsRead(
  sql: Queryable,
  from: number,
  to: number,
  now: number,
  afnemer: string | null,
): Promise<{ comparedUntil: number; rows: AccuracyScore[] }> {
  const end = accuracyComparableEnd(from, to, now);
  if (end <= from) return { comparedUntil: end, rows: [] };
  const [windows, hours] = await Promise.all([planWindowsInRange(sql, from, end), actualsInRange(sql, from, end, afnemer)]);
  const own = afnemer === null ? windows : windows.filter((w) => w.afnemer === afnemer);
  return { comparedUntil: end, rows: accuracyTotals(own, hours, from, end) };
}

/** The usage template's figures of one Afnemer for its quarter; null when nothing was announced or sent in its passed hours. */
export async function accuracyOfAfnemer(
  sql: Queryable,
  afnemer: string,
  from: number,
  to: number,
  now: number,
): Promise<(AccuracyFigures & { comparedUntil: string }) | null> {
  const { comparedUntil, rows } = await accuracyTotalsRead(sql, from, to, now, afnemer);
  const row = rows[0];
  return row ? { ...figures(row), comparedUntil: new Date(comparedUntil).toISOString() } : null;
}

/** The service report's section: every Afnemer in scope, lowest score first (then by name). */
export async function accuracySection(sql: Queryable, from: number, to: number, now: number, afnemer: string | null): Promise<AccuracySectionJson> {
  const [{ comparedUntil, rows }, afnemers] = await Promise.all([accuracyTotalsRead(sql, from, to, now, afnemer), afnemersList(sql)]);
  const names = new Map(afnemers.map((a) => [a.oin, a.name]));
  return {
    comparedUntil: new Date(comparedUntil).toISOString(),
    afnemers: rows
      .map((r) => ({ afnemer: r.afnemer, afnemerName: names.get(r.afnemer) ?? r.afnemer, ...figures(r) }))
      .sort((a, b) => a.score - b.score || a.afnemerName.localeCompare(b.afnemerName, 'nl')),
  };
}
