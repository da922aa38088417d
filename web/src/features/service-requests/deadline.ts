import { workingDaysAdd } from '@cd/shared/time';

/**
 * The deadline of a request filed at `filedAt` with a term of `days` working days (Dutch holidays skipped), as the
 * instant that ends the last day; null without an agreed term (a free-form request).
 */
export function serviceRequestDeadline(filedAt: string | number, days: number | null): number | null {
  if (days === null) return null;
  return workingDaysAdd(typeof filedAt === 'number' ? filedAt : Date.parse(filedAt), days);
}

/** "verwachtAantalPerJaar" as "Verwacht aantal per jaar": the catalogue's field names are Dutch already. */
export function fieldLabel(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
