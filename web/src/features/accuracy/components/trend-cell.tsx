import { useT } from '../../../lib/i18n';
import type { AccuracyReport } from '../api/get-accuracy';
import { accuracyMessages } from '../messages';

type Trend = AccuracyReport['trend']['afnemers'][number];

const W = 72;
const H = 20;
const ARROW = { up: '↑', down: '↓', level: '→' } as const;

/**
 * One Afnemer's scores of the last periods as a sparkline (0 at the bottom, 100 at the top) and an arrow; the scores
 * and the direction in words for screen readers and the Excel download.
 */
export function TrendCell({ trend }: { trend: Trend | undefined }) {
  const t = useT(accuracyMessages);
  if (!trend) return null;
  const n = trend.scores.length;
  const x = (i: number) => (n <= 1 ? W / 2 : 2 + (i * (W - 4)) / (n - 1));
  const y = (s: number) => 2 + ((100 - s) * (H - 4)) / 100;
  // A gap (a period without a score) breaks the line.
  let d = '';
  trend.scores.forEach((s, i) => {
    if (s !== null) d += `${i > 0 && trend.scores[i - 1] !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(s).toFixed(1)}`;
  });
  const dots = trend.scores.map((s, i) => (s === null ? null : <circle key={i} cx={x(i)} cy={y(s)} r={1.8} />));
  return (
    <span className={`trend trend--${trend.direction ?? 'none'}`} data-testid="accuracy-trend">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true" className="trend__spark">
        <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} />
        <g fill="currentColor">{dots}</g>
      </svg>
      {trend.direction && (
        <span className="trend__arrow" aria-hidden="true">
          {ARROW[trend.direction]}
        </span>
      )}
      <span className="visually-hidden">
        {trend.scores.map((s) => s ?? '–').join(' · ')}
        {trend.direction && ` (${t(`accuracy.trend.${trend.direction}`)})`}
      </span>
    </span>
  );
}
