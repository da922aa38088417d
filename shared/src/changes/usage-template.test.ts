import { describe, expect, it } from 'vitest';
import { monthStart, usageGrowthClass, usageTemplateFill, type UsageWindow } from './usage-template.js';

const w = (iso: string, volume: number, status: UsageWindow['status'] = 'definitief', omschrijving = ''): UsageWindow => ({
  start: Date.parse(iso),
  volume,
  status,
  berichttype: 'Aanslag',
  omschrijving,
});

describe('monthStart', () => {
  it('gives local midnight in winter and in summer time', () => {
    expect(new Date(monthStart(2027, 0)).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(new Date(monthStart(2027, 3)).toISOString()).toBe('2027-03-31T22:00:00.000Z');
    expect(new Date(monthStart(2027, 12)).toISOString()).toBe('2027-12-31T23:00:00.000Z');
  });
});

describe('usageGrowthClass', () => {
  it('calls above 25% groot, above 5% middel, the rest laag', () => {
    expect(usageGrowthClass(126, 100)).toBe('groot');
    expect(usageGrowthClass(125, 100)).toBe('middel');
    expect(usageGrowthClass(106, 100)).toBe('middel');
    expect(usageGrowthClass(105, 100)).toBe('laag');
    expect(usageGrowthClass(50, 100)).toBe('laag');
  });

  it('uses configured thresholds, with the same open upper bounds', () => {
    const t = { groot: 0.1, middel: 0.02 };
    expect(usageGrowthClass(111, 100, t)).toBe('groot');
    expect(usageGrowthClass(110, 100, t)).toBe('middel');
    expect(usageGrowthClass(102, 100, t)).toBe('laag');
  });

  it('calls a start from nothing groot, and nothing at all laag', () => {
    expect(usageGrowthClass(1, 0)).toBe('groot');
    expect(usageGrowthClass(0, 0)).toBe('laag');
  });
});

describe('usageTemplateFill', () => {
  const windows = [
    w('2026-11-10T09:00:00Z', 1000),
    w('2027-01-05T09:00:00Z', 400, 'definitief', 'Voorlopige aanslag'),
    w('2027-02-10T09:00:00Z', 600),
    w('2027-03-31T21:30:00Z', 500, 'concept'), // 23:30 on 31 March Amsterdam time: still Q1
    w('2027-03-31T22:30:00Z', 9000), // 00:30 on 1 April: Q2
  ];

  it('sums messages per Amsterdam month and quarter, by start', () => {
    const t = usageTemplateFill(windows, 2027, 1);
    expect(t.months).toEqual([
      { label: 'januari 2027', messages: 400 },
      { label: 'februari 2027', messages: 600 },
      { label: 'maart 2027', messages: 500 },
    ]);
    expect(t.quarterMessages).toBe(1500);
    expect(t.previousQuarterMessages).toBe(1000);
    expect(t.quarterGrowthPercent).toBe(50);
    expect(t.yearMessages).toBe(10500);
    expect(t.previousYearMessages).toBe(1000);
    expect(t.expectedGrowth).toBe('groot');
  });

  it('is a concept while any window of the quarter is a concept', () => {
    expect(usageTemplateFill(windows, 2027, 1).status).toBe('Concept');
    expect(usageTemplateFill(windows, 2027, 2).status).toBe('Definitief');
  });

  it('lists the largest windows as activities, in date order', () => {
    const t = usageTemplateFill(windows, 2027, 1, 2);
    expect(t.activities.map((a) => a.messages)).toEqual([600, 500]);
    expect(usageTemplateFill(windows, 2027, 1).activities[0]!.description).toBe('Aanslag: Voorlopige aanslag');
  });

  it('has no growth percentage when the earlier period was empty', () => {
    expect(usageTemplateFill(windows, 2026, 4).quarterGrowthPercent).toBeNull();
  });
});
