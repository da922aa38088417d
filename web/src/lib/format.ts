import { useMemo } from 'react';
import { type Lang, useI18n } from './i18n';
import { amsterdamMinuteOfDay, deadlineReading, AMSTERDAM_TIME_ZONE as TIME_ZONE, yearShownIs } from '@cd/shared/time';

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

const END_OF_DAY: Record<Lang, string> = { nl: 'einde dag', en: 'end of day' };

/** `now` is when the formatters were made: it decides only whether a date shows its year. */
export function formatters(lang: Lang, now = Date.now()) {
  const locale = LOCALES[lang];
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const dateTimeShort = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const date = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const dateTimeShortYear = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const weekdayDay = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short' });
  const dayMonth = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: 'numeric', month: 'short' });
  const dayMonthYear = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
  const monthYear = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, month: 'short', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const compactPrecise = new Intl.NumberFormat(locale, { notation: 'compact', maximumSignificantDigits: 3 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const ms = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v));
  const withYear = (v: number) => yearShownIs(v, now);
  const shortDateTime = (v: number) => (withYear(v) ? dateTimeShortYear : dateTimeShort).format(v);

  return {
    locale,
    dateTime: (v: string | number) => dateTime.format(ms(v)),
    /** "wo 2 dec 14:00"; outside the current year with the year: "wo 2 dec 2027 14:00". */
    dateTimeShort: (v: string | number) => shortDateTime(ms(v)),
    date: (v: string | number) => date.format(ms(v)),
    /** "2 dec"; outside the current year "2 dec 2027". */
    dayMonth: (v: string | number) => (withYear(ms(v)) ? dayMonthYear : dayMonth).format(ms(v)),
    /** A deadline: "wo 2 dec, einde dag" when it falls at 00:00 of the next day, else "wo 2 dec 14:00" (with the year outside this one). */
    deadline: (v: string | number) => {
      const { dayStart, endOfDay } = deadlineReading(ms(v));
      if (!endOfDay) return shortDateTime(ms(v));
      return `${(withYear(dayStart) ? date : weekdayDay).format(dayStart)}, ${END_OF_DAY[lang]}`;
    },
    time: (v: string | number) => time.format(ms(v)),
    monthYear: (v: string | number) => monthYear.format(ms(v)),
    /** "ma 1 feb 10:00 – 11:00", both full when the period spans days, and dates only for whole days ("do 3 dec"). */
    period: (start: string | number, end: string | number) => {
      const s = ms(start);
      const e = ms(end);
      const sameDay = date.format(s) === date.format(e - 1);
      // Whole days (a bucket of a day): the dates only, the last one inclusive.
      if (e > s && amsterdamMinuteOfDay(s) === 0 && amsterdamMinuteOfDay(e) === 0) {
        const day = (v: number) => (withYear(v) ? date : weekdayDay).format(v);
        return sameDay ? day(s) : `${day(s)} – ${day(e - 1)}`;
      }
      return sameDay ? `${shortDateTime(s)} – ${time.format(e)}` : `${shortDateTime(s)} – ${shortDateTime(e)}`;
    },
    number: (v: number) => number.format(v),
    compact: (v: number) => compact.format(v),
    /** Three significant digits: '2,25 mln.', so round axis ticks keep the digits that tell them apart. */
    compactPrecise: (v: number) => compactPrecise.format(v),
    percent: (v: number) => percent.format(v),
    decimal: (v: number) => decimal.format(v),
    /** "in 3 dagen", "2 uur geleden". */
    relative: (v: string | number, now = Date.now()) => {
      const diff = ms(v) - now;
      const abs = Math.abs(diff);
      if (abs < 3_600_000) return relative.format(Math.round(diff / 60_000), 'minute');
      if (abs < 2 * 86_400_000) return relative.format(Math.round(diff / 3_600_000), 'hour');
      return relative.format(Math.round(diff / 86_400_000), 'day');
    },
    /** Minutes as "1 u 15 min" / "1 h 15 min". */
    duration: (minutes: number) => {
      const sign = minutes < 0 ? '−' : '';
      const m = Math.abs(Math.round(minutes));
      const h = Math.floor(m / 60);
      const rest = m % 60;
      const hourUnit = lang === 'nl' ? 'u' : 'h';
      if (h === 0) return `${sign}${rest} min`;
      return rest === 0 ? `${sign}${h} ${hourUnit}` : `${sign}${h} ${hourUnit} ${rest} min`;
    },
  };
}

export type Format = ReturnType<typeof formatters>;

/** Formatting of dates (in Amsterdam time) and numbers for the current language. */
export function useFormat(): Format {
  const { lang } = useI18n();
  return useMemo(() => formatters(lang), [lang]);
}
