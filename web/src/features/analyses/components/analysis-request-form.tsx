import { type FormEvent, useId, useState } from 'react';
import { formErrors } from '../../../components/form-field';
import { FormFooter } from '../../../components/form-footer';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useT } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useAnalysableIncidents } from '../api/get-analysable-incidents';
import { useRequestDisruptionAnalysis } from '../api/request-disruption-analysis';
import { TextField } from './field';
import { analysesMessages } from '../messages';

/** Bijlage 2's request form (RFO): after a P1 or a calamity, an analysis for one affected Afnemer. */
export function AnalysisRequestForm() {
  const t = useT(analysesMessages);
  const id = useId();
  const user = useCurrentUser();
  const own = user.afnemer?.oin ?? null;
  const name = useAfnemerName();
  const incidents = useAnalysableIncidents();
  const request = useRequestDisruptionAnalysis();
  const [v, setV] = useState({
    incidentId: '',
    afnemer: '',
    description: '',
    disruptionDate: '',
    desiredDeliveryDate: '',
    contactName: '',
    contactEmail: user.email,
    contactPhone: '',
    questions: '',
  });
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  const { fieldError: err } = formErrors(request.error);
  const incident = incidents.data?.find((i) => String(i.id) === v.incidentId);
  const involved = incident ? [...new Set([...incident.afnemers, ...(incident.reportedByAfnemer ? [incident.reportedByAfnemer] : [])])] : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    request.mutate(
      {
        incidentId: Number(v.incidentId),
        afnemer: own ? undefined : v.afnemer || undefined,
        description: v.description,
        disruptionDate: v.disruptionDate,
        desiredDeliveryDate: v.desiredDeliveryDate || undefined,
        contactName: v.contactName,
        contactEmail: v.contactEmail,
        contactPhone: v.contactPhone,
        questions: v.questions,
      },
      { onSuccess: (a) => setDone(t('analyses.requested', { number: a.incidentNumber })) },
    );
  };

  if (!incidents.isLoading && (incidents.data ?? []).length === 0) return <p className="field-hint">{t('analyses.noIncidents')}</p>;
  return (
    <form onSubmit={submit} noValidate className="form-grid" data-export-skip>
      <div className="field">
        <label htmlFor={`${id}-incident`}>{t('analyses.incident')}</label>
        <select id={`${id}-incident`} value={v.incidentId} onChange={(e) => set('incidentId')(e.target.value)} aria-invalid={!!err('incidentId')}>
          <option value="">{t('analyses.choose')}</option>
          {(incidents.data ?? []).map((i) => (
            <option key={i.id} value={i.id}>
              {i.number} ({i.priority}
              {i.calamity.status !== 'geen' ? `, ${t('analyses.calamity')}` : ''}): {i.title}
            </option>
          ))}
        </select>
        {err('incidentId') && <p className="field-error">{err('incidentId')}</p>}
      </div>
      {!own && involved.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-afnemer`}>{t('common.afnemer')}</label>
          <select id={`${id}-afnemer`} value={v.afnemer} onChange={(e) => set('afnemer')(e.target.value)} aria-invalid={!!err('afnemer')}>
            <option value="">{t('analyses.choose')}</option>
            {involved.map((oin) => (
              <option key={oin} value={oin}>
                {name(oin)}
              </option>
            ))}
          </select>
          {err('afnemer') && <p className="field-error">{err('afnemer')}</p>}
        </div>
      )}
      <TextField label={t('analyses.description')} value={v.description} onChange={set('description')} error={err('description')} multiline />
      <TextField label={t('analyses.disruptionDate')} type="date" value={v.disruptionDate} onChange={set('disruptionDate')} error={err('disruptionDate')} />
      <TextField
        label={t('analyses.desiredDeliveryDate')}
        type="date"
        value={v.desiredDeliveryDate}
        onChange={set('desiredDeliveryDate')}
        error={err('desiredDeliveryDate')}
      />
      <TextField label={t('analyses.contactName')} value={v.contactName} onChange={set('contactName')} error={err('contactName')} />
      <TextField label={t('analyses.contactEmail')} type="email" value={v.contactEmail} onChange={set('contactEmail')} error={err('contactEmail')} />
      <TextField label={t('analyses.contactPhone')} type="tel" value={v.contactPhone} onChange={set('contactPhone')} error={err('contactPhone')} />
      <TextField label={t('analyses.questions')} value={v.questions} onChange={set('questions')} error={err('questions')} multiline />
      <FormFooter
        busy={request.isPending}
        disabled={!v.incidentId}
        submitLabel={t('analyses.request')}
        error={request.isError ? request.error : undefined}
        done={done}
      />
    </form>
  );
}
