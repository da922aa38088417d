/** Small helpers for Dutch messages, shared by the procedure and the server. Dates and times are in ../time/dutch-text.ts. */

/** 'a', 'a en b', 'a, b en c'. */
export function dutchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

/**
 * Returns a count with its noun in the right number: `dutchCount(1, 'venster', 'vensters')` is '1 venster',
 * `dutchCount(3, 'venster', 'vensters')` is '3 vensters'. Edge: 0 takes the plural ('0 vensters'), as in Dutch.
 */
export function dutchCount(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * Returns the opening sentence of a new conflict's notice for one Afnemer that shares it with `others` Afnemers.
 * Edge: 0 names nobody else ('Uw verzendmomenten overschrijden de capaciteit ...'), 1 reads 'één andere Afnemer'.
 */
export function conflictSharedSentence(others: number): string {
  const together = others <= 0 ? '' : others === 1 ? ' samen met die van één andere Afnemer' : ` samen met die van ${others} andere Afnemers`;
  return `Uw verzendmomenten overschrijden${together} de capaciteit van de Berichtenbox.`;
}
