import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../components/feedback';
import { ApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { useCreateSession } from '../api/create-session';

/** The sign-in form: e-mail and password, with the server's message when it fails. */
export function LoginPage() {
  const t = useT();
  const login = useCreateSession();
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setError(null);
    login.mutate(
      { email: String(data.get('email')), password: String(data.get('password')) },
      {
        onError: (err) => setError(err instanceof ApiError && err.status === 401 ? t('login.wrong') : errorMessage(err, t)),
      },
    );
  };

  return (
    <div className="login">
      <div className="login__card">
        <h1 tabIndex={-1}>{t('login.title')}</h1>
        <p className="login__lead">{t('login.lead')}</p>
        <form onSubmit={onSubmit} noValidate={false}>
          <div className="field">
            <label htmlFor="login-email">{t('login.email')}</label>
            <input id="login-email" name="email" type="email" autoComplete="username" required aria-describedby={error ? 'login-error' : undefined} />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input id="login-password" name="password" type="password" autoComplete="current-password" required />
          </div>
          {error && (
            <p id="login-error" className="field-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={login.isPending}>
            {login.isPending ? t('login.busy') : t('login.submit')}
          </button>
        </form>
        <p className="login__help">{t('login.help')}</p>
      </div>
    </div>
  );
}
