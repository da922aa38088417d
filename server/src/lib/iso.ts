const memo = new Map<number, string>();
const MEMO_SIZE = 200_000;

/**
 * `new Date(ms).toISOString()`, remembered: conflict lists show the same few thousand instants (whole quarters)
 * on every request, and formatting them was the largest cost of a list.
 */
export function isoAt(ms: number): string {
  let iso = memo.get(ms);
  if (iso === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    iso = new Date(ms).toISOString();
    memo.set(ms, iso);
  }
  return iso;
}
