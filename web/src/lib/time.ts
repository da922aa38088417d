/** Everything the users see and type is wall-clock time in the Netherlands, whatever the browser's zone. */
export const TIME_ZONE = 'Europe/Amsterdam';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday ... 6 = Sunday */
  weekday: number;
}

/** The Amsterdam wall-clock fields of an instant. */
export function amsterdamParts(ms: number): WallTime {
  const p: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(new Date(ms))) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    weekday: WEEKDAYS.indexOf(p.weekday ?? 'Mon'),
  };
}

function offsetMs(ms: number): number {
  const p = amsterdamParts(ms);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ms / 60_000) * 60_000;
}

/** The instant of an Amsterdam wall-clock time (in a DST gap: the time just after it). Day overflow is allowed. */
export function amsterdamToMs(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall - offsetMs(wall);
  guess = wall - offsetMs(guess);
  return guess;
}

/** Midnight (Amsterdam) of the day `ms` falls in, moved by `days` calendar days. */
export function amsterdamDayStart(ms: number, days = 0): number {
  const p = amsterdamParts(ms);
  return amsterdamToMs(p.year, p.month, p.day + days);
}

/** Monday 00:00 (Amsterdam) of the week `ms` falls in, moved by `weeks`. */
export function amsterdamWeekStart(ms: number, weeks = 0): number {
  const p = amsterdamParts(ms);
  return amsterdamToMs(p.year, p.month, p.day - p.weekday + weeks * 7);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DDTHH:mm' in Amsterdam time, for <input type="datetime-local">. */
export function toLocalInputValue(iso: string | number): string {
  const p = amsterdamParts(typeof iso === 'number' ? iso : Date.parse(iso));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** 'YYYY-MM-DD' in Amsterdam time, for <input type="date"> and URLs. */
export function toDateInputValue(ms: number): string {
  const p = amsterdamParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The instant of a 'YYYY-MM-DDTHH:mm' or 'YYYY-MM-DD' value read as Amsterdam time; null when it is no date. */
export function fromLocalInputValue(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return null;
  return amsterdamToMs(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
