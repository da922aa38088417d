import type { LevellingProposalJson } from '@cd/shared';
import { amsterdamMidnightOf, fromLocalInputValue, toDateInputValue } from '@cd/shared/time';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage, errorMessage, Loading, Notice } from '../../../components/feedback';
import { FormField } from '../../../components/form-field';
import { Section } from '../../../components/page';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { setSearchParams, useLocation } from '../../../lib/router';
import { useConflicts } from '../../conflicts/api/get-conflicts';
import { useAcceptProposal, useCreateProposal, useProposal, useProposals } from '../api';
import { levellingMessages } from '../messages';
import { LevellingMovesTable } from './moves-table';

type Move = LevellingProposalJson['moves'][number];

/**
 * The capacity manager's view: pick a period, see the proposal (moves per Afnemer, overload that remains with the
 * reason, messages moved against the lower bound, conflicts before and after), accept it, and follow who accepted
 * which move; the open conflicts of the period are counted live.
 */
export function ProposalView({ mayAccept }: { mayAccept: boolean }) {
  const t = useT(levellingMessages);
  const id = useId();
  const { search } = useLocation();
  const chosen = Number(search.get('voorstel'));
  const proposalId = Number.isInteger(chosen) && chosen > 0 ? chosen : null;
  const today = amsterdamMidnightOf(Date.now());
  const [from, setFrom] = useState(() => toDateInputValue(amsterdamMidnightOf(today, 1)));
  const [to, setTo] = useState(() => toDateInputValue(amsterdamMidnightOf(today, 28)));
  const create = useCreateProposal();
  const proposal = useProposal(proposalId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const start = fromLocalInputValue(from);
    const end = fromLocalInputValue(to);
    if (start === null || end === null) return;
    create.mutate(
      { from: new Date(start).toISOString(), to: new Date(amsterdamMidnightOf(end, 1)).toISOString() },
      { onSuccess: (p) => setSearchParams({ voorstel: String(p.id) }) },
    );
  };

  return (
    <>
      <Section title={t('lv.period')} id={`${id}-period`}>
        <form className="form-grid" onSubmit={submit}>
          <FormField id={`${id}-from`} label={t('lv.from')}>
            {(control) => <input {...control} type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />}
          </FormField>
          <FormField id={`${id}-to`} label={t('lv.to')}>
            {(control) => <input {...control} type="date" value={to} required onChange={(e) => setTo(e.target.value)} />}
          </FormField>
          <div className="field">
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              {create.isPending ? t('common.busy') : t('lv.propose')}
            </button>
          </div>
        </form>
        {create.isError && <ErrorMessage error={create.error} />}
      </Section>
      {proposal.isLoading && <Loading />}
      {proposal.isError && <ErrorMessage error={proposal.error} onRetry={() => void proposal.refetch()} />}
      {proposal.data && <Proposal p={proposal.data} mayAccept={mayAccept} />}
      <RecentProposals />
    </>
  );
}

