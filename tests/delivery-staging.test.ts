import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyColumns, deliveryRowsStage } from '@cd/db/staging';

const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\\', '\t', '\n', '\r', 'N', 'é', ';', '"'), maxLength: 12 });
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2031, 0, 1) }).map((ms) => new Date(ms));

describe('deliveryRowsStage', () => {
  it('writes COPY text that copyColumns reads back field for field, escapes and nulls included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            afnemer: fc.option(fc.constantFrom('00000001000000000001', '00000001000000000002'), { nil: null }),
            kenmerk: text,
            omschrijving: text,
            berichttype: text,
            start: instant,
            end: instant,
            aantalBerichten: fc.integer({ min: 1, max: 1_000_000_000 }),
            status: fc.constantFrom('concept' as const, 'definitief' as const),
            vroegsteStart: fc.option(instant, { nil: null }),
            laatsteEind: fc.option(instant, { nil: null }),
          }),
          { maxLength: 12_000 },
        ),
        fc.option(fc.constant('00000001000000000009'), { nil: null }),
        (windows, own) => {
          const staged = deliveryRowsStage(
            windows.map((window, i) => ({ line: i + 2, window })),
            own,
          );
          expect(staged.lines).toEqual(windows.map((_, i) => i + 2));
          expect(staged.afnemers).toEqual(windows.map((w) => w.afnemer));
          expect(staged.chunks.length).toBe(Math.ceil(windows.length / 5000));
          const ms = (d: Date | null) => (d === null ? null : String(d.getTime()));
          expect(copyColumns(staged.chunks)).toEqual([
            windows.map((w) => own ?? w.afnemer ?? ''),
            windows.map((w) => w.kenmerk),
            windows.map((w) => w.omschrijving),
            windows.map((w) => w.berichttype),
            windows.map((w) => ms(w.start)),
            windows.map((w) => ms(w.end)),
            windows.map((w) => String(w.aantalBerichten)),
            windows.map((w) => w.status),
            windows.map((w) => ms(w.vroegsteStart)),
            windows.map((w) => ms(w.laatsteEind)),
          ]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('cuts a large delivery into chunks of 5,000 rows that together read back as the whole', () => {
    const windows = Array.from({ length: 10_001 }, (_, i) => ({
      afnemer: null,
      kenmerk: `K\\${i}`,
      omschrijving: i % 2 ? 'a\tb' : '',
      berichttype: 'Brief',
      start: new Date(Date.UTC(2027, 0, 1) + i * 60_000),
      end: new Date(Date.UTC(2027, 0, 1) + i * 60_000 + 3_600_000),
      aantalBerichten: i + 1,
      status: 'concept' as const,
      vroegsteStart: null,
      laatsteEind: null,
    }));
    const staged = deliveryRowsStage(
      windows.map((window, i) => ({ line: i + 2, window })),
      '00000001000000000001',
    );
    expect(staged.chunks.map((c) => c.split('\n').length - 1)).toEqual([5000, 5000, 1]);
    const columns = copyColumns(staged.chunks);
    expect(columns[1]).toEqual(windows.map((w) => w.kenmerk));
    expect(columns[2]).toEqual(windows.map((w) => w.omschrijving));
    expect(columns[6]).toEqual(windows.map((w) => String(w.aantalBerichten)));
    expect(columns[8]!.every((v) => v === null)).toBe(true);
  });
});
