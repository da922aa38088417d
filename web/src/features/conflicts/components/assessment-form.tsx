import { type FormEvent, useId, useState } from 'react';
import { FormField } from '../../../components/form-field';
import { useT } from '../../../lib/i18n';
import { ASPECTS, type AssessmentJson, LEVELS, type Level } from '../types';
import { ASPECT_LABEL, LEVEL_LABEL } from './labels';

type Aspects = AssessmentJson['aspects'];

const EMPTY: Aspects = {
  administratief: { urgency: 'middel', impact: 'middel' },
  financieel: { urgency: 'middel', impact: 'middel' },
  juridisch: { urgency: 'middel', impact: 'middel' },
  imago: { urgency: 'middel', impact: 'middel' },
};

/** Step 3: urgency and impact of changing one's planning, on the four aspects, with a motivation. */
export function AssessmentForm({
  initial,
  busy,
  onSubmit,
}: {
  initial: AssessmentJson | null;
  busy: boolean;
  onSubmit: (a: { aspects: Aspects; motivation: string }) => void;
}) {
  const t = useT();
  const id = useId();
  const [aspects, setAspects] = useState<Aspects>(initial?.aspects ?? EMPTY);
  const [motivation, setMotivation] = useState(initial?.motivation ?? '');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (motivation.trim().length < 10) {
      setError(t('assessment.motivationTooShort'));
      return;
    }
    setError(null);
    onSubmit({ aspects, motivation: motivation.trim() });
  };
  const set = (aspect: keyof Aspects, which: 'urgency' | 'impact', value: Level) => setAspects((a) => ({ ...a, [aspect]: { ...a[aspect], [which]: value } }));

  return (
    <form className="assessment-form" onSubmit={submit} noValidate>
      <p>{t('assessment.formLead')}</p>
      <table className="table table--form">
        <caption className="visually-hidden">{t('assessment.formCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assessment.aspect')}</th>
            <th scope="col">{t('assessment.urgency')}</th>
            <th scope="col">{t('assessment.impact')}</th>
          </tr>
        </thead>
        <tbody>
          {ASPECTS.map((aspect) => (
            <tr key={aspect}>
              <th scope="row">{t(ASPECT_LABEL[aspect])}</th>
              {(['urgency', 'impact'] as const).map((which) => (
                <td key={which}>
                  <fieldset className="radio-row">
                    <legend className="visually-hidden">
                      {t(ASPECT_LABEL[aspect])}: {t(which === 'urgency' ? 'assessment.urgency' : 'assessment.impact')}
                    </legend>
                    {LEVELS.map((level) => (
                      <label key={level}>
                        <input
                          type="radio"
                          name={`${id}-${aspect}-${which}`}
                          value={level}
                          checked={aspects[aspect][which] === level}
                          onChange={() => set(aspect, which, level)}
                        />
                        {t(LEVEL_LABEL[level])}
                      </label>
                    ))}
                  </fieldset>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <FormField id={`${id}-motivation`} label={t('assessment.motivation')} hint={t('assessment.motivationHint')} error={error} alert>
        {(control) => <textarea {...control} rows={4} value={motivation} onChange={(e) => setMotivation(e.target.value)} required />}
      </FormField>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('common.busy') : initial ? t('assessment.resubmit') : t('action.submit-assessment')}
      </button>
    </form>
  );
}
