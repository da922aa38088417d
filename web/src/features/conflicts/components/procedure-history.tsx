import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
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
              {d.by}, {f.dateTime(d.at)} · {t('proc.decisionMoves', { n: d.moves.length })}
              {remains[i] === true && ` · ${t('proc.decisionLeftOpen')}`}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
