/**
 * Results of computations per key, valid for one version of their inputs (a counter the database raises on
 * every change): a new version drops them all. A result is computed once even when many ask at the same time;
 * a failed computation is not kept. At most `size` results are kept, the oldest dropped first.
 *
 * Each result is computed after its version was read, so it is never older than that version.
 */
export function versionedMemo<T>(size = 64) {
  let current = '';
  const memo = new Map<string, Promise<T>>();
  return function remember(version: string, key: string, compute: () => Promise<T>): Promise<T> {
    if (version !== current) {
      memo.clear();
      current = version;
    }
    let result = memo.get(key);
    if (result === undefined) {
      const computing = compute();
      computing.catch(() => {
        if (memo.get(key) === computing) memo.delete(key);
      });
      if (memo.size >= size) memo.delete(memo.keys().next().value!);
      memo.set(key, computing);
      result = computing;
    }
    return result;
  };
}
export type VersionedMemo<T> = ReturnType<typeof versionedMemo<T>>;
