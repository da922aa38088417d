import { amsterdamParts } from '@cd/shared/time';
import { useId, useState } from 'react';
import { apiUrl } from '../../../lib/api-client';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useT } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';

/**
 * Links to the quarterly usage template (Bijlage 2) as XLSX: an Afnemer's users get their own; Logius chooses the
 * Afnemer. The four quarters of the chosen year, this quarter first.
 */
export function UsageLinks({ afnemers }: { afnemers: string[] }) {
  const t = useT();
  const id = useId();
  const user = useCurrentUser();
  const own = user.afnemer?.oin ?? null;
  const name = useAfnemerName();
  const now = amsterdamParts(Date.now());
  const [year, setYear] = useState(now.year);
  const [afnemer, setAfnemer] = useState(own ?? afnemers[0] ?? '');
  const oin = own ?? afnemer;
  return (
    <div>
      <div className="filter-bar no-print">
        <div className="field">
          <label htmlFor={`${id}-year`}>{t('usage.year')}</label>
          <select id={`${id}-year`} value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[now.year - 1, now.year, now.year + 1].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        {!own && (
          <div className="field">
            <label htmlFor={`${id}-afnemer`}>{t('common.afnemer')}</label>
            <select id={`${id}-afnemer`} value={afnemer} onChange={(e) => setAfnemer(e.target.value)}>
              {afnemers.map((a) => (
                <option key={a} value={a}>
                  {name(a)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {oin && (
        <ul className="link-list" data-testid="usage-links">
          {[1, 2, 3, 4].map((q) => (
            <li key={q}>
              <a href={apiUrl('/reports/usage.xlsx', { year, quarter: q, afnemer: own ? undefined : oin })} download>
                {t('usage.link', { quarter: q, year, afnemer: name(oin) })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
