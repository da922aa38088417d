import type { LoadResponse } from '@cd/shared';
import { describe, expect, it } from 'vitest';
import { hasActual } from './actual-parts';
import { chartMax, chartModel } from './chart-model';

const data: LoadResponse = {
  from: '2027-01-05T00:00:00.000Z',
  to: '2027-01-05T03:00:00.000Z',
  bucket: '1h',
  starts: ['2027-01-05T00:00:00.000Z', '2027-01-05T01:00:00.000Z', '2027-01-05T02:00:00.000Z'],
  capacity: [1000, 1000, 1000],
  load: [500, 800, 0],
  loadConcept: [0, 0, 0],
  loadDefinitief: [500, 800, 0],
  utilization: [0.5, 0.8, 0],
  backlog: [0, 0, 0],
  state: ['ok', 'ok', 'ok'],
  afnemers: [{ key: '00000001000000000001', name: 'A', load: [500, 800, 0] }],
  actual: [650, 1400, null],
  actualUnannounced: [0, 300, null],
};

describe('the actual series in the chart model', () => {
  it('puts the actual and unannounced messages on each row, null where none are in, and lifts the axis to them', () => {
    const { rows, series } = chartModel(data);
    expect(rows.map((r) => [r.actual, r.unannounced])).toEqual([
      [650, 0],
      [1400, 300],
      [null, null],
    ]);
    expect(hasActual(rows)).toBe(true);
    // 1,400 sent is above the capacity and the planned stack, so the axis reaches it and the line is not cut off.
    expect(chartMax(rows, series)).toBe(1400);
  });

  it('draws nothing of it for a response without actuals', () => {
    const { rows, series } = chartModel({ ...data, actual: undefined, actualUnannounced: undefined });
    expect(hasActual(rows)).toBe(false);
    expect(chartMax(rows, series)).toBe(1000);
  });
});
