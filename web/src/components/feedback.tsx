import type { ReactNode } from 'react';
import { ApiError, NetworkError } from '../lib/api-client';
import { type Translate, useT } from '../lib/i18n';

/** A calm "busy" line, announced politely to screen readers. */
export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** The user-facing Dutch/English message for any error, using the server's explanation when it gave one. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof ApiError) {
    if (error.status === 401) return t('error.unauthorized');
    if (error.status === 403) return error.detail || t('error.forbidden');
    if (error.status === 404) return error.detail || t('error.notFound');
    if (error.status >= 500) return t('error.server');
    return error.detail || error.title || t('error.generic');
  }
  return t('error.generic');
}

export function ErrorMessage({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const t = useT();
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title ?? t('error.title')}</p>
      <p>{errorMessage(error, t)}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children && <div className="empty-state__body">{children}</div>}
    </div>
  );
}

export function Notice({
  kind = 'info',
  title,
  children,
  role,
}: {
  kind?: 'info' | 'success' | 'warning' | 'error';
  title?: string;
  children?: ReactNode;
  role?: 'status' | 'alert';
}) {
  return (
    <div className={`notice notice--${kind}`} role={role}>
      {title && <p className="notice__title">{title}</p>}
      {children}
    </div>
  );
}
