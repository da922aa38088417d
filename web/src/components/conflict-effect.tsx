import { useAfnemerName } from '../lib/afnemer-names';
import { useFormat } from '../lib/format';
import { useT } from '../lib/i18n';
import { Notice } from './feedback';

/** A conflict as a dry run shows it; an Afnemer's user gets the other Afnemers only as a count (decision 006). */
export interface ConflictPreviewJson {
  start: string;
  end: string;
  afnemers: readonly string[];
  otherAfnemers: number;
  peakUtilization: number | null;
  excessMessages: number;
}

interface Change {
  before: ConflictPreviewJson;
  after: ConflictPreviewJson;
}

/** What a dry run of any plan change reports: an upload, a move, a decision, a capacity change. */
export interface ConflictEffectJson {
  created: readonly ConflictPreviewJson[];
  worsened: readonly Change[];
  solved: readonly ConflictPreviewJson[];
  eased: readonly Change[];
}

/** One line per conflict: period, Afnemers (others as a count), peak and excess. */
export function useConflictLine() {
  const t = useT();
  const f = useFormat();
  const name = useAfnemerName();
  return (c: ConflictPreviewJson) =>
    t('upload.conflictLine', {
      period: f.period(c.start, c.end),
      afnemers: [
        ...c.afnemers.map(name),
        ...(c.otherAfnemers === 0
          ? []
          : [c.otherAfnemers === 1 ? t('upload.otherAfnemersOne') : t('upload.otherAfnemers', { count: f.number(c.otherAfnemers) })]),
      ].join(', '),
      peak: c.peakUtilization === null ? '–' : f.percent(c.peakUtilization),
      excess: f.number(c.excessMessages),
    });
}

/** The conflicts a change would create, worsen, solve and ease, each as a list under its own heading. */
export function ConflictEffectLists({
  effect,
  createdTitle,
  createdHelp,
  worsenedTitle,
  solvedTitle,
}: {
  effect: ConflictEffectJson;
  createdTitle: string;
  createdHelp?: string;
  worsenedTitle?: string;
  solvedTitle?: string;
}) {
  const t = useT();
  const f = useFormat();
  const line = useConflictLine();
  return (
    <>
      {effect.created.length > 0 && (
        <Notice kind="warning" title={createdTitle}>
          <ul>
            {effect.created.map((c) => (
              <li key={c.start}>{line(c)}</li>
            ))}
          </ul>
          {createdHelp && <p>{createdHelp}</p>}
        </Notice>
      )}
      {effect.worsened.length > 0 && (
        <Notice kind="warning" title={worsenedTitle ?? t('upload.worsenedTitle')}>
          <ul>
            {effect.worsened.map((c) => (
              <li key={c.after.start}>
                {line(c.after)} {t('upload.was', { excess: f.number(c.before.excessMessages) })}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {effect.solved.length > 0 && (
        <Notice kind="success" title={solvedTitle ?? t('upload.solvedTitle')}>
          <ul>
            {effect.solved.map((c) => (
              <li key={c.start}>{line(c)}</li>
            ))}
          </ul>
        </Notice>
      )}
      {effect.eased.length > 0 && (
        <Notice kind="info" title={t('upload.easedTitle')}>
          <ul>
            {effect.eased.map((c) => (
              <li key={c.after.start}>{line(c.after)}</li>
            ))}
          </ul>
        </Notice>
      )}
    </>
  );
}

/** The counts of a dry run's effect, each marked by its meaning (bad, warning, good); `testId` prefixes each count. */
export function ConflictEffectStats({ effect, testId, eased = false }: { effect: ConflictEffectJson; testId: string; eased?: boolean }) {
  const t = useT();
  const stats = [
    { key: 'created', label: t('upload.created'), n: effect.created.length, tone: 'bad' },
    { key: 'worsened', label: t('upload.worsened'), n: effect.worsened.length, tone: 'warn' },
    { key: 'solved', label: t('upload.solved'), n: effect.solved.length, tone: 'good' },
    ...(eased ? [{ key: 'eased', label: t('upload.eased'), n: effect.eased.length, tone: 'good' }] : []),
  ];
  return (
    <dl className="stats stats--small">
      {stats.map((s) => (
        <div key={s.key} className={`stat ${s.n ? `stat--${s.tone}` : ''}`}>
          <dt>{s.label}</dt>
          <dd data-testid={`${testId}-${s.key}`}>{s.n}</dd>
        </div>
      ))}
    </dl>
  );
}
