import { actualsInRange, actualsStamp } from '@cd/db';
import type { LoadBucketSize, LoadWindowsCoded } from '@cd/shared';
import { type LoadActualsBase, loadActualsOf, loadActualsPrepare } from '@cd/shared/accuracy';
import { HOUR_MS } from '@cd/shared/time';
import type { Context } from 'hono';
import type { AppEnv } from '../lib/context.js';
import { versionedMemo } from '../lib/versioned-memo.js';
import type { PlanningCache } from './planning-cache.js';

// The actuals of a range as read and prepared, per app (its planning cache), for one state of the actuals: a new
// plan does not change them, so an upload of prognoses no longer reads a year of every Afnemer's hours again.
const preparedByApp = new WeakMap<PlanningCache, ReturnType<typeof versionedMemo<LoadActualsBase>>>();

/**
 * The actual and unannounced messages per bucket as a JSON object, up to the last hour actuals were delivered for,
 * with the key it is kept under, which names the actuals it holds. The actuals are read and prepared once per state
 * of the actuals (a year of every Afnemer's hours takes a second to read and count); per version of the plan only the
 * unannounced part is computed again, from the windows the load view packed.
 */
export async function loadActualsJson(
  c: Context<AppEnv>,
  version: string,
  /** The plan's counting windows over (at least) [from, to), of that version: the load view's base. */
  windows: () => LoadWindowsCoded,
  from: number,
  to: number,
  bucket: LoadBucketSize,
  scope: string | null,
): Promise<{ key: string; json: string }> {
  const { sql, now } = c.get('deps');
  const planning = c.get('planning');
  const nowHour = Math.floor(now().getTime() / HOUR_MS) * HOUR_MS;
  const stamp = await actualsStamp(sql, Math.min(to, now().getTime()));
  const known = stamp.lastHour === null ? from : Math.min(stamp.lastHour + HOUR_MS, nowHour);
  const range = `${from}|${to}|${scope ?? '*'}|${known}`;
  const key = `actual|${range}|${bucket}|${stamp.version}`;
  // A holder, filled only when the computation succeeds: a failed read is not remembered.
  const held = planning.remember(version, key, () => ({ json: null as string | null }));
  if (held.json === null) {
    let prepared = preparedByApp.get(planning);
    if (!prepared) preparedByApp.set(planning, (prepared = versionedMemo<LoadActualsBase>(32)));
    // Every change of the actuals raises their version, so the prepared actuals of an older state are never used.
    const base = await prepared(stamp.version, range, async () => {
      const actuals = known > from ? await actualsInRange(sql, from, known, scope) : [];
      return loadActualsPrepare({ from, to, actuals, known, ownAfnemer: scope });
    });
    held.json = JSON.stringify(loadActualsOf(base, windows(), bucket));
  }
  return { key, json: held.json };
}
