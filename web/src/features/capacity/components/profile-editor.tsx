import type { CapacityProfileNowJson, CapacityProfileSavedJson } from '@cd/shared';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { ConfirmChangeDialog, effectSentence } from '../../../components/change-preview';
import { ErrorMessage, errorMessage, Loading, Notice } from '../../../components/feedback';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { type MessageKey, useT } from '../../../lib/i18n';
import { fromLocalInputValue, toDateInputValue } from '@cd/shared/time';
import { useCapacityProfile } from '../api/get-capacity-profile';
import { type CapacityProfileBody, usePreviewCapacityProfile, usePutCapacityProfile } from '../api/put-capacity-profile';
import type { RestoreRequest } from '../api/restore-capacity-profile';
import { ScrollRegion } from '../../../components/scroll-region';
import { RestoreDialog } from './restore-dialog';
import { capacityProfileMessages } from '../messages';

export const DAY_KEYS: MessageKey[] = ['day.mon', 'day.tue', 'day.wed', 'day.thu', 'day.fri', 'day.sat', 'day.sun'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

type DaySet = 'all' | 'weekdays' | 'weekend' | `${number}`;

/** Shade of a cell by its rate relative to the week's highest, so the profile's shape is visible at a glance. */
function cellShade(rate: number, max: number, min: number): string {
  if (max <= 0 || max === min) return '#ffffff';
  const k = rate / max;
  return k >= 0.75 ? '#cfe4f3' : k >= 0.5 ? '#e0eef8' : k >= 0.25 ? '#eef5fb' : '#ffffff';
}

const today = () => toDateInputValue(Date.now());

/**
 * The capacity profile as a 24 × 7 table of messages per hour (Monday 00:00 first, Amsterdam time), with a fill
 * tool for ranges, the warning level and threshold, and saving as a new profile version from a date: first its
 * effect on the conflicts, then a confirm. The notice of what was saved (with an undo) outlives the new version.
 */
export function ProfileEditor({ canEdit }: { canEdit: boolean }) {
  const t = useT(capacityProfileMessages);
  const f = useFormat();
  const query = useCapacityProfile();
  // Kept here, outside the editor that a new profile version replaces, so the notice stays on screen.
  const [saved, setSaved] = useState<{ profile: CapacityProfileSavedJson; restored: boolean } | null>(null);
  const [undo, setUndo] = useState<RestoreRequest | null>(null);
  if (query.isLoading) return <Loading label={t('profile.loading')} />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const from = (date: string) => f.date(fromLocalInputValue(date)!);
  return (
    <>
      {saved && (
        <Notice kind="success" role="status">
          <p data-testid="profile-saved">
            {t(saved.restored ? 'profile.restored' : 'profile.savedFrom', { from: from(saved.profile.effectiveFrom) })}{' '}
            {effectSentence(t, saved.profile.effect)}
          </p>
          {canEdit && saved.profile.replaced !== null && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                const date = saved.profile.effectiveFrom < today() ? today() : saved.profile.effectiveFrom;
                setUndo({ profileId: saved.profile.replaced!, effectiveFrom: date });
              }}
            >
              {t('change.undo')}
            </button>
          )}
        </Notice>
      )}
      <Editor key={query.data!.id} profile={query.data!} canEdit={canEdit} onSaved={(profile) => setSaved({ profile, restored: false })} />
      <RestoreDialog
        request={undo}
        title={t('profile.undoTitle')}
        onClose={() => setUndo(null)}
        onDone={(profile) => {
          setUndo(null);
          setSaved({ profile, restored: true });
        }}
      />
    </>
  );
}

