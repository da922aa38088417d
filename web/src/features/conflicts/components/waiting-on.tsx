import { type WaitingOnJson, waitingOnOf } from '../types';

/** "Wacht op Klantraad-manager DUO": who must act now in the procedure. */
export function WaitingOn({ procedure, className }: { procedure: { waitingOn?: WaitingOnJson | null } | null | undefined; className?: string }) {
  const w = waitingOnOf(procedure);
  if (!w) return <span className="muted">–</span>;
  return (
    <span className={className ?? 'waiting-on'} data-testid="waiting-on">
      {w.text}
    </span>
  );
}
