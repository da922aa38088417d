import { ACCURACY_PERIODS, type AccuracyPeriod } from '@cd/shared/accuracy';
import { roleIsLogius } from '@cd/shared/access';
import { useId, useState } from 'react';
import { PageTitle, Section } from '../../components/page';
import { AccuracyTable } from '../../features/accuracy/components/accuracy-table';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';

export default function AccuracyPage() {
  const t = useT();
  const id = useId();
  const user = useCurrentUser();
  const [period, setPeriod] = useState<AccuracyPeriod>('month');
  const title = t('accuracy.title');
  return (
    <>
      <PageTitle title={title} lead={roleIsLogius(user.role) ? t('accuracy.leadLogius') : t('accuracy.leadPlanner')}>
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
    </>
  );
}
