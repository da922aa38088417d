/**
 * The colours of the load chart, in one place. The rules they keep (tested in chart-palette.test.ts, WCAG 2.1
 * relative luminance and CIEDE2000):
 * - every series has at least 3:1 contrast against the chart background (WCAG 1.4.11, non-text contrast);
 * - any two series differ by ΔE2000 ≥ 18; neighbours in the stack (the palette's order) by ΔE2000 ≥ 25 and by
 *   at least 1.4:1 in lightness, so adjacent bands stay apart without colour vision too;
 * - the "other Afnemers" grey can sit next to any series, so it differs from each by ΔE2000 ≥ 20;
 * - the warning yellow and the overload red are signals, so no series comes near them.
 * The app has no dark theme; when it gets one, it adds its background here and the test checks it too.
 */

/** Background of the chart (the panel is white). */
export const CHART_BACKGROUND = '#ffffff';

/** The series colours of the Afnemers, in stack order (the largest Afnemer first). */
export const SERIES_PALETTE = [
  '#01689b', // hemelblauw (donker)
  '#c45e00', // oranje (donker)
  '#42145f', // violet
  '#008a8a', // zeegroen
  '#673327', // donkerbruin
  '#39870c', // groen
  '#a90061', // robijnrood
  '#94710a', // bruin
  '#275937', // donkergroen
  '#8c62c4', // lavendel (donker)
] as const;

/** "Overige Afnemers": a neutral grey, lighter than every series. */
export const REST_COLOR = '#8a8a8a';

/** The signal colours of the chart, which no series may resemble. */
export const CHART_SIGNAL = {
  warning: '#ffb612',
  overload: '#d52b1e',
  conflictLabel: '#b3241a',
  capacity: '#000000',
  maintenance: '#535353',
  grid: '#e6e6e6',
  axis: '#535353',
  selection: '#154273',
} as const;

/** The colour of the series at stack position `index`; `rest` gives the grey of "Overige Afnemers". */
export function seriesColor(index: number, rest: boolean): string {
  return rest ? REST_COLOR : SERIES_PALETTE[index % SERIES_PALETTE.length]!;
}

/** The actual messages (issue 18): a dashed fuchsia line with a white casing, the unannounced part hatched in it. */
export const CHART_ACTUAL = '#d6009f';
