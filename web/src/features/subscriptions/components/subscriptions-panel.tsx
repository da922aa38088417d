import { useState } from 'react';
import { ErrorMessage, errorMessage, Loading, Notice } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { type SubscriptionJson, useSetSubscription, useSubscriptions } from '../api/get-subscriptions';
import { type SubscriptionsKey, subscriptionsMessages } from '../messages';

const kindLabel = (kind: SubscriptionJson['kind']): SubscriptionsKey => `subs.kind.${kind}`;

/** The signed-in user's own subscriptions: one switch per kind of notice (section 5.2). */
export function SubscriptionsPanel() {
  const t = useT(subscriptionsMessages);
  const f = useFormat();
  const query = useSubscriptions();
  const set = useSetSubscription();
  const [message, setMessage] = useState<string | null>(null);
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <div>
      {message && (
        <Notice kind="success" role="status">
          {message}
        </Notice>
      )}
      {set.isError && (
        <p className="field-error" role="alert">
          {errorMessage(set.error, t)}
        </p>
      )}
      <ul className="subscription-list">
        {(query.data ?? []).map((s) => (
          <li key={s.kind} data-subscription={s.kind} className="subscription-list__item">
            <div>
              <strong>{t(kindLabel(s.kind))}</strong>
              <span className="cell-sub" data-testid="subscription-state">
                {s.subscribed && s.since ? t('subs.since', { date: f.dateTime(s.since) }) : t('subs.off')}
              </span>
            </div>
            <button
              type="button"
              className={s.subscribed ? 'button button--secondary button--small' : 'button button--small'}
              disabled={set.isPending}
              onClick={() =>
                set.mutate(
                  { kind: s.kind, on: !s.subscribed },
                  { onSuccess: () => setMessage(t(s.subscribed ? 'subs.unsubscribed' : 'subs.subscribed', { kind: t(kindLabel(s.kind)).toLowerCase() })) },
                )
              }
            >
              {t(s.subscribed ? 'subs.unsubscribe' : 'subs.subscribe')}
              <span className="visually-hidden"> {t(kindLabel(s.kind))}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