function Editor({ profile, canEdit, onSaved }: { profile: CapacityProfileNowJson; canEdit: boolean; onSaved: (saved: CapacityProfileSavedJson) => void }) {
  const t = useT(capacityProfileMessages);
  const f = useFormat();
  const id = useId();
  const save = usePutCapacityProfile();
  const preview = usePreviewCapacityProfile();
  const [rates, setRates] = useState<number[]>(profile.ratesPerHour);
  const [threshold, setThreshold] = useState(String(Math.round(profile.threshold * 100)));
  const [warning, setWarning] = useState(String(Math.round(profile.warningLevel * 100)));
  const [effectiveFrom, setEffectiveFrom] = useState(today());
  const [confirming, setConfirming] = useState<CapacityProfileBody | null>(null);
  const [fill, setFill] = useState<{ days: DaySet; from: number; to: number; value: string }>({ days: 'weekdays', from: 7, to: 22, value: '' });

  const changed = useMemo(() => rates.filter((r, i) => r !== profile.ratesPerHour[i]).length, [rates, profile.ratesPerHour]);
  const dirty = changed > 0 || Number(threshold) / 100 !== profile.threshold || Number(warning) / 100 !== profile.warningLevel;
  const max = Math.max(...rates);
  const min = Math.min(...rates);
  const failed = preview.error ?? null;
  const errors = failed instanceof ApiError ? failed.errors : [];

  const setRate = (i: number, value: string) => {
    const n = Number(value.replace(/\./g, '').replace(',', '.'));
    setRates((r) => r.map((x, j) => (j === i ? (Number.isFinite(n) && n >= 0 ? Math.round(n) : x) : x)));
  };

  const applyFill = (e: FormEvent) => {
    e.preventDefault();
    const value = Number(fill.value.replace(/\./g, ''));
    if (!Number.isFinite(value) || value < 0) return;
    const days =
      fill.days === 'all' ? [0, 1, 2, 3, 4, 5, 6] : fill.days === 'weekdays' ? [0, 1, 2, 3, 4] : fill.days === 'weekend' ? [5, 6] : [Number(fill.days)];
    setRates((r) => r.map((x, i) => (days.includes(Math.floor(i / 24)) && i % 24 >= fill.from && i % 24 < fill.to ? value : x)));
  };

  // Saving starts with the dry run: the dialog shows its effect and asks for a confirm.
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: CapacityProfileBody = { ratesPerHour: rates, threshold: Number(threshold) / 100, warningLevel: Number(warning) / 100, effectiveFrom };
    save.reset();
    preview.mutate(body, { onSuccess: () => setConfirming(body) });
  };

  return (
    <div className="profile-editor">
      <p className="panel__meta">
        {t('profile.currentFrom', {
          from: f.date(fromLocalInputValue(profile.effectiveFrom)!),
          at: f.dateTime(profile.setAt),
          by: profile.setBy ?? t('profile.system'),
        })}
      </p>
      {profile.upcoming.map((p) => (
        <Notice key={p.id} kind="info">
          {t('profile.upcoming', { from: f.date(fromLocalInputValue(p.effectiveFrom)!), by: p.setBy ?? t('profile.system') })}
        </Notice>
      ))}
      {!canEdit && <Notice kind="info">{t('profile.readOnly')}</Notice>}
      {canEdit && (
        <form className="fill-tool" onSubmit={applyFill} aria-labelledby={`${id}-fill`}>
          <h3 id={`${id}-fill`}>{t('profile.fillTitle')}</h3>
          <div className="field field--inline">
            <label htmlFor={`${id}-days`}>{t('profile.days')}</label>
            <select id={`${id}-days`} value={fill.days} onChange={(e) => setFill({ ...fill, days: e.target.value as DaySet })}>
              <option value="all">{t('profile.allDays')}</option>
              <option value="weekdays">{t('profile.weekdays')}</option>
              <option value="weekend">{t('profile.weekend')}</option>
              {DAY_KEYS.map((k, d) => (
                <option key={k} value={String(d)}>
                  {t(k)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--inline">
            <label htmlFor={`${id}-from`}>{t('profile.fromHour')}</label>
            <select id={`${id}-from`} value={fill.from} onChange={(e) => setFill({ ...fill, from: Number(e.target.value) })}>
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {hh(h)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--inline">
            <label htmlFor={`${id}-to`}>{t('profile.toHour')}</label>
            <select id={`${id}-to`} value={fill.to} onChange={(e) => setFill({ ...fill, to: Number(e.target.value) })}>
              {HOURS.map((h) => (
                <option key={h + 1} value={h + 1}>
                  {hh(h + 1).replace('24:00', '24:00')}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--inline">
            <label htmlFor={`${id}-value`}>{t('profile.perHour')}</label>
            <input id={`${id}-value`} inputMode="numeric" value={fill.value} onChange={(e) => setFill({ ...fill, value: e.target.value })} size={9} />
          </div>
          <button type="submit" className="button button--secondary">
            {t('profile.apply')}
          </button>
        </form>
      )}

      <form onSubmit={submit}>
        <ScrollRegion label={t('profile.caption')}>
          <table className="table profile-grid">
            <caption>{t('profile.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('profile.hour')}</th>
                {DAY_KEYS.map((k) => (
                  <th key={k} scope="col">
                    {t(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {HOURS.map((h) => (
                <tr key={h}>
                  <th scope="row">
                    {hh(h)}–{hh(h + 1)}
                  </th>
                  {DAY_KEYS.map((k, d) => {
                    const i = d * 24 + h;
                    const value = rates[i] ?? 0;
                    const isChanged = value !== profile.ratesPerHour[i];
                    return (
                      <td key={k} style={{ background: isChanged ? '#fff4d6' : cellShade(value, max, min) }}>
                        <input
                          className={isChanged ? 'rate rate--changed' : 'rate'}
                          inputMode="numeric"
                          aria-label={`${t(k)} ${hh(h)}–${hh(h + 1)}`}
                          value={f.number(value)}
                          disabled={!canEdit}
                          onChange={(e) => setRate(i, e.target.value)}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <div className="form-row">
          <div className="field field--inline">
            <label htmlFor={`${id}-warning`}>{t('profile.warningLevel')}</label>
            <input
              id={`${id}-warning`}
              type="number"
              min={1}
              max={1000}
              value={warning}
              disabled={!canEdit}
              onChange={(e) => setWarning(e.target.value)}
              aria-describedby={`${id}-pct`}
            />
          </div>
          <div className="field field--inline">
            <label htmlFor={`${id}-threshold`}>{t('profile.threshold')}</label>
            <input
              id={`${id}-threshold`}
              type="number"
              min={1}
              max={1000}
              value={threshold}
              disabled={!canEdit}
              onChange={(e) => setThreshold(e.target.value)}
              aria-describedby={`${id}-pct`}
            />
          </div>
          <p id={`${id}-pct`} className="field-hint">
            {t('profile.percentHint')}
          </p>
        </div>
        {canEdit && (
          <div className="form-row">
            <div className="field field--inline">
              <label htmlFor={`${id}-from`}>{t('profile.effectiveFrom')}</label>
              <input
                id={`${id}-from`}
                type="date"
                min={today()}
                value={effectiveFrom}
                onChange={(e) => setEffectiveFrom(e.target.value)}
                aria-describedby={`${id}-from-hint`}
              />
            </div>
            <p id={`${id}-from-hint`} className="field-hint">
              {t('profile.effectiveFromHint')}
            </p>
          </div>
        )}
        {failed && (
          <div className="notice notice--error" role="alert">
            <p>{errorMessage(failed, t)}</p>
            {errors.length > 0 && (
              <ul>
                {errors.map((e, i) => (
                  <li key={i}>
                    {e.field}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {canEdit && (
          <div className="actions actions--sticky">
            <button
              type="submit"
              className="button button--primary"
              disabled={(!dirty && effectiveFrom === profile.effectiveFrom) || preview.isPending || save.isPending}
            >
              {preview.isPending ? t('change.checking') : t('profile.save')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={!dirty || save.isPending}
              onClick={() => {
                setRates(profile.ratesPerHour);
                setThreshold(String(Math.round(profile.threshold * 100)));
                setWarning(String(Math.round(profile.warningLevel * 100)));
              }}
            >
              {t('profile.reset')}
            </button>
            <span className="muted" aria-live="polite">
              {dirty ? t('profile.changedCells', { n: changed }) : t('profile.noChanges')}
            </span>
          </div>
        )}
      </form>
      <ConfirmChangeDialog
        open={confirming !== null}
        title={t('profile.confirmTitle')}
        lead={t('profile.confirmLead', { from: f.date(fromLocalInputValue(effectiveFrom) ?? Date.now()) })}
        preview={preview}
        confirmLabel={t('profile.confirm')}
        confirming={save.isPending}
        error={save.error}
        onConfirm={() =>
          confirming &&
          save.mutate(confirming, {
            onSuccess: (saved) => {
              setConfirming(null);
              onSaved(saved);
            },
          })
        }
        onClose={() => setConfirming(null)}
      />
    </div>
  );
}