/** The newest proposals, each a button that shows it (the id goes into the address, so a reload keeps it). */
function RecentProposals() {
  const t = useT(levellingMessages);
  const f = useFormat();
  const list = useProposals();
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Section title={t('lv.recent')} id="lv-recent">
      <table className="table" data-testid="lv-recent">
        <thead>
          <tr>
            <th scope="col">{t('lv.proposal', { id: '' }).trim()}</th>
            <th scope="col">{t('lv.period')}</th>
            <th scope="col">{t('lv.movesTitle')}</th>
            <th scope="col">{t('lv.state')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <td>
                <button type="button" className="button button--secondary button--small" onClick={() => setSearchParams({ voorstel: String(p.id) })}>
                  {t('lv.show', { id: p.id })}
                </button>
              </td>
              <td>{f.period(p.from, p.to)}</td>
              <td>{f.number(p.moves)}</td>
              <td>{p.acceptedAt ? t('lv.stateAccepted', { accepted: p.accepted, declined: p.declined }) : t('lv.stateOpen')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Proposal({ p, mayAccept }: { p: LevellingProposalJson; mayAccept: boolean }) {
  const t = useT(levellingMessages);
  const f = useFormat();
  const name = useAfnemerName();
  const accept = useAcceptProposal();
  // Live: every moved window or recomputed conflict refetches this count (web/src/lib/live-updates.ts).
  const open = useConflicts({ status: 'open', from: p.from, to: p.to, pageSize: 1 });
  const fig = p.figures;
  const afnemers = [...new Set(p.moves.map((m) => m.afnemer))].sort((a, b) => name(a).localeCompare(name(b)));
  const answerOf = (m: Move) => p.answers.find((a) => a.windowId === m.windowId);

  return (
    <Section title={t('lv.proposal', { id: p.id })} id="lv-proposal">
      <p className="muted">{f.period(p.from, p.to)}</p>
      <dl className="stats">
        <div>
          <dt>{t('lv.openNow')}</dt>
          <dd data-testid="lv-open-now">{open.data ? f.number(open.data.total) : '…'}</dd>
        </div>
        <div>
          <dt>{t('lv.moved')}</dt>
          <dd data-testid="lv-moved">{f.number(fig.messagesMoved)}</dd>
        </div>
        <div>
          <dt>{t('lv.lowerBound')}</dt>
          <dd>
            {f.number(Math.round(fig.lowerBound))}
            {fig.lowerBound > 0 && <span className="cell-sub"> {t('lv.ratio', { ratio: (fig.messagesMoved / fig.lowerBound).toFixed(2) })}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('lv.bucketsBefore')}</dt>
          <dd>{f.number(fig.overloadedBucketsBefore)}</dd>
        </div>
        <div>
          <dt>{t('lv.bucketsAfter')}</dt>
          <dd>{f.number(fig.overloadedBucketsAfter)}</dd>
        </div>
      </dl>

      <h3>{t('lv.conflicts')}</h3>
      <table className="table" data-testid="lv-before-after">
        <caption className="visually-hidden">{t('lv.conflicts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lv.period')}</th>
            <th scope="col">{t('lv.before')}</th>
            <th scope="col">{t('lv.after')}</th>
          </tr>
        </thead>
        <tbody>
          {p.dryRun.solved.map((c) => (
            <tr key={`s${c.start}`}>
              <td>{f.period(c.start, c.end)}</td>
              <td>{f.number(c.excessMessages)}</td>
              <td>{t('lv.solved')}</td>
            </tr>
          ))}
          {[...p.dryRun.eased, ...p.dryRun.worsened].map((c) => (
            <tr key={`e${c.before.start}`}>
              <td>{f.period(c.before.start, c.before.end)}</td>
              <td>{f.number(c.before.excessMessages)}</td>
              <td>{f.number(c.after.excessMessages)}</td>
            </tr>
          ))}
          {p.dryRun.created.map((c) => (
            <tr key={`c${c.start}`}>
              <td>{f.period(c.start, c.end)}</td>
              <td>{t('lv.created')}</td>
              <td>{f.number(c.excessMessages)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t('lv.movesTitle')}</h3>
      {p.moves.length === 0 ? (
        <Notice kind="info">{t('lv.noMoves')}</Notice>
      ) : (
        afnemers.map((oin) => (
          <LevellingMovesTable
            key={oin}
            caption={name(oin)}
            testId="lv-moves"
            rows={p.moves.filter((m) => m.afnemer === oin).map((m) => ({ key: String(m.windowId), move: { ...m, answer: answerOf(m) ?? null } }))}
          />
        ))
      )}

      <h3>{t('lv.remainingTitle')}</h3>
      {p.remaining.length === 0 ? (
        <p>{t('lv.remainingNone')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('lv.period')}</th>
              <th scope="col">{t('lv.excess')}</th>
              <th scope="col">{t('lv.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {p.remaining.map((r) => (
              <tr key={r.start}>
                <td>{f.period(r.start, r.end)}</td>
                <td>{f.number(r.excessMessages)}</td>
                <td>{r.reasonText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {p.acceptedBy && p.acceptedAt ? (
        <Notice kind="success">{t('lv.acceptedBy', { by: p.acceptedBy, at: f.dateTime(p.acceptedAt) })}</Notice>
      ) : (
        <>
          <p>{t('lv.notAccepted')}</p>
          {mayAccept && p.moves.length > 0 && (
            <button type="button" className="button button--primary" disabled={accept.isPending} onClick={() => accept.mutate(p.id)}>
              {accept.isPending ? t('common.busy') : t('lv.accept')}
            </button>
          )}
          {accept.isError && (
            <p className="field-error" role="alert">
              {errorMessage(accept.error, t)}
            </p>
          )}
        </>
      )}
    </Section>
  );
}
