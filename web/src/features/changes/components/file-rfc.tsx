import { CHANGE_TYPES, type ChangeType } from '@cd/shared/constants';
import { roleMay } from '@cd/shared/access';
import { type FormEvent, type ReactNode, useContext, useId, useState } from 'react';
import { DialogLauncher } from '../../../components/dialog';
import { type FieldControl, FormField, formErrors } from '../../../components/form-field';
import { FormFooter } from '../../../components/form-footer';
import { AfnemerNamesContext } from '../../../lib/afnemer-names';
import { useT } from '../../../lib/i18n';
import { navigate } from '../../../lib/router';
import { useCurrentUser } from '../../../lib/session';
import { type RfcFiling, useFileRfc } from '../api/file-rfc';
import { useStandardChanges } from '../api/get-standard-changes';
import '../../../components/details.css';
import { CHANGE_TYPE_LABEL, RFC_KIND_LABEL } from '../labels';
import { changesMessages } from '../messages';

type Kind = RfcFiling['kind'];

/**
 * "RFC indienen" for whoever may file (Logius, and an Afnemer's designated employees: the server checks the
 * designation): a standard change from the catalogue, a non-standard one (impact analysis follows), or an urgent
 * one that names the open incident it solves.
 */
export function FileRfc() {
  const t = useT(changesMessages);
  const user = useCurrentUser();
  // The role may file, and for an Afnemer's user its Afnemer designated it (the session says so).
  if (!roleMay(user.role, 'rfc.file') || !user.mayFileRfc) return null;
  return (
    <DialogLauncher label={t('rfcFile.open')} title={t('rfcFile.title')}>
      {(close) => <FileRfcForm onCancel={close} />}
    </DialogLauncher>
  );
}

function FileRfcForm({ onCancel }: { onCancel: () => void }) {
  const t = useT(changesMessages);
  const id = useId();
  const user = useCurrentUser();
  const names = useContext(AfnemerNamesContext);
  const catalogue = useStandardChanges();
  const file = useFileRfc();
  const [kind, setKind] = useState<Kind>('niet-standaard');
  const [changeType, setChangeType] = useState<ChangeType>('technisch');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [catalogueItem, setCatalogueItem] = useState('');
  const [incidentNumber, setIncidentNumber] = useState('');
  const [afnemer, setAfnemer] = useState('');
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const { serverErrors, fieldError } = formErrors(file.error, localError);
  const field = (name: string, label: string, input: (control: FieldControl) => ReactNode) => (
    <FormField id={`${id}-${name}`} label={label} error={fieldError(name)} full alert>
      {input}
    </FormField>
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setLocalError({ field: 'title', message: t('rfcFile.errTitle') });
    if (kind === 'standaard' && !catalogueItem) return setLocalError({ field: 'catalogueItem', message: t('rfcFile.errCatalogue') });
    if (kind === 'urgent' && !incidentNumber.trim()) return setLocalError({ field: 'incidentNumber', message: t('rfcFile.errIncident') });
    setLocalError(null);
    const body = {
      kind,
      changeType,
      title: title.trim(),
      description: description.trim(),
      ...(kind === 'standaard' ? { catalogueItem } : {}),
      ...(kind === 'urgent' ? { incidentNumber: incidentNumber.trim() } : {}),
      ...(!user.afnemer?.oin && afnemer ? { afnemer } : {}),
    } as RfcFiling;
    file.mutate(body, { onSuccess: (rfc) => navigate(`/wijzigingen/${rfc.id}`) });
  };

  return (
    <form onSubmit={submit} noValidate className="form-grid" data-testid="rfc-file-form">
      <fieldset className="field form-grid__full">
        <legend>{t('changes.kind')}</legend>
        {(Object.keys(RFC_KIND_LABEL) as Kind[]).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(RFC_KIND_LABEL[k])}
          </label>
        ))}
      </fieldset>
      <p className="field-hint form-grid__full">{t(`rfcFile.kindHint.${kind}`)}</p>
      <fieldset className="field form-grid__full">
        <legend>{t('rfcFile.changeType')}</legend>
        {CHANGE_TYPES.map((c) => (
          <label key={c} className="radio">
            <input type="radio" name={`${id}-type`} value={c} checked={changeType === c} onChange={() => setChangeType(c)} />
            {t(CHANGE_TYPE_LABEL[c])}
          </label>
        ))}
      </fieldset>
      {kind === 'standaard' &&
        field('catalogueItem', t('rfcFile.catalogueItem'), (props) => (
          <select {...props} value={catalogueItem} onChange={(e) => setCatalogueItem(e.target.value)}>
            <option value="">{t('rfcFile.choose')}</option>
            {(catalogue.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        ))}
      {kind === 'urgent' &&
        field('incidentNumber', t('rfcFile.incidentNumber'), (props) => (
          <input {...props} value={incidentNumber} placeholder="INC-2027-000123" onChange={(e) => setIncidentNumber(e.target.value)} />
        ))}
      {field('title', t('rfcFile.titleField'), (props) => (
        <input {...props} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      ))}
      {field('description', t('rfcFile.description'), (props) => (
        <textarea {...props} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      ))}
      {!user.afnemer?.oin &&
        field('afnemer', t('rfcFile.afnemer'), (props) => (
          <select {...props} value={afnemer} onChange={(e) => setAfnemer(e.target.value)}>
            <option value="">{t('rfcFile.logiusOwn')}</option>
            {[...names.entries()].map(([oin, name]) => (
              <option key={oin} value={oin}>
                {name}
              </option>
            ))}
          </select>
        ))}
      <FormFooter
        busy={file.isPending}
        submitLabel={t('rfcFile.submit')}
        error={file.isError && serverErrors.length === 0 ? file.error : undefined}
        onCancel={onCancel}
      />
    </form>
  );
}
