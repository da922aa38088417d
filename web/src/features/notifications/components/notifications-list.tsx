import { type NotificationGroup, type NotificationKind, notificationGroups } from '@cd/shared/constants';
import { useId, useState } from 'react';
import { EmptyState, ErrorMessage, Loading } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { type MessageKey, useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { type NotificationJson, useNotifications } from '../api/get-notifications';
import { usePostNotificationRead } from '../api/post-notification-read';
import { usePostNotificationsReadAll } from '../api/post-notifications-read-all';
import { notificationsMessages } from '../messages';

const KIND_LABEL: Record<NotificationKind, MessageKey | keyof typeof notificationsMessages.nl> = {
  conflict: 'notifications.kind.conflict',
  incident: 'notifications.kind.incident',
  rfc: 'notifications.kind.rfc',
  'service-request': 'notifications.kind.service-request',
  fraud: 'notifications.kind.fraud',
  'disruption-analysis': 'notifications.kind.disruption-analysis',
  escalation: 'notifications.kind.escalation',
  levelling: 'nt.kind.levelling',
  other: 'notifications.kind.other',
};

/**
 * The user's notifications grouped per event (one group per conflict, incident, RFC, ...; the newest event first),
 * with a filter on kind and unread, and "alles als gelezen markeren".
 */
export function NotificationsList() {
  const t = useT(notificationsMessages);
  const id = useId();
  const query = useNotifications();
  const readAll = usePostNotificationsReadAll();
  const [kind, setKind] = useState<NotificationKind | ''>('');
  const [unreadOnly, setUnreadOnly] = useState(false);
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const all = query.data ?? [];
  if (all.length === 0) return <EmptyState title={t('notifications.empty')}>{t('notifications.emptyBody')}</EmptyState>;
  const kinds = [...new Set(all.map((n) => n.subjectKind))];
  const shown = all.filter((n) => (kind === '' || n.subjectKind === kind) && (!unreadOnly || n.readAt === null));
  const groups = notificationGroups(shown);
  const unreadShown = shown.filter((n) => n.readAt === null).length;

  return (
    <>
      <div className="filters notifications__filters">
        <div className="field field--inline">
          <label htmlFor={`${id}-kind`}>{t('notifications.filterKind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as NotificationKind | '')}>
            <option value="">{t('notifications.allKinds')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          {t('notifications.unreadOnly')}
        </label>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => readAll.mutate(kind === '' ? null : kind)}
          disabled={readAll.isPending || unreadShown === 0}
        >
          {t(kind === '' ? 'notifications.markAllRead' : 'notifications.markKindRead')}
        </button>
      </div>
      <p className="muted" aria-live="polite" data-testid="notifications-summary">
        {t('notifications.summary', { groups: groups.length, unread: unreadShown })}
      </p>
      {groups.length === 0 ? (
        <EmptyState title={t('notifications.noneMatch')}>{t('notifications.noneMatchBody')}</EmptyState>
      ) : (
        <ul className="notification-groups">
          {groups.map((g) => (
            <NotificationGroupItem key={g.key} group={g} />
          ))}
        </ul>
      )}
    </>
  );
}

/** One event: its newest notice in full, the earlier ones folded away under a count. */
function NotificationGroupItem({ group }: { group: NotificationGroup<NotificationJson> }) {
  const t = useT(notificationsMessages);
  const headingId = useId();
  const [latest, ...earlier] = group.items;
  if (!latest) return null;
  const label = group.ref === null ? t(KIND_LABEL[group.kind]) : t('notifications.groupTitle', { kind: t(KIND_LABEL[group.kind]), ref: group.ref });
  return (
    <li
      className={group.unread > 0 ? 'notification-group notification-group--unread' : 'notification-group'}
      aria-labelledby={headingId}
      data-testid="notification-group"
    >
      <p className="notification-group__head" id={headingId}>
        <span className="notification-group__label">{label}</span>
        <span className="badge" data-testid="notification-group-count">
          {t(group.items.length === 1 ? 'notifications.countOne' : 'notifications.count', { count: group.items.length })}
        </span>
        {group.unread > 0 && <span className="badge badge--new">{t('notifications.unreadCount', { count: group.unread })}</span>}
      </p>
      <NotificationItem n={latest} />
      {earlier.length > 0 && (
        <details className="notification-group__earlier">
          <summary>{t('notifications.earlier', { count: earlier.length })}</summary>
          <ul className="notifications">
            {earlier.map((n) => (
              <li key={n.id}>
                <NotificationItem n={n} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

function NotificationItem({ n }: { n: NotificationJson }) {
  const t = useT(notificationsMessages);
  const f = useFormat();
  const read = usePostNotificationRead();
  return (
    <div className={n.readAt ? 'notification' : 'notification notification--unread'}>
      <div className="notification__text">
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
        {n.subjectKind === 'levelling' && (
          <Link to="/nivellering" className="button button--secondary button--small" onClick={() => !n.readAt && read.mutate(n.id)}>
            {t('nt.levellingOpen')}
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
    </div>
  );
}
