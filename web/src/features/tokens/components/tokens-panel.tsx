import { API_TOKEN_DAYS, API_TOKEN_LABEL_MAX } from '@cd/shared/api-token-rules';
import { type FormEvent, useId, useState } from 'react';
import { Dialog } from '../../../components/dialog';
import { EmptyState, ErrorMessage, errorMessage, Loading, Notice } from '../../../components/feedback';
import { FormField, formErrors } from '../../../components/form-field';
import { FormFooter } from '../../../components/form-footer';
import { ScrollRegion } from '../../../components/scroll-region';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { type ApiTokenCreated, useCreateToken } from '../api/create-token';
import { useDeleteToken } from '../api/delete-token';
import { type ApiTokenJson, useTokens } from '../api/get-tokens';
import { type TokensKey, tokensMessages } from '../messages';

const STATUS: Record<ApiTokenJson['status'], { label: TokensKey; badge: string }> = {
  actief: { label: 'tokens.status.actief', badge: 'badge--resolved' },
  verlopen: { label: 'tokens.status.verlopen', badge: 'badge--geannuleerd' },
  ingetrokken: { label: 'tokens.status.ingetrokken', badge: 'badge--open' },
};

/** One's own API tokens: make one (the secret is shown once), see when each expires and was last used, revoke. */
export function TokensPanel() {
  const t = useT(tokensMessages);
  const f = useFormat();
  const query = useTokens();
  const [createdToken, setCreatedToken] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenJson | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const name = (token: ApiTokenJson) => token.label || t('tokens.unnamed', { id: token.id });

  return (
    <div>
      <CreateForm
        onCreated={(token) => {
          setMessage(null);
          setCreatedToken(token);
        }}
      />
      {createdToken && (
        <Notice kind="success" title={t('tokens.createdTitle', { label: createdToken.label })} role="status">
          <p>{t('tokens.createdBody')}</p>
          <p>
            <code className="kenmerk" data-testid="new-token">
              {createdToken.token}
            </code>
          </p>
          <button type="button" className="button button--secondary button--small" onClick={() => setCreatedToken(null)}>
            {t('tokens.createdHide')}
          </button>
        </Notice>
      )}
      {message && (
        <Notice kind="success" role="status">
          {message}
        </Notice>
      )}
      {query.isLoading ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : (query.data ?? []).length === 0 ? (
        <EmptyState title={t('tokens.empty')}>{t('tokens.emptyBody')}</EmptyState>
      ) : (
        <ScrollRegion label={t('tokens.caption')}>
          <table className="table">
            <caption className="visually-hidden">{t('tokens.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.label')}</th>
                <th scope="col">{t('tokens.statusHeader')}</th>
                <th scope="col">{t('tokens.created')}</th>
                <th scope="col">{t('tokens.expires')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('tokens.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(query.data ?? []).map((token) => (
                <tr key={token.id} data-token={token.id}>
                  <th scope="row">{name(token)}</th>
                  <td>
                    <span className={`badge ${STATUS[token.status].badge}`} data-testid="token-status">
                      {t(STATUS[token.status].label)}
                    </span>
                    {token.revokedAt && <span className="cell-sub">{f.dateTime(token.revokedAt)}</span>}
                  </td>
                  <td>{f.dateTime(token.createdAt)}</td>
                  <td>{f.dateTime(token.expiresAt)}</td>
                  <td>{token.lastUsedAt ? f.dateTime(token.lastUsedAt) : t('tokens.neverUsed')}</td>
                  <td className="cell-actions">
                    {token.status === 'actief' && (
                      <button
                        type="button"
                        className="button button--ghost button--small button--danger"
                        onClick={() => {
                          setMessage(null);
                          setRevoking(token);
                        }}
                      >
                        {t('tokens.revoke')}
                        <span className="visually-hidden"> {name(token)}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <RevokeDialog
        token={revoking}
        name={revoking ? name(revoking) : ''}
        onClose={() => setRevoking(null)}
        onDone={(label) => {
          setRevoking(null);
          setMessage(t('tokens.revoked', { label }));
        }}
      />
    </div>
  );
}

function CreateForm({ onCreated }: { onCreated: (token: ApiTokenCreated) => void }) {
  const t = useT(tokensMessages);
  const id = useId();
  const create = useCreateToken();
  const [label, setLabel] = useState('');
  const [days, setDays] = useState(String(API_TOKEN_DAYS.default));
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const { serverErrors, fieldError } = formErrors(create.error, localError);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(days);
    if (!label.trim()) return setLocalError({ field: 'label', message: t('tokens.errLabel') });
    if (!Number.isInteger(n) || n < 1 || n > API_TOKEN_DAYS.max)
      return setLocalError({ field: 'days', message: t('tokens.errDays', { max: API_TOKEN_DAYS.max }) });
    setLocalError(null);
    create.mutate(
      { label: label.trim(), days: n },
      {
        onSuccess: (token) => {
          setLabel('');
          onCreated(token);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="form-grid">
      <FormField id={`${id}-label`} label={t('tokens.label')} hint={t('tokens.labelHint')} error={fieldError('label')}>
        {(control) => <input {...control} value={label} maxLength={API_TOKEN_LABEL_MAX} onChange={(e) => setLabel(e.target.value)} required />}
      </FormField>
      <FormField id={`${id}-days`} label={t('tokens.days')} hint={t('tokens.daysHint', { max: API_TOKEN_DAYS.max })} error={fieldError('days')}>
        {(control) => <input {...control} type="number" min={1} max={API_TOKEN_DAYS.max} step={1} value={days} onChange={(e) => setDays(e.target.value)} />}
      </FormField>
      <FormFooter busy={create.isPending} submitLabel={t('tokens.create')} error={create.isError && serverErrors.length === 0 ? create.error : undefined} />
    </form>
  );
}

function RevokeDialog({ token, name, onClose, onDone }: { token: ApiTokenJson | null; name: string; onClose: () => void; onDone: (label: string) => void }) {
  const t = useT(tokensMessages);
  const del = useDeleteToken();
  return (
    <Dialog
      open={token !== null}
      title={t('tokens.revokeTitle')}
      onClose={() => {
        del.reset();
        onClose();
      }}
      footer={
        token && (
          <>
            <button
              type="button"
              className="button button--danger"
              disabled={del.isPending}
              onClick={() =>
                del.mutate(token.id, {
                  onSuccess: () => {
                    del.reset();
                    onDone(name);
                  },
                })
              }
            >
              {del.isPending ? t('common.busy') : t('tokens.revokeConfirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </>
        )
      }
    >
      {token && <p>{t('tokens.revokeBody', { label: name })}</p>}
      {del.isError && (
        <p className="field-error" role="alert">
          {errorMessage(del.error, t)}
        </p>
      )}
    </Dialog>
  );
}
