import { ACCURACY_PERIODS, type AccuracyPeriod } from '@cd/shared/accuracy';
import { roleIsLogius } from '@cd/shared/access';
import { useId, useState } from 'react';
import { PageTitle, Section } from '../../components/page';
import { AccuracyMisses } from '../../features/accuracy/components/accuracy-misses';
import { AccuracyTable } from '../../features/accuracy/components/accuracy-table';
import { useAccuracy } from '../../features/accuracy/api/get-accuracy';
import { accuracyMessages } from '../../features/accuracy/messages';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';

export default function AccuracyPage() {
  const t = useT(accuracyMessages);
  const id = useId();
  const user = useCurrentUser();
  const logius = roleIsLogius(user.role);
  const [period, setPeriod] = useState<AccuracyPeriod>('month');
  const title = t('accuracy.title');
  return (
    <>
      <PageTitle title={title} lead={logius ? t('accuracy.leadLogius') : t('accuracy.leadPlanner')}>
        {title}
      </PageTitle>
      <Section title={t('accuracy.scores')} id="accuracy-scores">
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-period`}>{t('accuracy.period')}</label>
            <select id={`${id}-period`} value={period} onChange={(e) => setPeriod(e.target.value as AccuracyPeriod)}>
              {ACCURACY_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t(`accuracy.period.${p}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <AccuracyTable period={period} />
      </Section>
      {logius ? (
        <Section title={t('accuracy.missesOf')} id="accuracy-misses">
          <AfnemerMisses period={period} />
        </Section>
      ) : (
        <Section title={t('accuracy.misses')} id="accuracy-misses">
          <AccuracyMisses period={period} />
        </Section>
      )}
    </>
  );
}

/** Logius picks one Afnemer of the table (by name) and sees where its prognoses missed, as its planner does. */
function AfnemerMisses({ period }: { period: AccuracyPeriod }) {
  const t = useT(accuracyMessages);
  const id = useId();
  const [afnemer, setAfnemer] = useState('');
  const all = useAccuracy(period);
  const afnemers = [...new Map((all.data?.scores ?? []).map((s) => [s.afnemer, s.afnemerName])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-afnemer`}>{t('accuracy.missesAfnemer')}</label>
          <select id={`${id}-afnemer`} value={afnemer} onChange={(e) => setAfnemer(e.target.value)}>
            <option value="">{t('accuracy.missesChoose')}</option>
            {afnemers.map(([oin, name]) => (
              <option key={oin} value={oin}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {afnemer && <AccuracyMisses period={period} afnemer={afnemer} />}
    </>
  );
}
