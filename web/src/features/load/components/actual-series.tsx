/**
 * The actual messages beside the planned stack (issue 18): a dashed line of what was really sent per bucket, the
 * unannounced part of it hatched from the axis up, their legend entries, tooltip lines and table columns. A chunk of
 * its own, fetched only when the range has actuals, so the first load of the overview stays as it was.
 */
import { memo, useMemo } from 'react';
import { usePlotArea, ZIndexLayer } from 'recharts';
import { useFormat } from '../../../lib/format';
import { defineMessages, useT } from '../../../lib/i18n';
import { CHART_ACTUAL, CHART_BACKGROUND } from '../../../styles/chart-palette';
import type { ChartRow } from './chart-model';

const messages = defineMessages({
  nl: { 'actual.line': 'Werkelijk verzonden', 'actual.unannounced': 'Waarvan onaangekondigd' },
  en: { 'actual.line': 'Actually sent', 'actual.unannounced': 'Of which unannounced' },
});

const HATCH_ID = 'load-unannounced-hatch';
const num = (v: ChartRow[string] | undefined) => (typeof v === 'number' ? v : null);

/** The step line of the actual messages and the hatched unannounced bars, above the stack and below the markers. */
export const ActualLayer = memo(function ActualLayer(props: { rows: ChartRow[]; from: number; to: number; bucketMs: number; yMax: number }) {
  const { rows, from, to, bucketMs, yMax } = props;
  const plot = usePlotArea();
  const drawn = useMemo(() => {
    if (!plot || plot.width <= 0) return null;
    const px = (t: number) => (plot.x + ((Math.min(Math.max(t, from), to) - from) / (to - from)) * plot.width).toFixed(1);
    const py = (v: number) => (plot.y + plot.height * (1 - Math.min(v, yMax) / yMax)).toFixed(1);
    let line = '';
    let bars = '';
    rows.forEach((r, i) => {
      const a = num(r.actual);
      const end = rows[i + 1]?.t ?? r.t + bucketMs;
      if (a === null) return;
      line += `${num(rows[i - 1]?.actual ?? null) === null ? 'M' : 'L'}${px(r.t)},${py(a)}H${px(end)}`;
      const u = num(r.unannounced) ?? 0;
      if (u > 0) bars += `M${px(r.t)},${py(0)}V${py(u)}H${px(end)}V${py(0)}Z`;
    });
    return { line, bars };
  }, [rows, from, to, bucketMs, yMax, plot?.x, plot?.y, plot?.width, plot?.height]);
  if (!drawn) return null;
  return (
    <ZIndexLayer zIndex={650}>
      <g className="load-actual">
        <defs>
          <pattern id={HATCH_ID} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={CHART_BACKGROUND} fillOpacity={0.6} />
            <line x1="0" y1="0" x2="0" y2="6" stroke={CHART_ACTUAL} strokeWidth="3" />
          </pattern>
        </defs>
        <path className="load-actual__unannounced" d={drawn.bars} fill={`url(#${HATCH_ID})`} stroke={CHART_ACTUAL} strokeWidth={1} />
        <path d={drawn.line} fill="none" stroke={CHART_BACKGROUND} strokeWidth={5} />
        <path className="load-actual__line" d={drawn.line} fill="none" stroke={CHART_ACTUAL} strokeWidth={2.5} strokeDasharray="6 3" />
      </g>
    </ZIndexLayer>
  );
});

/** The two legend entries. */
export function ActualLegend() {
  const t = useT(messages);
  return (
    <>
      <li>
        <span className="swatch swatch--line" style={{ background: CHART_ACTUAL }} aria-hidden="true" />
        {t('actual.line')}
      </li>
      <li>
        <span
          className="swatch"
          style={{ background: `repeating-linear-gradient(45deg, ${CHART_ACTUAL} 0 3px, ${CHART_BACKGROUND} 3px 6px)`, border: `1px solid ${CHART_ACTUAL}` }}
          aria-hidden="true"
        />
        {t('actual.unannounced')}
      </li>
    </>
  );
}

/** The tooltip lines of one bucket (nothing for a bucket without actuals). */
export function ActualTooltip({ row }: { row: ChartRow }) {
  const t = useT(messages);
  const f = useFormat();
  const a = num(row.actual);
  if (a === null) return null;
  return (
    <>
      <dt>{t('actual.line')}</dt>
      <dd>{f.number(a)}</dd>
      <dt>{t('actual.unannounced')}</dt>
      <dd>{f.number(num(row.unannounced) ?? 0)}</dd>
    </>
  );
}

/** The table's two head cells, or (with `row`) the two cells of a bucket: '–' before the actuals are in. */
export function ActualCells({ row }: { row?: ChartRow }) {
  const t = useT(messages);
  const f = useFormat();
  if (!row)
    return (
      <>
        <th scope="col" className="num">
          {t('actual.line')}
        </th>
        <th scope="col" className="num">
          {t('actual.unannounced')}
        </th>
      </>
    );
  const cell = (v: number | null) => <td className="num">{v === null ? '–' : f.number(v)}</td>;
  return (
    <>
      {cell(num(row.actual))}
      {cell(num(row.actual) === null ? null : (num(row.unannounced) ?? 0))}
    </>
  );
}
