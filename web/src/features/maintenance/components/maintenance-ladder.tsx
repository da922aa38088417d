import { CHANGE_LADDER_LABELS, CHANGE_LADDER_LEVELS } from '@cd/shared/constants';
import { ScrollRegion } from '../../../components/scroll-region';
import { useT } from '../../../lib/i18n';
import { changesMessages } from '../../changes/messages';

/**
 * Section 7.3, "Escalatie bij meldingen gepland onderhoud en releases": first consult, then escalate and inform,
 * Logius' level beside the Afnemer's at the same level. The ladder is data in shared (changes/ladders.ts).
 */
export function MaintenanceLadder() {
  const t = useT(changesMessages);
  const label = CHANGE_LADDER_LABELS['onderhoud-release'];
  return (
    <details className="ladder-details" data-testid="maintenance-ladder">
      <summary>{label}</summary>
      <p>{t('rfcLadder.rule')}</p>
      <ScrollRegion label={label}>
        <table className="table table--compact">
          <caption className="visually-hidden">{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rfcLadder.level')}</th>
              <th scope="col">{t('rfcLadder.logius')}</th>
              <th scope="col">{t('rfcLadder.afnemer')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('rfcLadder.step1')}</th>
              <td colSpan={2}>{t('rfcLadder.step1Who')}</td>
            </tr>
            {CHANGE_LADDER_LEVELS['onderhoud-release'].map((l) => (
              <tr key={l.level}>
                <th scope="row">{t('rfcLadder.levelN', { level: l.level })}</th>
                <td>{l.logius.title}</td>
                <td>{l.afnemer.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}
