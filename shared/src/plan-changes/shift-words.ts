import { amsterdamOffsetAt } from '../time/local-time.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time/units.js';

export type ShiftLanguage = 'nl' | 'en';

const WORDS = {
  nl: {
    day: ['dag', 'dagen'],
    hour: ['uur', 'uur'],
    minute: ['minuut', 'minuten'],
    and: 'en',
    later: 'later',
    earlier: 'eerder',
    same: 'op hetzelfde tijdstip',
  },
  en: {
    day: ['day', 'days'],
    hour: ['hour', 'hours'],
    minute: ['minute', 'minutes'],
    and: 'and',
    later: 'later',
    earlier: 'earlier',
    same: 'at the same time',
  },
} as const;

/**
 * Returns the shift from one start to another in words people use, by the clock in Europe/Amsterdam:
 * "13 dagen later", "2 uur eerder", "1 dag en 3 uur later", "2 uur en 15 minuten eerder" (seconds are dropped).
 * Edge: a move from 10:00 to 10:00 thirteen days later across a change to or from summer time is "13 dagen later"
 * (the clock shows the same time; 13 × 24 hours ± 1 really passed); within the autumn's doubled hour, where the
 * clock shows the same time twice, the real difference is told ("1 uur later"); no shift is "op hetzelfde tijdstip".
 */
export function shiftWords(fromMs: number, toMs: number, language: ShiftLanguage = 'nl'): string {
  const w = WORDS[language];
  const wall = toMs + amsterdamOffsetAt(toMs) - (fromMs + amsterdamOffsetAt(fromMs));
  const shift = Math.trunc((wall !== 0 ? wall : toMs - fromMs) / MINUTE_MS) * MINUTE_MS;
  if (shift === 0) return w.same;
  const abs = Math.abs(shift);
  const parts: string[] = [];
  const add = (n: number, unit: readonly [string, string]) => {
    if (n > 0) parts.push(`${n} ${n === 1 ? unit[0] : unit[1]}`);
  };
  add(Math.floor(abs / DAY_MS), w.day);
  add(Math.floor((abs % DAY_MS) / HOUR_MS), w.hour);
  add(Math.floor((abs % HOUR_MS) / MINUTE_MS), w.minute);
  const joined = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} ${w.and} ${parts[parts.length - 1]}`;
  return `${joined} ${shift > 0 ? w.later : w.earlier}`;
}
