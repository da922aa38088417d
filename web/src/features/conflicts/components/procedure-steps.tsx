import { useT } from '../../../lib/i18n';
import { PROCEDURE_STEPS, type ProcedureStep } from '../types';
import { STEP_LABEL } from './labels';

/** The six steps of the conflict procedure, the current one marked. */
export function ProcedureSteps({ step }: { step: ProcedureStep }) {
  const t = useT();
  const current = PROCEDURE_STEPS.indexOf(step);
  return (
    <ol className="steps" aria-label={t('caseFile.procedure')}>
      {PROCEDURE_STEPS.slice(0, 6).map((s, i) => (
        <li
          key={s}
          className={i < current ? 'steps__item steps__item--done' : i === current ? 'steps__item steps__item--current' : 'steps__item'}
          aria-current={i === current ? 'step' : undefined}
        >
          {t(STEP_LABEL[s])}
        </li>
      ))}
    </ol>
  );
}
