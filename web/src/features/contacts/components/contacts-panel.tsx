import { accessReach, roleMay } from '@cd/shared/access';
import { CONTACT_ROLE_LABELS, CONTACT_ROLES, type ContactRole } from '@cd/shared/constants';
import { type FormEvent, useId, useState } from 'react';
import { ExcelDownload } from '../../../components/excel-download';
import { EmptyState, ErrorMessage, errorMessage, Loading } from '../../../components/feedback';
import { FormField, formErrors } from '../../../components/form-field';
import { FormFooter } from '../../../components/form-footer';
import { ScrollRegion } from '../../../components/scroll-region';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useT } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useDeleteContact } from '../api/delete-contact';
import { type Contact, useContacts } from '../api/get-contacts';
import { useSaveContact } from '../api/save-contact';
import { contactsMessages } from '../messages';

/**
 * Bijlage 1: Logius' contacts and each Afnemer's own. An Afnemer's planner or klantraad-manager keeps its own list,
 * Logius' service manager (and the administrator) keeps Logius' and may correct any.
 */
export function ContactsPanel() {
  const t = useT(contactsMessages);
  const user = useCurrentUser();
  const name = useAfnemerName();
  const query = useContacts();
  const del = useDeleteContact();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const reach = accessReach(user.role, 'contact.manage');
  const mayKeep = (c: Contact) => reach === 'any' || (reach === 'own' && c.afnemer === (user.afnemer?.oin ?? null));
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const rows = [...(query.data ?? [])].sort(
    (a, b) => (a.afnemer === null ? 0 : 1) - (b.afnemer === null ? 0 : 1) || (a.afnemer ?? '').localeCompare(b.afnemer ?? '') || a.name.localeCompare(b.name),
  );
  return (
    <>
      <div className="panel__toolbar">
        {roleMay(user.role, 'contact.manage') && (
          <button type="button" className="button button--primary button--small" onClick={() => setEditing('new')}>
            {t('contacts.add')}
          </button>
        )}
        <ExcelDownload title={t('contacts.title')} />
      </div>
      {editing !== null && <ContactForm contact={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      {rows.length === 0 ? (
        <EmptyState title={t('contacts.empty')} />
      ) : (
        <ScrollRegion label={t('contacts.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('contacts.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contacts.of')}</th>
                <th scope="col">{t('contacts.role')}</th>
                <th scope="col">{t('contacts.name')}</th>
                <th scope="col">{t('contacts.email')}</th>
                <th scope="col">{t('contacts.phone')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('contacts.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} data-contact={c.id}>
                  <td>{c.afnemer === null ? 'Logius' : name(c.afnemer)}</td>
                  <td>{c.roleLabel}</td>
                  <th scope="row">{c.name}</th>
                  <td>{c.email || '–'}</td>
                  <td>{c.phone || '–'}</td>
                  <td className="cell-actions">
                    {mayKeep(c) && (
                      <>
                        <button type="button" className="button button--ghost button--small" onClick={() => setEditing(c)}>
                          {t('common.edit')}
                          <span className="visually-hidden"> {c.name}</span>
                        </button>
                        <button
                          type="button"
                          className="button button--ghost button--small button--danger"
                          disabled={del.isPending}
                          onClick={() => {
                            if (window.confirm(t('contacts.deleteConfirm', { name: c.name }))) del.mutate(c.id);
                          }}
                        >
                          {t('common.delete')}
                          <span className="visually-hidden"> {c.name}</span>
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {del.isError && (
        <p className="field-error" role="alert">
          {errorMessage(del.error, t)}
        </p>
      )}
    </>
  );
}

function ContactForm({ contact, onDone }: { contact: Contact | null; onDone: () => void }) {
  const t = useT(contactsMessages);
  const id = useId();
  const user = useCurrentUser();
  const save = useSaveContact();
  const [role, setRole] = useState<ContactRole>(contact?.role ?? (user.afnemer ? 'planning' : 'servicecentrum'));
  const [name, setName] = useState(contact?.name ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const { serverErrors, fieldError } = formErrors(save.error);
  // An Afnemer's user keeps its own Afnemer's list; Logius adds to its own (changing an Afnemer's keeps that Afnemer).
  const afnemer = contact ? contact.afnemer : (user.afnemer?.oin ?? null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ id: contact?.id ?? null, body: { afnemer, role, name, email, phone } }, { onSuccess: onDone });
  };
  const field = (key: string, label: string, value: string, set: (v: string) => void, type = 'text') => (
    <FormField id={`${id}-${key}`} label={label} error={fieldError(key)}>
      {(control) => <input {...control} type={type} value={value} onChange={(e) => set(e.target.value)} />}
    </FormField>
  );
  return (
    <form onSubmit={submit} noValidate className="form-grid" data-export-skip aria-label={contact ? t('contacts.editTitle') : t('contacts.add')}>
      <FormField id={`${id}-role`} label={t('contacts.role')}>
        {(control) => (
          <select {...control} value={role} onChange={(e) => setRole(e.target.value as ContactRole)}>
            {CONTACT_ROLES.map((r) => (
              <option key={r} value={r}>
                {CONTACT_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {field('name', t('contacts.name'), name, setName)}
      {field('email', t('contacts.email'), email, setEmail, 'email')}
      {field('phone', t('contacts.phone'), phone, setPhone, 'tel')}
      <FormFooter
        busy={save.isPending}
        submitLabel={t('common.save')}
        error={save.isError && serverErrors.length === 0 ? save.error : undefined}
        onCancel={onDone}
      />
    </form>
  );
}
