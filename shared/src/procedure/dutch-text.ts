/** Small helpers for Dutch messages; internal to the procedure. Dates and times are in ../time/dutch-text.ts. */

/** 'a', 'a en b', 'a, b en c'. */
export function dutchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}
