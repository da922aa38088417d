/**
 * Forecast against reality: per Afnemer and period, the announced messages (send windows) held against the
 * messages really sent per hour (actuals). The formulas are in README.md. Pure: the range comes in as arguments.
 */
import { windowCounts } from '../planning/load.js';
import type { PlanWindow } from '../planning/types.js';
import { HOUR_MS } from '../time/units.js';
import { type AccuracyPeriod, accuracyPeriodStart } from './period.js';

/** Messages one Afnemer really sent in the hour that starts at `hour` (ms, on a whole UTC hour). */
export interface ActualHour {
  afnemer: string;
  hour: number;
  count: number;
}

/** The figures of one Afnemer in one period. Shares are fractions (0.25 = 25%); null where they are undefined. */
export interface AccuracyScore {
  afnemer: string;
  /** Amsterdam start of the period (ms). */
  periodStart: number;
  /** Start of the next period (ms). */
  periodEnd: number;
  /** Announced messages in the period's hours (windows spread evenly over their span). */
  planned: number;
  /** Messages really sent. */
  actual: number;
  /** Sum over hours of |planned - actual|. */
  absoluteError: number;
  /** Sent messages in hours that no window of the Afnemer touches. */
  unannounced: number;
  /** WAPE: absoluteError / actual; null when nothing was sent. */
  volumeError: number | null;
  /** (planned - actual) / actual: positive = more announced than sent; null when nothing was sent. */
  bias: number | null;
  /** unannounced / actual; null when nothing was sent. */
  unannouncedShare: number | null;
  /** 0..100, see README.md; 0 when announced but nothing was sent. */
  score: number;
}

/** Returns the reliability score 0-100 of a WAPE and an unannounced share (README.md). Edge: WAPE above 1 counts as 1. */
export function accuracyScoreOf(volumeError: number | null, unannouncedShare: number | null): number {
  if (volumeError === null || unannouncedShare === null) return 0;
  return Math.round(100 * (1 - Math.min(1, volumeError)) * (1 - unannouncedShare));
}

/** The sums a period's figures are computed from. */
export type AccuracySums = Pick<AccuracyScore, 'planned' | 'actual' | 'absoluteError' | 'unannounced'>;

/**
 * Returns WAPE, bias, unannounced share and score of a period's sums (the formulas of README.md).
 * Edge: nothing sent (`actual` 0) leaves the ratios null, and the score 0.
 */
export function accuracyFiguresOf(sums: AccuracySums): Pick<AccuracyScore, 'volumeError' | 'bias' | 'unannouncedShare' | 'score'> {
  if (sums.actual <= 0) return { volumeError: null, bias: null, unannouncedShare: null, score: 0 };
  const volumeError = sums.absoluteError / sums.actual;
  const unannouncedShare = sums.unannounced / sums.actual;
  return { volumeError, bias: (sums.planned - sums.actual) / sums.actual, unannouncedShare, score: accuracyScoreOf(volumeError, unannouncedShare) };
}

/** One hour of one Afnemer: announced messages, whether a window of the Afnemer touches it, messages sent. */
export interface HourCell {
  planned: number;
  announced: boolean;
  actual: number;
}

/**
 * Calls `visit` with the start of every whole hour in [from, to) that the window touches, even for a minute: the one
 * definition of an announced hour (README.md). Edge: a window ending exactly on the hour does not touch the next one;
 * an hour cut by `from` or `to` is not visited.
 */
export function accuracyHoursTouched(w: { start: number; end: number }, from: number, to: number, visit: (hour: number) => void): void {
  const firstHour = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const start = Math.max(w.start, firstHour);
  const end = Math.min(w.end, to);
  if (end <= start) return;
  for (let h = Math.floor(start / HOUR_MS) * HOUR_MS; h < end; h += HOUR_MS) {
    if (h < firstHour || h + HOUR_MS > to) continue;
    visit(h);
  }
}

/** True when the hour starting at `hour` lies wholly inside [from, to): the hours whose figures count. */
export function accuracyHourCounts(hour: number, from: number, to: number): boolean {
  return hour >= Math.ceil(from / HOUR_MS) * HOUR_MS && hour + HOUR_MS <= to;
}

/**
 * The hours in [from, to) per Afnemer, the one definition of "announced" and "unannounced" (README.md): an hour that
 * a counted window of the Afnemer touches, even for a minute, is announced (accuracyHoursTouched); its actual
 * messages otherwise are unannounced. Only whole hours inside the range count; hours with neither a window nor
 * actuals are absent.
 */
export function accuracyCells(windows: readonly PlanWindow[], actuals: readonly ActualHour[], from: number, to: number): Map<string, Map<number, HourCell>> {
  const cells = new Map<string, Map<number, HourCell>>();
  const cellOf = (afnemer: string, hour: number): HourCell => {
    let byHour = cells.get(afnemer);
    if (!byHour) cells.set(afnemer, (byHour = new Map()));
    let cell = byHour.get(hour);
    if (!cell) byHour.set(hour, (cell = { planned: 0, announced: false, actual: 0 }));
    return cell;
  };
  for (const w of windows) {
    if (!windowCounts(w)) continue;
    const perMs = w.volume / (w.end - w.start);
    accuracyHoursTouched(w, from, to, (h) => {
      const cell = cellOf(w.afnemer, h);
      cell.planned += perMs * (Math.min(w.end, h + HOUR_MS) - Math.max(w.start, h));
      cell.announced = true;
    });
  }
  for (const a of actuals) {
    if (!accuracyHourCounts(a.hour, from, to) || a.count <= 0) continue;
    cellOf(a.afnemer, a.hour).actual += a.count;
  }
  return cells;
}

/**
 * Returns the figures per Afnemer and period for the hours in [from, to), sorted by period then OIN.
 * Edge: an Afnemer with neither announced nor sent messages in a period has no row; a window partly in the range
 * counts only with its share inside; an hour touched by a window of the Afnemer is announced even when the window
 * covers only a minute of it; a period cut by `from`/`to` only counts its hours inside.
 */
export function accuracyScores(
  windows: readonly PlanWindow[],
  actuals: readonly ActualHour[],
  period: AccuracyPeriod,
  from: number,
  to: number,
): AccuracyScore[] {
  const cells = accuracyCells(windows, actuals, from, to);
  const rows = new Map<string, AccuracyScore>();
  for (const [afnemer, byHour] of cells) {
    for (const [hour, cell] of byHour) {
      const periodStart = accuracyPeriodStart(hour, period);
      const key = `${periodStart}|${afnemer}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          afnemer,
          periodStart,
          periodEnd: accuracyPeriodStart(periodStart, period, 1),
          planned: 0,
          actual: 0,
          absoluteError: 0,
          unannounced: 0,
          volumeError: null,
          bias: null,
          unannouncedShare: null,
          score: 0,
        };
        rows.set(key, row);
      }
      row.planned += cell.planned;
      row.actual += cell.actual;
      row.absoluteError += Math.abs(cell.planned - cell.actual);
      if (!cell.announced) row.unannounced += cell.actual;
    }
  }
  const out = [...rows.values()].filter((r) => r.planned > 0 || r.actual > 0);
  for (const r of out) Object.assign(r, accuracyFiguresOf(r));
  return out.sort((a, b) => a.periodStart - b.periodStart || (a.afnemer < b.afnemer ? -1 : a.afnemer > b.afnemer ? 1 : 0));
}
