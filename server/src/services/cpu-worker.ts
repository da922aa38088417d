/** A worker thread of the CPU pool: runs tasks and sends large results back in slices (see cpu-pool.ts). */
import { parentPort } from 'node:worker_threads';
import { zodDutchConfigure } from '../lib/zod-dutch.js';
import { cpuTaskRun, detectTransfer, levellingSessionFree, levellingSessionsHeld, type CpuTask, type DetectPacked } from './cpu-tasks.js';

// The schema checks here speak Dutch as on the main thread (a worker has its own zod configuration).
zodDutchConfigure();

// Each slice is one message, and the next is sent only when the main thread asks for it after taking in the last:
// Node delivers all queued messages of a port in one turn of the event loop, so slices sent at once would be
// deserialised at once (100,000 rows took about 250 ms); pulled one by one, no turn takes long.
const SLICE = 2000;

/** Results being handed over slice by slice, by job id. */
const pending = new Map<number, { items: unknown[]; at: number; done: unknown }>();

function sliceSend(id: number): void {
  const job = pending.get(id);
  if (!job) return;
  if (job.at < job.items.length) {
    parentPort!.postMessage({ id, kind: 'slice', items: job.items.slice(job.at, job.at + SLICE) });
    job.at += SLICE;
    return;
  }
  pending.delete(id);
  parentPort!.postMessage({ id, kind: 'done', value: job.done });
}

/** Messages beside the tasks: the next slice; of the levelling lane, a request done (free its set-up) or what is kept. */
type Control = { id: number; kind: 'next' } | { id: number; kind: 'levelling-free'; session: number } | { id: number; kind: 'levelling-held' };

parentPort!.on('message', (msg: ({ id: number } & CpuTask) | Control) => {
  const { id } = msg;
  if ('kind' in msg) {
    if (msg.kind === 'levelling-free') levellingSessionFree(msg.session);
    else if (msg.kind === 'levelling-held')
      parentPort!.postMessage({ id, kind: 'levelling-held', sessions: levellingSessionsHeld(), heapUsed: process.memoryUsage().heapUsed });
    else sliceSend(id);
    return;
  }
  try {
    const result = cpuTaskRun(msg, (chunk) => parentPort!.postMessage({ id, kind: 'chunk', chunk }));
    if ('ok' in result) {
      const items: unknown[] = result.ok ? result.rows : result.errors;
      pending.set(id, { items, at: 0, done: result.ok ? { ok: true, rows: [] } : { ...result, errors: [] } });
      sliceSend(id);
    } else {
      // A detection's result columns are handed over, not copied (9.5 MB at 500,000 windows); nothing here reads them after.
      parentPort!.postMessage({ id, kind: 'done', value: result }, msg.task === 'detect' ? detectTransfer(result as DetectPacked) : []);
    }
  } catch (err) {
    parentPort!.postMessage({ id, kind: 'error', message: (err as Error).message ?? String(err) });
  }
});
