/** A send window as the upload pipeline delivers it, after parsing and validation. */
export interface NewSendWindow {
  /** OIN of the Afnemer named in the file, or null when the column is absent or empty. */
  afnemer: string | null;
  kenmerk: string;
  omschrijving: string;
  berichttype: string;
  start: Date;
  end: Date;
  aantalBerichten: number;
  status: 'concept' | 'definitief';
  vroegsteStart: Date | null;
  laatsteEind: Date | null;
}

/** One row of a delivery that passed validation; `line` is the 1-based line in the file (header = 1). */
export interface ParsedRow {
  line: number;
  window: NewSendWindow;
}

/** A validation problem, in Dutch. `row` is the 1-based file line, absent for whole-file problems. */
export interface RowError {
  row?: number;
  field: string;
  message: string;
}

export type ParseResult = { ok: true; rows: ParsedRow[] } | { ok: false; errors: RowError[]; tooManyRows?: boolean };

/** The logical columns of a prognosis file. */
export const PROGNOSE_FIELDS = [
  'kenmerk',
  'omschrijving',
  'berichttype',
  'start',
  'eind',
  'aantal_berichten',
  'status',
  'afnemer',
  'vroegste_start',
  'laatste_eind',
] as const;
export type PrognoseField = (typeof PROGNOSE_FIELDS)[number];

/** Required columns; the others are optional. */
export const REQUIRED_PROGNOSE_FIELDS: readonly PrognoseField[] = ['kenmerk', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status'];

/** Hard limits on one delivery. */
export const UPLOAD_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 100_000 } as const;
