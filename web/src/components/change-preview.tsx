import { ConflictEffectLists } from './conflict-effect';
import type { ChangeEffect, PlanningDryRunResult } from '@cd/shared';
import { type Translate, useT } from '../lib/i18n';
import { Dialog } from './dialog';
import { ErrorMessage, errorMessage, Loading } from './feedback';

/** "veroorzaakt 2 nieuwe conflicten bij 14 Afnemers" (singular where it is one); `past`: "veroorzaakte …". */
export function createdSentence(t: Translate, created: number, afnemers: number, past = false): string {
  if (created === 0) return t(past ? 'change.createdNone' : 'change.createsNone');
  return t(past ? 'change.created' : 'change.creates', {
    n: created,
    conflicts: t(created === 1 ? 'change.conflictOne' : 'change.conflictMany'),
    m: afnemers,
    afnemers: t(afnemers === 1 ? 'change.afnemerOne' : 'change.afnemerMany'),
  });
}

/** The distinct Afnemers of the conflicts a change would create. */
export function previewAfnemers(result: PlanningDryRunResult): number {
  return new Set(result.created.flatMap((c) => c.afnemers)).size;
}

/** What a stored change did, for the notice after saving: "… veroorzaakte 2 nieuwe conflicten bij 14 Afnemers en loste 1 op." */
export function effectSentence(t: Translate, effect: ChangeEffect): string {
  if (effect.created === 0 && effect.solved === 0) return t('change.effectNone');
  return t('change.effect', {
    created: createdSentence(t, effect.created, effect.afnemers, true),
    solved: effect.solved,
  });
}

/**
 * What a capacity change would do to the conflicts (a dry run): a one-line summary a screen reader reads first,
 * then the conflicts it creates, worsens and solves with period and Afnemers. Nothing has been stored.
 */
export function ChangePreview({ result }: { result: PlanningDryRunResult }) {
  const t = useT();
  const created = result.created.length;
  return (
    <div className="change-preview">
      <p className="change-preview__summary" data-testid="change-summary">
        {t('change.summary', {
          created: createdSentence(t, created, previewAfnemers(result)),
          worsened: result.worsened.length,
          solved: result.solved.length,
        })}
      </p>
      <ConflictEffectLists effect={result} createdTitle={t('change.createdTitle')} />
      <p className="field-hint">{t('change.nothingStored')}</p>
    </div>
  );
}

/**
 * A capacity change shown before it is made: the dry run's effect, then a confirm. `preview` is the dry-run
 * request; the confirm button waits for its answer.
 */
export function ConfirmChangeDialog({
  open,
  title,
  lead,
  preview,
  confirmLabel,
  confirming,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  lead?: string;
  preview: { isPending: boolean; data?: PlanningDryRunResult; error: unknown };
  confirmLabel: string;
  confirming: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button button--primary" disabled={!preview.data || confirming} onClick={onConfirm}>
            {confirming ? t('common.busy') : confirmLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {lead && <p>{lead}</p>}
      {preview.isPending && <Loading label={t('change.checking')} />}
      {preview.error != null && <ErrorMessage error={preview.error} />}
      {preview.data && <ChangePreview result={preview.data} />}
      {error != null && (
        <p className="field-error" role="alert">
          {errorMessage(error, t)}
        </p>
      )}
    </Dialog>
  );
}
