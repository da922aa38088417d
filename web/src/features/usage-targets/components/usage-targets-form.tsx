import { type FormEvent, useEffect, useId, useState } from 'react';
import { ErrorMessage, errorMessage, Loading, Notice } from '../../../components/feedback';
import { FieldError, FormField } from '../../../components/form-field';
import { ApiError, apiUrl } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { type Quarter, type UsageTargetsInput, type UsageTargetsJson, useSetUsageTargets, useUsageTargets } from '../api/get-usage-targets';

const GROWTH = ['groot', 'middel', 'laag'] as const;
type Activity = UsageTargetsInput['activities'][number];

const countText = (n: number | null) => (n === null ? '' : String(n));
/** A count as typed: empty is "not given" (null); anything else must be a whole number of 0 or more. */
const countOf = (text: string): number | null | undefined => {
  const clean = text.replace(/[.\s]/g, '');
  if (clean === '') return null;
  return /^\d+$/.test(clean) ? Number(clean) : undefined;
};

/** The Afnemer's own targets and planned communication for one quarter (Bijlage 2), with the template to download. */
export function UsageTargetsForm({ q }: { q: Quarter }) {
  const query = useUsageTargets(q);
  if (query.isLoading) return <Loading />;
  if (query.isError || !query.data) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  return <TargetsForm key={`${q.year}-${q.quarter}`} q={q} saved={query.data} />;
}

function TargetsForm({ q, saved }: { q: Quarter; saved: UsageTargetsJson }) {
  const t = useT();
  const f = useFormat();
  const id = useId();
  const save = useSetUsageTargets();
  const [quarterTarget, setQuarterTarget] = useState(countText(saved.quarterTarget));
  const [yearTarget, setYearTarget] = useState(countText(saved.yearTarget));
  const [activities, setActivities] = useState<Activity[]>(saved.activities);
  const [growth, setGrowth] = useState<string>(saved.expectedGrowth ?? '');
  const [note, setNote] = useState(saved.note);
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => setDone(false), []);
  const serverErrors = save.error instanceof ApiError ? save.error.errors : [];
  const fieldError = (field: string) =>
    localError?.field === field ? localError.message : serverErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
  const editActivity = (i: number, change: Partial<Activity>) => setActivities(activities.map((a, j) => (j === i ? { ...a, ...change } : a)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const qt = countOf(quarterTarget);
    const yt = countOf(yearTarget);
    if (qt === undefined) return setLocalError({ field: 'quarterTarget', message: t('targets.errCount') });
    if (yt === undefined) return setLocalError({ field: 'yearTarget', message: t('targets.errCount') });
    if (activities.some((a) => !a.date || !a.description.trim())) return setLocalError({ field: 'activities', message: t('targets.errActivity') });
    setLocalError(null);
    save.mutate(
      {
        q,
        body: {
          quarterTarget: qt,
          yearTarget: yt,
          activities: activities.map((a) => ({ date: a.date, description: a.description.trim() })),
          expectedGrowth: growth === '' ? null : (growth as UsageTargetsInput['expectedGrowth']),
          note: note.trim(),
        },
      },
      { onSuccess: () => setDone(true) },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="form-grid">
      <p className="form-grid__full" data-testid="targets-saved">
        {saved.updatedAt ? t('targets.lastSaved', { date: f.dateTime(saved.updatedAt), by: saved.updatedBy ?? '' }) : t('targets.neverSaved')}
      </p>
      <FormField id={`${id}-qt`} label={t('targets.quarterTarget')} error={fieldError('quarterTarget')}>
        {(control) => <input {...control} inputMode="numeric" value={quarterTarget} onChange={(e) => setQuarterTarget(e.target.value)} />}
      </FormField>
      <FormField id={`${id}-yt`} label={t('targets.yearTarget')} error={fieldError('yearTarget')}>
        {(control) => <input {...control} inputMode="numeric" value={yearTarget} onChange={(e) => setYearTarget(e.target.value)} />}
      </FormField>
      <fieldset className="form-grid__full">
        <legend>{t('targets.activities')}</legend>
        {activities.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: activities have no identity of their own; rows are edited in place.
          <div key={i} className="activity-row">
            <div className="field">
              <label htmlFor={`${id}-ad-${i}`}>
                {t('targets.activityDate')} {i + 1}
              </label>
              <input id={`${id}-ad-${i}`} type="date" value={a.date} onChange={(e) => editActivity(i, { date: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-at-${i}`}>
                {t('targets.activityDescription')} {i + 1}
              </label>
              <input id={`${id}-at-${i}`} value={a.description} maxLength={500} onChange={(e) => editActivity(i, { description: e.target.value })} />
            </div>
            <button type="button" className="button button--ghost button--small" onClick={() => setActivities(activities.filter((_, j) => j !== i))}>
              {t('targets.removeActivity')} <span className="visually-hidden">{i + 1}</span>
            </button>
          </div>
        ))}
        <FieldError id={`${id}-activities`} error={fieldError('activities')} />
        {activities.length < 20 && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setActivities([...activities, { date: '', description: '' }])}
          >
            {t('targets.addActivity')}
          </button>
        )}
      </fieldset>
      <FormField id={`${id}-growth`} label={t('targets.expectedGrowth')}>
        {(control) => (
          <select {...control} value={growth} onChange={(e) => setGrowth(e.target.value)}>
            <option value="">{t('targets.growthNone')}</option>
            {GROWTH.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-note`} label={t('targets.note')} full>
        {(control) => <textarea {...control} value={note} maxLength={2000} rows={3} onChange={(e) => setNote(e.target.value)} />}
      </FormField>
      {save.isError && (
        <p className="field-error form-grid__full" role="alert">
          {errorMessage(save.error, t)}
        </p>
      )}
      {done && (
        <div className="form-grid__full">
          <Notice kind="success" role="status">
            {t('targets.saved', { quarter: q.quarter, year: q.year })}
          </Notice>
        </div>
      )}
      <div className="form-grid__full">
        <button type="submit" className="button" disabled={save.isPending}>
          {t('targets.save')}
        </button>{' '}
        <a className="button button--secondary" href={apiUrl('/reports/usage.xlsx', { year: q.year, quarter: q.quarter })} download>
          {t('targets.download')}
        </a>
      </div>
    </form>
  );
}
