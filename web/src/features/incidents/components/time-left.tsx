import { snoClock } from '@cd/shared/constants';
import { useEffect, useState } from 'react';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@cd/shared/time';
import type { Incident } from '../api/get-incidents';
import { useCalamityThreshold } from '../../settings/api/get-settings';

/** The current time, refreshed every `everyMs`, so countdowns move without new data. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

type ClockFacts = Pick<Incident, 'resolutionDueAt' | 'resolvedAt' | 'closedAt' | 'resolutionUnit'>;

/**
 * The SNO clock of the resolution time: "nog 3 u 20 min" (or "nog 2 werkdagen na vandaag" for a priority the SNO
 * counts in working days), "Overschreden" (in words, and red) once it has passed, or whether a solution came in time.
 */
export function TimeLeft({ incident, now }: { incident: ClockFacts; now: number }) {
  const t = useT();
  const f = useFormat();
  const due = Date.parse(incident.resolutionDueAt);
  const stopped = incident.resolvedAt ?? incident.closedAt;
  const clock = snoClock({ resolutionDueAt: due, stoppedAt: stopped ? Date.parse(stopped) : null, unit: incident.resolutionUnit }, now);
  const span = (ms: number) => {
    const days = Math.floor(ms / DAY_MS);
    return days >= 1 ? t('incidents.days', { days, hours: Math.floor((ms % DAY_MS) / HOUR_MS) }) : f.duration(Math.max(1, Math.ceil(ms / MINUTE_MS)));
  };
  const text =
    clock.state === 'loopt'
      ? clock.workingDaysLeft !== null
        ? t(clock.workingDaysLeft === 1 ? 'incidents.workingDayLeft' : 'incidents.workingDaysLeft', { count: clock.workingDaysLeft })
        : t('incidents.left', { time: span(clock.ms) })
      : clock.state === 'gehaald'
        ? t('incidents.met')
        : clock.state === 'niet-gehaald'
          ? t('incidents.missed', { time: span(clock.ms) })
          : null;
  const late = clock.state === 'overschreden' || clock.state === 'niet-gehaald';
  return (
    <span className={late ? 'deadline deadline--overdue' : 'deadline'} data-testid="time-left" data-sno={clock.state}>
      {clock.state === 'overschreden' ? (
        <strong className="deadline__flag">
          {t('incidents.overdue')} <span className="deadline__by">{t('incidents.overdueBy', { time: span(clock.ms) })}</span>
        </strong>
      ) : (
        text
      )}
      <span className="cell-sub">{t('incidents.due', { date: f.dateTimeShort(due) })}</span>
    </span>
  );
}

/** How much of the resolution time has passed, as a bar with the calamity line (the admin's threshold) and the same in words. */
export function CalamityMeter({ usedFraction }: { usedFraction: number }) {
  const t = useT();
  const f = useFormat();
  const used = Math.min(1, Math.max(0, usedFraction));
  const percent = f.percent(usedFraction);
  const threshold = useCalamityThreshold();
  const over = usedFraction >= threshold;
  return (
    <span className="calamity-meter" data-threshold={threshold}>
      <span className={over ? 'calamity-meter__bar calamity-meter__bar--over' : 'calamity-meter__bar'} aria-hidden="true">
        <span className="calamity-meter__fill" style={{ width: `${used * 100}%` }} />
        <span className="calamity-meter__line" style={{ left: `${threshold * 100}%` }} />
      </span>
      <span className="calamity-meter__text" aria-hidden="true">
        {t('incidents.used', { percent })}
      </span>
      <span className="visually-hidden">{t('incidents.usedAlt', { percent, threshold: f.percent(threshold) })}</span>
    </span>
  );
}
