import { calendarSpanDays } from '@cd/shared/constants';
import { amsterdamDayNumber, amsterdamDayStart, amsterdamParts, dayNumberOf } from '@cd/shared/time';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useFormat } from '../lib/format';
import { useT } from '../lib/i18n';
import './month-calendar.css';

export interface CalendarSpan {
  readonly id: string;
  readonly start: string;
  readonly end: string;
  readonly label: string;
  /** A class suffix and what the legend calls it: 'release', 'onderhoud', 'incident'. */
  readonly kind: string;
  readonly kindLabel: string;
}

interface Month {
  year: number;
  month: number;
}

const monthAdd = (m: Month, by: number): Month => {
  const index = m.year * 12 + (m.month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};
const monthOfDay = (day: number): Month => {
  const p = amsterdamParts(amsterdamDayStart(day));
  return { year: p.year, month: p.month };
};

/**
 * A month grid (Monday first, Amsterdam days) with each span on every day it covers, so a release of two nights
 * shows on both days. Keyboard: Tab reaches the grid, arrow keys move a day or a week, Page Up/Down a month,
 * Home/End the start and end of the week; each day says how many spans it holds.
 */
export function MonthCalendar({ spans, caption, initial }: { spans: readonly CalendarSpan[]; caption: string; initial?: number }) {
  const t = useT();
  const f = useFormat();
  const [focusDay, setFocusDay] = useState(() => amsterdamDayNumber(initial ?? Date.now()));
  const month = monthOfDay(focusDay);
  const grid = useRef<HTMLTableElement>(null);
  const first = dayNumberOf(month.year, month.month, 1);
  const next = monthAdd(month, 1);
  const after = dayNumberOf(next.year, next.month, 1);
  const lead = amsterdamParts(amsterdamDayStart(first)).weekday;
  const weeks = useMemo(() => {
    const out: (number | null)[][] = [];
    let week: (number | null)[] = Array.from({ length: lead }, () => null);
    for (let d = first; d < after; d++) {
      week.push(d);
      if (week.length === 7) {
        out.push(week);
        week = [];
      }
    }
    if (week.length) out.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
    return out;
  }, [first, after, lead]);
  const byDay = useMemo(() => {
    const map = new Map<number, CalendarSpan[]>();
    for (const s of [...spans].sort((a, b) => a.start.localeCompare(b.start))) {
      const days = calendarSpanDays(Date.parse(s.start), Date.parse(s.end));
      if (!days) continue;
      for (let d = Math.max(first, days.first); d <= Math.min(after - 1, days.last); d++) map.set(d, [...(map.get(d) ?? []), s]);
    }
    return map;
  }, [spans, first, after]);
  const monthTitle = new Intl.DateTimeFormat(f.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(month.year, month.month - 1, 15)),
  );
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(f.locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))),
  );
  const dayLabel = (d: number) =>
    new Intl.DateTimeFormat(f.locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(d * 86_400_000));

  const moveTo = (d: number) => {
    setFocusDay(d);
    requestAnimationFrame(() => grid.current?.querySelector<HTMLElement>(`[data-day="${d}"]`)?.focus());
  };
  const onKey = (e: KeyboardEvent) => {
    const wd = amsterdamParts(amsterdamDayStart(focusDay)).weekday;
    const moves: Record<string, () => number> = {
      ArrowLeft: () => focusDay - 1,
      ArrowRight: () => focusDay + 1,
      ArrowUp: () => focusDay - 7,
      ArrowDown: () => focusDay + 7,
      Home: () => focusDay - wd,
      End: () => focusDay + 6 - wd,
      PageUp: () => focusDay - (first - dayNumberOf(monthAdd(month, -1).year, monthAdd(month, -1).month, 1)),
      PageDown: () => focusDay + (after - first),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    moveTo(move());
  };
  const shift = (by: number) => {
    const m = monthAdd(month, by);
    setFocusDay(dayNumberOf(m.year, m.month, 1));
  };
  const kinds = [...new Map(spans.map((s) => [s.kind, s.kindLabel])).entries()];

  return (
    <div className="month-calendar">
      <div className="month-calendar__bar">
        <button type="button" className="button button--secondary button--small" onClick={() => shift(-1)}>
          <span aria-hidden="true">‹ </span>
          {t('calendar.prev')}
        </button>
        <h3 className="month-calendar__title" aria-live="polite" data-testid="calendar-month">
          {monthTitle}
        </h3>
        <button type="button" className="button button--secondary button--small" onClick={() => shift(1)}>
          {t('calendar.next')}
          <span aria-hidden="true"> ›</span>
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => setFocusDay(amsterdamDayNumber(Date.now()))}>
          {t('calendar.today')}
        </button>
      </div>
      {kinds.length > 0 && (
        <ul className="month-calendar__legend" aria-label={t('calendar.legend')}>
          {kinds.map(([kind, label]) => (
            <li key={kind}>
              <span className={`month-calendar__swatch month-calendar__span--${kind}`} aria-hidden="true" /> {label}
            </li>
          ))}
        </ul>
      )}
      <p className="field-hint">{t('calendar.keys')}</p>
      <div className="month-calendar__scroll">
        <table ref={grid} className="month-calendar__grid" onKeyDown={onKey}>
          <caption className="visually-hidden">{`${caption}, ${monthTitle}`}</caption>
          <thead>
            <tr>
              {weekdays.map((w) => (
                <th key={w} scope="col">
                  {w}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.find((d) => d !== null)}>
                {week.map((d, i) => {
                  if (d === null) return <td key={`empty-${i}`} className="month-calendar__day month-calendar__day--outside" aria-hidden="true" />;
                  const items = byDay.get(d) ?? [];
                  const dayStart = amsterdamDayStart(d);
                  return (
                    <td
                      key={d}
                      data-day={d}
                      data-date={new Date(d * 86_400_000).toISOString().slice(0, 10)}
                      tabIndex={d === focusDay ? 0 : -1}
                      className={`month-calendar__day${d === focusDay ? ' month-calendar__day--focus' : ''}`}
                    >
                      <span className="visually-hidden">
                        {dayLabel(d)}, {items.length === 1 ? t('calendar.oneItem') : t('calendar.items', { count: items.length })}
                      </span>
                      <span className="month-calendar__date" aria-hidden="true">
                        {new Date(d * 86_400_000).getUTCDate()}
                      </span>
                      {items.length > 0 && (
                        <ul className="month-calendar__spans">
                          {items.map((s) => {
                            const start = Date.parse(s.start);
                            const continues = start < dayStart;
                            return (
                              <li key={s.id} className={`month-calendar__span month-calendar__span--${s.kind}`} data-span={s.label}>
                                <span className="visually-hidden">{s.kindLabel}: </span>
                                {continues ? <span className="muted">{t('calendar.continues')} </span> : <span>{f.time(start)} </span>}
                                {s.label}
                              </li>
                            );
                          })}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
