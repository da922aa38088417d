import type { CapacityProfileSavedJson } from '@cd/shared';
import { useEffect } from 'react';
import { ConfirmChangeDialog } from '../../../components/change-preview';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { fromLocalInputValue } from '@cd/shared/time';
import { type RestoreRequest, usePreviewRestoreCapacityProfile, useRestoreCapacityProfile } from '../api/restore-capacity-profile';
import { capacityProfileMessages } from '../messages';

/** "Terugzetten": an earlier profile becomes the one in force from a date, after its effect has been shown. */
export function RestoreDialog({
  request,
  title,
  onClose,
  onDone,
}: {
  request: RestoreRequest | null;
  title: string;
  onClose: () => void;
  onDone: (saved: CapacityProfileSavedJson) => void;
}) {
  const t = useT(capacityProfileMessages);
  const f = useFormat();
  const preview = usePreviewRestoreCapacityProfile();
  const restore = useRestoreCapacityProfile();
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetRestore } = restore;
  useEffect(() => {
    resetPreview();
    resetRestore();
    if (request) runPreview(request);
  }, [request, runPreview, resetPreview, resetRestore]);
  const from = request?.effectiveFrom ? fromLocalInputValue(request.effectiveFrom) : null;
  return (
    <ConfirmChangeDialog
      open={request !== null}
      title={title}
      lead={request ? t('profile.restoreLead', { id: request.profileId, from: from === null ? t('profile.today') : f.date(from) }) : undefined}
      preview={preview}
      confirmLabel={t('profile.restoreConfirm')}
      confirming={restore.isPending}
      error={restore.error}
      onConfirm={() => request && restore.mutate(request, { onSuccess: onDone })}
      onClose={onClose}
    />
  );
}
