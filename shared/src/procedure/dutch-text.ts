/** Small helpers for Dutch messages; internal to the procedure. */

import { TZDate } from '@date-fns/tz';

/** 'a', 'a en b', 'a, b en c'. */
export function dutchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

/** An instant as Amsterdam local `dd-mm-jjjj uu:mm`. */
export function instantDutch(ms: number): string {
  const d = new TZDate(ms, 'Europe/Amsterdam');
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}-${p(d.getMonth() + 1)}-${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A span as Amsterdam local time: '01-02-2027 10:00 tot 11:00', or with both dates when it crosses midnight. */
export function spanDutch(start: number, end: number): string {
  const from = instantDutch(start);
  const to = instantDutch(end);
  return from.slice(0, 10) === to.slice(0, 10) ? `${from} tot ${to.slice(11)}` : `${from} tot ${to}`;
}
