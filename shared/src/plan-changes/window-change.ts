import { instantFormatAmsterdamDutch } from '../time/wall-time.js';

export interface WindowChangeIssue {
  field: 'start' | 'eind' | 'aantalBerichten' | 'status';
  message: string;
}

/**
 * Returns what is wrong (in Dutch, per field) with giving a window this start, end and volume within its own
 * vroegste start and laatste eind; an empty list when nothing is. The same bounds as an upload row has.
 * Edge: a start at exactly the vroegste start and an end at exactly the laatste eind are allowed.
 */
export function windowChangeIssues(
  window: { vroegsteStart: number | null; laatsteEind: number | null },
  change: { start: number; end: number; aantalBerichten?: number },
): WindowChangeIssue[] {
  const issues: WindowChangeIssue[] = [];
  const at = (ms: number) => instantFormatAmsterdamDutch(new Date(ms));
  if (!Number.isFinite(change.start) || !Number.isFinite(change.end) || change.end <= change.start) {
    issues.push({ field: 'eind', message: 'Het eind moet na de start liggen.' });
  }
  if (window.vroegsteStart !== null && change.start < window.vroegsteStart) {
    issues.push({ field: 'start', message: `De start (${at(change.start)}) mag niet voor de vroegste start (${at(window.vroegsteStart)}) liggen.` });
  }
  if (window.laatsteEind !== null && change.end > window.laatsteEind) {
    issues.push({ field: 'eind', message: `Het eind (${at(change.end)}) mag niet na het laatste eind (${at(window.laatsteEind)}) liggen.` });
  }
  if (change.aantalBerichten !== undefined && !(Number.isInteger(change.aantalBerichten) && change.aantalBerichten > 0)) {
    issues.push({ field: 'aantalBerichten', message: 'Het aantal berichten moet een geheel getal groter dan 0 zijn.' });
  }
  return issues;
}
