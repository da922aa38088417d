import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { errorMessage, Notice } from '../../../components/feedback';
import { ApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { type Settings, type SettingsPatch, useUpdateSettings } from '../api/get-settings';
import { settingsMessages } from '../messages';

const toPercent = (fraction: number) => String(Math.round(fraction * 1000) / 10);
const fromPercent = (text: string) => Number(text.replace(',', '.')) / 100;
const percentOk = (text: string, min: number, max: number) => {
  const n = Number(text.replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max;
};

/** One settings form: its fields, a reason for the history, a save button and what came of it. */
function SettingForm({
  title,
  patch,
  check,
  children,
}: {
  title: string;
  patch: () => Omit<SettingsPatch, 'reason'>;
  check?: () => string | null;
  children: ReactNode;
}) {
  const t = useT(settingsMessages);
  const id = useId();
  const update = useUpdateSettings();
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const serverErrors = update.error instanceof ApiError ? update.error.errors : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const problem = check?.() ?? null;
    setLocalError(problem);
    if (problem) return;
    update.mutate({ ...patch(), ...(reason.trim() ? { reason: reason.trim() } : {}) } as SettingsPatch, {
      onSuccess: () => {
        setReason('');
        setDone(t('settings.saved', { setting: title }));
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate className="settings-form">
      {children}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('settings.reason')}</label>
        <input id={`${id}-reason`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </div>
      {(localError || update.isError) && (
        <div className="field-error" role="alert">
          {localError ?? (serverErrors.length ? serverErrors.map((e) => <p key={`${e.field}-${e.message}`}>{e.message}</p>) : errorMessage(update.error, t))}
        </div>
      )}
      {done && (
        <Notice kind="success" role="status">
          {done}
        </Notice>
      )}
      <button type="submit" className="button" disabled={update.isPending}>
        {t('settings.save')}
        <span className="visually-hidden"> {title}</span>
      </button>
    </form>
  );
}

export function CalamityThresholdForm({ values, defaults }: { values: Settings; defaults: Settings }) {
  const t = useT(settingsMessages);
  const id = useId();
  const [percent, setPercent] = useState(toPercent(values.calamityThreshold));
  useEffect(() => setPercent(toPercent(values.calamityThreshold)), [values.calamityThreshold]);
  return (
    <SettingForm
      title={t('settings.calamity')}
      patch={() => ({ calamityThreshold: fromPercent(percent) })}
      check={() => (percentOk(percent, 5, 100) ? null : t('settings.errPercent', { min: 5, max: 100 }))}
    >
      <div className="field">
        <label htmlFor={`${id}-pct`}>{t('settings.calamityLabel')}</label>
        <p id={`${id}-hint`} className="field-hint">
          {t('settings.default', { value: `${toPercent(defaults.calamityThreshold)}%` })}
        </p>
        <input id={`${id}-pct`} inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} aria-describedby={`${id}-hint`} />
      </div>
    </SettingForm>
  );
}

export function UsageThresholdsForm({ values, defaults }: { values: Settings; defaults: Settings }) {
  const t = useT(settingsMessages);
  const id = useId();
  const [groot, setGroot] = useState(toPercent(values.usageThresholds.groot));
  const [middel, setMiddel] = useState(toPercent(values.usageThresholds.middel));
  useEffect(() => {
    setGroot(toPercent(values.usageThresholds.groot));
    setMiddel(toPercent(values.usageThresholds.middel));
  }, [values.usageThresholds]);
  return (
    <SettingForm
      title={t('settings.usage')}
      patch={() => ({ usageThresholds: { groot: fromPercent(groot), middel: fromPercent(middel) } })}
      check={() =>
        !percentOk(groot, 0, 1000) || !percentOk(middel, 0, 1000)
          ? t('settings.errPercent', { min: 0, max: 1000 })
          : fromPercent(groot) <= fromPercent(middel)
            ? t('settings.errOrder')
            : null
      }
    >
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-groot`}>{t('settings.usageGroot')}</label>
          <p id={`${id}-groot-hint`} className="field-hint">
            {t('settings.default', { value: `${toPercent(defaults.usageThresholds.groot)}%` })}
          </p>
          <input id={`${id}-groot`} inputMode="decimal" value={groot} onChange={(e) => setGroot(e.target.value)} aria-describedby={`${id}-groot-hint`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-middel`}>{t('settings.usageMiddel')}</label>
          <p id={`${id}-middel-hint`} className="field-hint">
            {t('settings.default', { value: `${toPercent(defaults.usageThresholds.middel)}%` })}
          </p>
          <input id={`${id}-middel`} inputMode="decimal" value={middel} onChange={(e) => setMiddel(e.target.value)} aria-describedby={`${id}-middel-hint`} />
        </div>
      </div>
    </SettingForm>
  );
}

type StandardChange = Settings['standardChanges'][number];

export function StandardChangesForm({ values }: { values: Settings }) {
  const t = useT(settingsMessages);
  const [items, setItems] = useState<StandardChange[]>(values.standardChanges);
  useEffect(() => setItems(values.standardChanges), [values.standardChanges]);
  const edit = (i: number, change: Partial<StandardChange>) => setItems(items.map((item, j) => (j === i ? { ...item, ...change } : item)));
  return (
    <SettingForm title={t('settings.standardChanges')} patch={() => ({ standardChanges: items })}>
      <table className="table settings-table">
        <caption className="visually-hidden">{t('settings.standardChanges')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.code')}</th>
            <th scope="col">{t('settings.name')}</th>
            <th scope="col">{t('settings.description')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settings.removeItem')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a new row has no code yet; rows are edited in place.
            <tr key={i}>
              <td>
                <input aria-label={`${t('settings.code')} ${i + 1}`} value={item.code} maxLength={40} onChange={(e) => edit(i, { code: e.target.value })} />
              </td>
              <td>
                <input aria-label={`${t('settings.name')} ${i + 1}`} value={item.name} maxLength={200} onChange={(e) => edit(i, { name: e.target.value })} />
              </td>
              <td>
                <input
                  aria-label={`${t('settings.description')} ${i + 1}`}
                  value={item.description}
                  maxLength={1000}
                  onChange={(e) => edit(i, { description: e.target.value })}
                />
              </td>
              <td>
                <button type="button" className="button button--ghost button--small" onClick={() => setItems(items.filter((_, j) => j !== i))}>
                  {t('settings.removeItem')}
                  <span className="visually-hidden"> {item.name || item.code}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button button--secondary button--small" onClick={() => setItems([...items, { code: '', name: '', description: '' }])}>
        {t('settings.addItem')}
      </button>
    </SettingForm>
  );
}

type ServiceRequestType = Settings['serviceRequestTypes'][number];

export function ServiceRequestTypesForm({ values }: { values: Settings }) {
  const t = useT(settingsMessages);
  const [items, setItems] = useState<ServiceRequestType[]>(values.serviceRequestTypes);
  useEffect(() => setItems(values.serviceRequestTypes), [values.serviceRequestTypes]);
  const edit = (i: number, change: Partial<ServiceRequestType>) => setItems(items.map((item, j) => (j === i ? { ...item, ...change } : item)));
  return (
    <SettingForm title={t('settings.serviceRequests')} patch={() => ({ serviceRequestTypes: items })}>
      <table className="table settings-table">
        <caption className="visually-hidden">{t('settings.serviceRequests')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.code')}</th>
            <th scope="col">{t('settings.name')}</th>
            <th scope="col">{t('settings.days')}</th>
            <th scope="col">{t('settings.active')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, i) => (
            <tr key={item.code}>
              <th scope="row">
                <code>{item.code}</code>
              </th>
              <td>
                <input
                  aria-label={`${t('settings.name')} ${item.code}`}
                  value={item.name}
                  maxLength={200}
                  onChange={(e) => edit(i, { name: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`${t('settings.days')} ${item.code}`}
                  type="number"
                  min={1}
                  max={60}
                  value={item.termijnWerkdagen}
                  onChange={(e) => edit(i, { termijnWerkdagen: Number(e.target.value) })}
                />
              </td>
              <td>
                <input
                  aria-label={`${t('settings.active')} ${item.code}`}
                  type="checkbox"
                  checked={item.active}
                  onChange={(e) => edit(i, { active: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SettingForm>
  );
}
