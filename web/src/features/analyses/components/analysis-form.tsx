import { fromLocalInputValue, toLocalInputValue } from '@cd/shared/time';
import { type FormEvent, useState } from 'react';
import { formErrors } from '../../../components/form-field';
import { FormFooter } from '../../../components/form-footer';
import { useT } from '../../../lib/i18n';
import { type AnalysisBody, useDeliverDisruptionAnalysis } from '../api/deliver-disruption-analysis';
import type { DisruptionAnalysis } from '../api/get-disruption-analyses';
import { TextField } from './field';
import { type AnalysesKey, analysesMessages } from '../messages';

const LEVELS = ['groot', 'middel', 'laag'] as const;
const PARTIES = [
  ['afnemer', 'analyses.impactAfnemer'],
  ['logius', 'analyses.impactLogius'],
  ['klanten', 'analyses.impactKlanten'],
] as const satisfies readonly (readonly [keyof AnalysisBody['impact'], AnalysesKey])[];

const empty = (a: DisruptionAnalysis) => {
  const x = a.analysis;
  return {
    status: x?.status ?? '',
    startedAt: x ? toLocalInputValue(x.startedAt) : `${a.request.disruptionDate}T00:00`,
    resolvedAt: x?.resolvedAt ? toLocalInputValue(x.resolvedAt) : '',
    cause: x?.cause ?? '',
    impact: x?.impact ?? {
      afnemer: { level: 'middel', explanation: '' },
      logius: { level: 'middel', explanation: '' },
      klanten: { level: 'middel', explanation: '' },
    },
    solutionIncidental: x?.solutionIncidental ?? '',
    solutionStructural: x?.solutionStructural ?? '',
    communication: x?.communication ?? { who: '', what: '', when: '', bottlenecks: '' },
    improvements: x?.improvements ?? '',
  };
};

/** Logius writes the analysis on the fields of Bijlage 2's template; a second delivery revises it (the trail keeps both). */
export function AnalysisForm({ analysis, onDone }: { analysis: DisruptionAnalysis; onDone: () => void }) {
  const t = useT(analysesMessages);
  const deliver = useDeliverDisruptionAnalysis();
  const [v, setV] = useState(() => empty(analysis));
  const { fieldError: err } = formErrors(deliver.error);
  const set = (k: 'status' | 'startedAt' | 'resolvedAt' | 'cause' | 'solutionIncidental' | 'solutionStructural' | 'improvements') => (value: string) =>
    setV((o) => ({ ...o, [k]: value }));
  const setComm = (k: keyof AnalysisBody['communication']) => (value: string) => setV((o) => ({ ...o, communication: { ...o.communication, [k]: value } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const started = fromLocalInputValue(v.startedAt);
    const resolved = v.resolvedAt ? fromLocalInputValue(v.resolvedAt) : null;
    deliver.mutate(
      {
        id: analysis.id,
        body: {
          ...v,
          startedAt: started === null ? v.startedAt : new Date(started).toISOString(),
          resolvedAt: resolved === null ? null : new Date(resolved).toISOString(),
        },
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="form-grid" data-export-skip aria-label={t('analyses.writeFor', { number: analysis.incidentNumber })}>
      <TextField label={t('analyses.status')} value={v.status} onChange={set('status')} error={err('status')} multiline />
      <TextField label={t('analyses.startedAt')} type="datetime-local" value={v.startedAt} onChange={set('startedAt')} error={err('startedAt')} />
      <TextField label={t('analyses.resolvedAt')} type="datetime-local" value={v.resolvedAt} onChange={set('resolvedAt')} error={err('resolvedAt')} />
      <TextField label={t('analyses.cause')} value={v.cause} onChange={set('cause')} error={err('cause')} multiline />
      {PARTIES.map(([party, label]) => (
        <fieldset key={party} className="field form-grid__full">
          <legend>{t(label)}</legend>
          <label>
            {t('analyses.level')}{' '}
            <select
              value={v.impact[party].level}
              onChange={(e) =>
                setV((o) => ({ ...o, impact: { ...o.impact, [party]: { ...o.impact[party], level: e.target.value as (typeof LEVELS)[number] } } }))
              }
            >
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`analyses.level.${l}` as const)}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label={t('analyses.explanation')}
            value={v.impact[party].explanation}
            onChange={(x) => setV((o) => ({ ...o, impact: { ...o.impact, [party]: { ...o.impact[party], explanation: x } } }))}
          />
        </fieldset>
      ))}
      <TextField
        label={t('analyses.solutionIncidental')}
        value={v.solutionIncidental}
        onChange={set('solutionIncidental')}
        error={err('solutionIncidental')}
        multiline
      />
      <TextField
        label={t('analyses.solutionStructural')}
        value={v.solutionStructural}
        onChange={set('solutionStructural')}
        error={err('solutionStructural')}
        multiline
      />
      <TextField label={t('analyses.commWho')} value={v.communication.who} onChange={setComm('who')} />
      <TextField label={t('analyses.commWhen')} value={v.communication.when} onChange={setComm('when')} />
      <TextField label={t('analyses.commWhat')} value={v.communication.what} onChange={setComm('what')} multiline />
      <TextField label={t('analyses.commBottlenecks')} value={v.communication.bottlenecks} onChange={setComm('bottlenecks')} multiline />
      <TextField label={t('analyses.improvements')} value={v.improvements} onChange={set('improvements')} multiline />
      <FormFooter busy={deliver.isPending} submitLabel={t('analyses.deliver')} error={deliver.isError ? deliver.error : undefined} onCancel={onDone} />
    </form>
  );
}
