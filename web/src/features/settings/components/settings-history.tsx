import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { type SettingChangeJson, useSettingHistory } from '../api/get-settings';
import { type SettingsT, settingsMessages } from '../messages';

/** A setting's value in words: a threshold as a percentage, a catalogue by its size. */
function valueText(key: SettingChangeJson['key'], value: unknown, t: SettingsT): string {
  const pct = (x: unknown) => `${Math.round(Number(x) * 1000) / 10}%`;
  if (key === 'calamityThreshold') return pct(value);
  if (key === 'usageThresholds') {
    const v = value as { groot: number; middel: number };
    return `groot >${pct(v.groot)}, middel >${pct(v.middel)}`;
  }
  const n = Array.isArray(value) ? value.length : 0;
  return n === 1 ? t('settings.itemsOne') : t('settings.items', { n });
}

/** Who changed which setting when, from what to what, and why. */
export function SettingsHistory() {
  const t = useT(settingsMessages);
  const f = useFormat();
  const query = useSettingHistory();
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const rows = query.data ?? [];
  if (rows.length === 0) return <EmptyState title={t('settings.historyEmpty')} />;
  return (
    <ScrollRegion label={t('settings.historyCaption')}>
      <table className="table">
        <caption className="visually-hidden">{t('settings.historyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.when')}</th>
            <th scope="col">{t('settings.setting')}</th>
            <th scope="col">{t('settings.old')}</th>
            <th scope="col">{t('settings.new')}</th>
            <th scope="col">{t('settings.by')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-setting-change={r.id}>
              <td>{f.dateTime(r.changedAt)}</td>
              <th scope="row">
                {r.label}
                {r.reason && <span className="cell-sub">{r.reason}</span>}
              </th>
              <td>{valueText(r.key, r.oldValue, t)}</td>
              <td>{valueText(r.key, r.newValue, t)}</td>
              <td>{r.changedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
