/** The actual-messages parts of the load chart, each fetched (actual-series.tsx) only when the range has actuals. */
import { type ComponentProps, lazy, Suspense } from 'react';
import type { ChartRow } from './chart-model';

const series = () => import('./actual-series');
const Layer = lazy(() => series().then((m) => ({ default: m.ActualLayer })));
const Legend = lazy(() => series().then((m) => ({ default: m.ActualLegend })));
const Tip = lazy(() => series().then((m) => ({ default: m.ActualTooltip })));
const Cells = lazy(() => series().then((m) => ({ default: m.ActualCells })));

/** Whether any bucket of the range has actual messages. */
export const hasActual = (rows: readonly ChartRow[]) => rows.some((r) => typeof r.actual === 'number');

export const ActualLayer = (p: ComponentProps<typeof Layer>) =>
  hasActual(p.rows) && (
    <Suspense fallback={null}>
      <Layer {...p} />
    </Suspense>
  );
export const ActualLegend = ({ rows }: { rows: readonly ChartRow[] }) =>
  hasActual(rows) && (
    <Suspense fallback={null}>
      <Legend />
    </Suspense>
  );
export const ActualTooltip = (p: ComponentProps<typeof Tip>) => (
  <Suspense fallback={null}>
    <Tip {...p} />
  </Suspense>
);
export const ActualCells = (p: ComponentProps<typeof Cells> & { show: boolean }) =>
  p.show && (
    <Suspense fallback={null}>
      <Cells row={p.row} />
    </Suspense>
  );
