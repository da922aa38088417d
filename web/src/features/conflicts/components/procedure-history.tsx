import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import type { ConflictWithCase, ProcedureJson } from '../types';

type TrailEvent = ProcedureJson['events'][number];

interface AnswerJson {
  afnemer: string;
  accepted: boolean;
  reason: string | null;
  by: string;
  at: number;
  onBehalf: boolean;
}

interface DecisionJson {
  text: string;
  by: string;
  at: number;
  moves: unknown[];
}

/** The klantraad-managers' answers since the latest escalation, one per Afnemer (from the trail). */
export function answersOf(p: ProcedureJson): Map<string, AnswerJson> {
  const answers = new Map<string, AnswerJson>();
  for (const e of p.events) {
    if (e.action === 'escalate') answers.clear();
    const a = (e.payload as { answer?: AnswerJson }).answer;
    if ((e.action === 'accept-advice' || e.action === 'reject-advice') && a && typeof a.afnemer === 'string') answers.set(a.afnemer, a);
  }
  return answers;
}

/** Logius' decisions in step 6, oldest first, each with whether the conflict remained after it was carried out. */
function decisionsOf(events: TrailEvent[]): { decision: DecisionJson; remains: boolean | null }[] {
  const out: { decision: DecisionJson; remains: boolean | null }[] = [];
  for (const e of events) {
    const d = (e.payload as { decision?: DecisionJson }).decision;
    if (e.action === 'decide' && d && typeof d.text === 'string') out.push({ decision: d, remains: null });
    const remains = (e.payload as { conflictRemains?: unknown }).conflictRemains;
    if (e.action === 'carried-out' && out.length > 0 && typeof remains === 'boolean' && out[out.length - 1]!.remains === null) {
      out[out.length - 1]!.remains = remains;
    }
  }
  return out;
}

/** Step 5 and on: per involved Afnemer, accepted or rejected (with the reason), by whom, or not yet answered. */
export function KlantraadAnswers({ conflict: c }: { conflict: ConflictWithCase }) {
  const t = useT();
  const f = useFormat();
  const name = useAfnemerName();
  const p = c.procedure!;
  const answers = answersOf(p);
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

/** Logius' decisions in step 6, with their moves, and whether the conflict stayed. */
export function Decisions({ procedure: p }: { procedure: ProcedureJson }) {
  const t = useT();
  const f = useFormat();
  const decisions = decisionsOf(p.events);
  if (decisions.length === 0) return null;
  return (
    <div className="decision" data-testid="decisions">
      <h3>{t('caseFile.decisionTitle')}</h3>
      <ol className="ladder">
        {decisions.map(({ decision: d, remains }) => (
          <li key={d.at}>
            <blockquote>{d.text}</blockquote>
            <p className="cell-sub">
              {d.by}, {f.dateTime(d.at)} · {t('proc.decisionMoves', { n: d.moves.length })}
              {remains === true && ` · ${t('proc.decisionLeftOpen')}`}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
