/**
 * Results of computations per key, valid for one version of their inputs (a counter the database raises on
 * every change): a new version drops them all. A result is computed once even when many ask at the same time;
 * a failed computation is not kept. At most `size` results are kept, the oldest dropped first. With `fresh`, a kept
 * result it rejects (one that depends on the clock, say) is computed again.
 *
 * Each result is computed after its version was read, so it is never older than that version.
 */
export function versionedMemo<T>(size = 64) {
  let current = '';
  const memo = new Map<string, Promise<T>>();
  function compute(version: string, key: string, computeValue: () => Promise<T>): Promise<T> {
    const computing = computeValue();
    computing.catch(() => {
      if (memo.get(key) === computing) memo.delete(key);
    });
    // Only while the version is still this one: a late request must not put an old result in a newer version.
    if (version === current) {
      memo.delete(key);
      if (memo.size >= size) memo.delete(memo.keys().next().value!);
      memo.set(key, computing);
    }
    return computing;
  }
  return function remember(version: string, key: string, computeValue: () => Promise<T>, fresh?: (value: T) => boolean): Promise<T> {
    if (version !== current) {
      memo.clear();
      current = version;
    }
    const held = memo.get(key);
    if (held === undefined) return compute(version, key, computeValue);
    if (fresh === undefined) return held;
    return held.then(
      (value) => (fresh(value) ? value : compute(version, key, computeValue)),
      () => compute(version, key, computeValue),
    );
  };
}
export type VersionedMemo<T> = ReturnType<typeof versionedMemo<T>>;
