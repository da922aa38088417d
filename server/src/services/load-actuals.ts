import { actualsInRange, actualsStamp } from '@cd/db';
import type { LoadBucketSize, PlanWindow } from '@cd/shared';
import { loadActuals } from '@cd/shared/accuracy';
import { HOUR_MS } from '@cd/shared/time';
import type { Context } from 'hono';
import type { AppEnv } from '../lib/context.js';

/**
 * The actual and unannounced messages per bucket as a JSON object, up to the last hour actuals were delivered for.
 * Kept until the plan or the actuals change (a year of every Afnemer's hours takes a second to read and count); with
 * the key it is kept under, which names the actuals it holds.
 */
export async function loadActualsJson(
  c: Context<AppEnv>,
  inputs: { version: string; windows: readonly PlanWindow[] },
  from: number,
  to: number,
  bucket: LoadBucketSize,
  scope: string | null,
): Promise<{ key: string; json: string }> {
  const { sql, now } = c.get('deps');
  const nowHour = Math.floor(now().getTime() / HOUR_MS) * HOUR_MS;
  const stamp = await actualsStamp(sql, Math.min(to, now().getTime()));
  const known = stamp.lastHour === null ? from : Math.min(stamp.lastHour + HOUR_MS, nowHour);
  const key = `actual|${from}|${to}|${bucket}|${scope ?? '*'}|${known}|${stamp.receivedAt}`;
  // A holder, filled only when the computation succeeds: a failed read is not remembered.
  const held = c.get('planning').remember(inputs.version, key, () => ({ json: null as string | null }));
  if (held.json === null) {
    const actuals = known > from ? await actualsInRange(sql, from, known, scope) : [];
    held.json = JSON.stringify(loadActuals({ from, to, bucket, windows: inputs.windows, actuals, known, ownAfnemer: scope }));
  }
  return { key, json: held.json };
}
