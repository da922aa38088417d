import type { CurrentUser } from '@cd/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useAfnemers } from '../features/afnemers/api/get-afnemers';
import { currentSessionQueryOptions, useCurrentSession } from '../features/auth/api/get-current-session';
import { LoginPage } from '../features/auth/components/login-page';
import { ErrorMessage, Loading } from '../components/feedback';
import { AfnemerNamesContext } from '../lib/afnemer-names';
import { onUnauthorized } from '../lib/api-client';
import { useT } from '../lib/i18n';
import { CurrentUserContext } from '../lib/session';
import { Layout } from './layout';
import { Providers } from './providers';

export function App() {
  return (
    <Providers>
      <SessionGate />
    </Providers>
  );
}

/** Shows the sign-in form until there is a session, then the dashboard; drops back when the session ends. */
function SessionGate() {
  const t = useT();
  const qc = useQueryClient();
  const session = useCurrentSession();
  useEffect(() => onUnauthorized(() => qc.setQueryData(currentSessionQueryOptions().queryKey, null)), [qc]);
  if (session.isLoading) {
    return (
      <div className="boot">
        <Loading label={t('app.starting')} />
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="boot">
        <ErrorMessage error={session.error} onRetry={() => void session.refetch()} />
      </div>
    );
  }
  if (!session.data) return <LoginShell />;
  return <SignedIn user={session.data} />;
}

function LoginShell() {
  const t = useT();
  useEffect(() => {
    document.title = `${t('login.title')} – Capaciteitsdashboard`;
  }, [t]);
  return (
    <Layout user={null}>
      <LoginPage />
    </Layout>
  );
}

function SignedIn({ user }: { user: CurrentUser }) {
  const afnemers = useAfnemers();
  const names = useMemo(() => new Map((afnemers.data ?? []).map((a) => [a.oin, a.name])), [afnemers.data]);
  return (
    <CurrentUserContext.Provider value={user}>
      <AfnemerNamesContext.Provider value={names}>
        <Layout user={user} />
      </AfnemerNamesContext.Provider>
    </CurrentUserContext.Provider>
  );
}
