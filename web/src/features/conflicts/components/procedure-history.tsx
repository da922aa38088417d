import { shiftWords } from '@cd/shared/plan-changes';
import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useI18n, useT } from '../../../lib/i18n';
import type { ConflictWithCase, ProcedureJson } from '../types';

/** Whether the conflict remained after each carried-out decision, in order (from the trail's 'carried-out' entries). */
function remainsAfterDecisions(p: ProcedureJson): boolean[] {
  return p.events
    .filter((e) => e.action === 'carried-out' && (e.payload as { source?: unknown }).source === 'besluit Logius')
    .map((e) => (e.payload as { conflictRemains?: unknown }).conflictRemains === true);
}

/** Step 5 and on: per involved Afnemer, accepted or rejected (with the reason), by whom, or not yet answered. */
export function KlantraadAnswers({ conflict: c }: { conflict: ConflictWithCase }) {
  const t = useT();
  const f = useFormat();
  const name = useAfnemerName();
  const answers = new Map(c.procedure!.answers.map((a) => [a.afnemer, a]));
  return (
    <div className="klantraad-answers" data-testid="klantraad-answers">
      <h3>{t('proc.answersTitle')}</h3>
      <ul>
        {c.afnemers.map((oin) => {
          const a = answers.get(oin);
          return (
            <li key={oin}>
              <strong>{name(oin)}</strong>:{' '}
              {!a ? (
                <span className="muted">{t('proc.noAnswer')}</span>
              ) : (
                <>
                  {a.accepted ? t('proc.answerAccepted') : t('proc.answerRejected', { reason: a.reason ?? '' })}{' '}
                  <span className="cell-sub">
                    {a.onBehalf ? t('proc.trailOnBehalf', { afnemer: name(oin), by: a.by }) : a.by}, {f.dateTimeShort(a.at)}
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Logius' decisions in step 6, oldest first, with their moves, and whether the conflict stayed after each. */
export function Decisions({ procedure: p }: { procedure: ProcedureJson }) {
  const t = useT();
  const f = useFormat();
  const remains = remainsAfterDecisions(p);
  if (p.decisions.length === 0) return null;
  return (
    <div className="decision" data-testid="decisions">
      <h3>{t('caseFile.decisionTitle')}</h3>
      <ol className="ladder">
        {p.decisions.map((d, i) => (
          <li key={d.at}>
            <blockquote>{d.text}</blockquote>
            <p className="cell-sub">
              {d.by}, {f.dateTime(d.at)} · {d.moves.length === 1 ? t('proc.decisionMovesOne') : t('proc.decisionMoves', { n: d.moves.length })}
              {remains[i] === true && ` · ${t('proc.decisionLeftOpen')}`}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The advice's moves as a table: each window by kenmerk, its current time, the proposed time and the shift in words. */
export function AdviceMoves({ conflict: c, advice }: { conflict: ConflictWithCase; advice: NonNullable<ProcedureJson['advice']> }) {
  const t = useT();
  const f = useFormat();
  const { lang } = useI18n();
  const name = useAfnemerName();
  if (advice.moves.length === 0) return null;
  return (
    <table className="table" data-testid="advice-moves">
      <caption>{t('proc.adviceMoves')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('windows.kenmerk')}</th>
          <th scope="col">{t('proc.previewFrom')}</th>
          <th scope="col">{t('proc.adviceProposed')}</th>
        </tr>
      </thead>
      <tbody>
        {advice.moves.map((m) => {
          const w = c.windows.find((x) => x.windowId === m.windowId);
          return (
            <tr key={m.windowId}>
              <th scope="row">{w?.kenmerk ?? t('proc.windowOf', { afnemer: advice.moveAfnemers.map(name).join(', ') })}</th>
              <td>{w?.start && w.eind ? f.period(w.start, w.eind) : '–'}</td>
              <td>
                {f.period(m.start, m.end)}
                {w?.start && <span className="cell-sub">{shiftWords(Date.parse(w.start), Date.parse(m.start), lang)}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
