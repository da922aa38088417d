import { useMemo } from 'react';
import { type Lang, useI18n } from './i18n';
import { AMSTERDAM_TIME_ZONE as TIME_ZONE } from '@cd/shared/time';

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

function formatters(lang: Lang) {
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
  const dayMonth = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: 'numeric', month: 'short' });
  const monthYear = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, month: 'short', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const compactPrecise = new Intl.NumberFormat(locale, { notation: 'compact', maximumSignificantDigits: 3 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const ms = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v));

  return {
    locale,
    dateTime: (v: string | number) => dateTime.format(ms(v)),
    dateTimeShort: (v: string | number) => dateTimeShort.format(ms(v)),
    date: (v: string | number) => date.format(ms(v)),
    dayMonth: (v: string | number) => dayMonth.format(ms(v)),
    time: (v: string | number) => time.format(ms(v)),
    monthYear: (v: string | number) => monthYear.format(ms(v)),
    /** "ma 1 feb 10:00 – 11:00", or both full when the period spans days. */
    period: (start: string | number, end: string | number) => {
      const s = ms(start);
      const e = ms(end);
      const sameDay = date.format(s) === date.format(e - 1);
      return sameDay ? `${dateTimeShort.format(s)} – ${time.format(e)}` : `${dateTimeShort.format(s)} – ${dateTimeShort.format(e)}`;
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
