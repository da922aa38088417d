import { errorMessage, Notice } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { type CalendarFeedNew, useCalendarFeedChange, useCalendarFeeds } from '../api/calendar-feeds';
import { useState } from 'react';

/** One's own calendar feed (iCalendar for Outlook): make one (the secret URL is shown once), or revoke it. */
export function CalendarFeedPanel() {
  const t = useT();
  const f = useFormat();
  const feeds = useCalendarFeeds();
  const { create, revoke } = useCalendarFeedChange();
  const [created, setCreated] = useState<CalendarFeedNew | null>(null);
  const active = (feeds.data ?? []).find((x) => x.revokedAt === null);
  const url = created ? new URL(created.path, window.location.origin).href : null;
  return (
    <div>
      <p data-testid="feed-status">
        {active
          ? t('feed.active', { at: f.dateTime(active.createdAt), used: active.lastUsedAt ? f.dateTime(active.lastUsedAt) : t('feed.neverUsed') })
          : t('feed.none')}
      </p>
      {url && (
        <Notice kind="success" title={t('feed.createdTitle')} role="status">
          <p>{t('feed.createdBody')}</p>
          <p>
            <code className="kenmerk" data-testid="feed-url">
              {url}
            </code>
          </p>
        </Notice>
      )}
      <div className="actions no-print">
        <button
          type="button"
          className="button button--primary button--small"
          disabled={create.isPending}
          onClick={() => create.mutate(undefined, { onSuccess: (x) => setCreated(x) })}
        >
          {active ? t('feed.replace') : t('feed.create')}
        </button>
        {active && (
          <button
            type="button"
            className="button button--ghost button--small button--danger"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate(undefined, { onSuccess: () => setCreated(null) })}
          >
            {t('feed.revoke')}
          </button>
        )}
      </div>
      {(create.isError || revoke.isError) && (
        <p className="field-error" role="alert">
          {errorMessage(create.error ?? revoke.error, t)}
        </p>
      )}
    </div>
  );
}
