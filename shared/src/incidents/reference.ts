import { amsterdamParts } from '../time/calendar.js';

/** Returns a Logius reference: prefix, year and a six-digit sequence. Edge: 123 in 2027 gives INC-2027-000123; beyond 999999 the number grows. */
export function referenceFormat(prefix: 'INC' | 'FRD' | 'SEC', year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Returns the year of `ms` in Europe/Amsterdam, which decides the year of a reference. Edge: 31 Dec 23:30Z is already next year locally. */
export function referenceYear(ms: number): number {
  return amsterdamParts(ms).year;
}
