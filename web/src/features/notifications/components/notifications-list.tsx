import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { useNotifications } from '../api/get-notifications';
import { usePostNotificationRead } from '../api/post-notification-read';

/** The user's notifications, newest first; unread ones stand out and can be marked read. */
export function NotificationsList() {
  const t = useT();
  const f = useFormat();
  const query = useNotifications();
  const read = usePostNotificationRead();
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const items = [...(query.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (items.length === 0) return <EmptyState title={t('notifications.empty')}>{t('notifications.emptyBody')}</EmptyState>;
  return (
    <ul className="notifications">
      {items.map((n) => (
        <li key={n.id} className={n.readAt ? 'notification' : 'notification notification--unread'}>
          <div>
            <p className="notification__title">
              {!n.readAt && <span className="badge badge--new">{t('notifications.new')}</span>} {n.title}
            </p>
            <p>{n.body}</p>
            <p className="cell-sub">{f.dateTime(n.createdAt)}</p>
          </div>
          <div className="cell-actions">
            {n.conflictId !== null && (
              <Link to={`/conflicten/${n.conflictId}`} className="button button--secondary button--small" onClick={() => !n.readAt && read.mutate(n.id)}>
                {t('notifications.open')}
                <span className="visually-hidden"> {n.title}</span>
              </Link>
            )}
            {!n.readAt && (
              <button type="button" className="button button--ghost button--small" onClick={() => read.mutate(n.id)} disabled={read.isPending}>
                {t('notifications.markRead')}
                <span className="visually-hidden"> {n.title}</span>
              </button>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The number of unread notifications, for the header; null while unknown or unavailable. */
export function useUnreadCount(): number | null {
  const query = useNotifications();
  return query.data ? query.data.filter((n) => !n.readAt).length : null;
}
