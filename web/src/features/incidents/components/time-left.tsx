import { CALAMITY_THRESHOLD } from '@cd/shared/constants';
import { useEffect, useState } from 'react';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@cd/shared/time';
import type { Incident } from '../api/get-incidents';

/** The current time, refreshed every `everyMs`, so countdowns move without new data. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** "nog 3 u 20 min" until the resolution deadline, or "Overschreden" (in words, and red) once it has passed. */
export function TimeLeft({ incident, now }: { incident: Pick<Incident, 'resolutionDueAt' | 'resolutionOverdue'>; now: number }) {
  const t = useT();
  const f = useFormat();
  const due = Date.parse(incident.resolutionDueAt);
  const left = due - now;
  const overdue = incident.resolutionOverdue || left <= 0;
  const days = Math.floor(left / DAY_MS);
  const time = days >= 1 ? t('incidents.days', { days, hours: Math.floor((left % DAY_MS) / HOUR_MS) }) : f.duration(Math.max(1, Math.ceil(left / MINUTE_MS)));
  return (
    <span className={overdue ? 'deadline deadline--overdue' : 'deadline'} data-testid="time-left">
      {overdue ? <strong className="deadline__flag">{t('incidents.overdue')}</strong> : t('incidents.left', { time })}
      <span className="cell-sub">{t('incidents.due', { date: f.dateTimeShort(due) })}</span>
    </span>
  );
}

/** How much of the resolution time has passed, as a bar with the 75% calamity line and the same in words. */
export function CalamityMeter({ usedFraction }: { usedFraction: number }) {
  const t = useT();
  const f = useFormat();
  const used = Math.min(1, Math.max(0, usedFraction));
  const percent = f.percent(usedFraction);
  const over = usedFraction >= CALAMITY_THRESHOLD;
  return (
    <span className="calamity-meter">
      <span className={over ? 'calamity-meter__bar calamity-meter__bar--over' : 'calamity-meter__bar'} aria-hidden="true">
        <span className="calamity-meter__fill" style={{ width: `${used * 100}%` }} />
        <span className="calamity-meter__line" style={{ left: `${CALAMITY_THRESHOLD * 100}%` }} />
      </span>
      <span className="calamity-meter__text" aria-hidden="true">
        {t('incidents.used', { percent })}
      </span>
      <span className="visually-hidden">{t('incidents.usedAlt', { percent })}</span>
    </span>
  );
}
