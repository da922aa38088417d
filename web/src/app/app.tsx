import type { CurrentUser } from '@cd/shared';
import { ROLE_LABELS } from '@cd/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

async function currentUser(): Promise<CurrentUser | null> {
  const res = await fetch('/api/v1/sessions/current');
  return res.ok ? ((await res.json()) as CurrentUser) : null;
}

/** Placeholder until the dashboard issue: sign in and see who you are. */
export function App() {
  const qc = useQueryClient();
  const me = useQuery({ queryKey: ['session'], queryFn: currentUser });
  const [error, setError] = useState<string | null>(null);
  const login = useMutation({
    mutationFn: async (body: { email: string; password: string }) => {
      const res = await fetch('/api/v1/sessions', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(((await res.json()) as { detail: string }).detail);
    },
    onSuccess: () => { setError(null); void qc.invalidateQueries({ queryKey: ['session'] }); },
    onError: (e: Error) => setError(e.message),
  });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    login.mutate({ email: String(data.get('email')), password: String(data.get('password')) });
  };
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 640, margin: '3rem auto', padding: '0 1rem' }}>
      <h1>Capaciteitsdashboard MijnOverheid Berichtenbox</h1>
      {me.data ? (
        <p>
          Aangemeld als {me.data.name || me.data.email} ({ROLE_LABELS[me.data.role]}
          {me.data.afnemer ? `, ${me.data.afnemer.name}` : ', Logius'}). Het dashboard volgt.
        </p>
      ) : (
        <form onSubmit={onSubmit}>
          <p><label>E-mailadres <input name="email" type="email" autoComplete="username" required /></label></p>
          <p><label>Wachtwoord <input name="password" type="password" autoComplete="current-password" required /></label></p>
          {error && <p role="alert">{error}</p>}
          <button type="submit" disabled={login.isPending}>Aanmelden</button>
        </form>
      )}
    </main>
  );
}
