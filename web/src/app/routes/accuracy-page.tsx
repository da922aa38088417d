import { ACCURACY_PERIODS, type AccuracyPeriod } from '@cd/shared/accuracy';
import { roleIsLogius } from '@cd/shared/access';
import { useId, useState } from 'react';
import { PageTitle, Section } from '../../components/page';
import { AccuracyMisses } from '../../features/accuracy/components/accuracy-misses';
import { AccuracyTable } from '../../features/accuracy/components/accuracy-table';
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
      {!logius && (
        <Section title={t('accuracy.misses')} id="accuracy-misses">
          <AccuracyMisses period={period} />
        </Section>
      )}
    </>
  );
}
