import { roleMay } from '@cd/shared/access';
import { amsterdamDayIso, amsterdamDayNumber } from '@cd/shared/time';
import { useId, useState } from 'react';
import { Notice } from '../../components/feedback';
import { PageTitle, Section } from '../../components/page';
import { UsageAccuracy } from '../../features/usage-targets/components/usage-accuracy';
import { UsageTargetsForm } from '../../features/usage-targets/components/usage-targets-form';
import { useT } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';

/** This quarter in Amsterdam, the one an Afnemer most likely plans. */
function quarterNow() {
  const [year, month] = amsterdamDayIso(amsterdamDayNumber(Date.now())).split('-').map(Number) as [number, number];
  return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}

export default function UsageTargetsPage() {
  const t = useT();
  const id = useId();
  const user = useCurrentUser();
  const [q, setQ] = useState(quarterNow);
  const title = (
    <PageTitle title={t('targets.title')} lead={t('targets.lead')}>
      {t('targets.title')}
    </PageTitle>
  );
  if (!roleMay(user.role, 'usage-targets.manage')) {
    return (
      <>
        {title}
        <Notice kind="warning">{t('targets.forbidden')}</Notice>
      </>
    );
  }
  const years = [q.year - 1, q.year, q.year + 1, q.year + 2].filter((y, i, all) => all.indexOf(y) === i);
  return (
    <>
      {title}
      <Section title={`Q${q.quarter} ${q.year}`} id="targets-quarter">
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-year`}>{t('targets.year')}</label>
            <select id={`${id}-year`} value={q.year} onChange={(e) => setQ({ ...q, year: Number(e.target.value) })}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-quarter`}>{t('targets.quarter')}</label>
            <select id={`${id}-quarter`} value={q.quarter} onChange={(e) => setQ({ ...q, quarter: Number(e.target.value) })}>
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  Q{n}
                </option>
              ))}
            </select>
          </div>
        </div>
        <UsageTargetsForm q={q} />
        <UsageAccuracy q={q} />
      </Section>
    </>
  );
}
