/** A worker thread of the CPU pool: runs tasks and sends large results back in slices (see cpu-pool.ts). */
import { parentPort } from 'node:worker_threads';
import { zodDutchConfigure } from '../lib/zod-dutch.js';
import { cpuTaskRun, type CpuTask } from './cpu-tasks.js';

// The schema checks here speak Dutch as on the main thread (a worker has its own zod configuration).
zodDutchConfigure();

// Each slice is one message, and the main thread reads one message per turn of its event loop: so taking in
// 100,000 rows never blocks it for long (deserialising all at once took about 250 ms).
const SLICE = 2000;

parentPort!.on('message', (msg: { id: number } & CpuTask) => {
  const { id } = msg;
  try {
    const result = cpuTaskRun(msg);
    if ('ok' in result) {
      const items: unknown[] = result.ok ? result.rows : result.errors;
      for (let i = 0; i < items.length; i += SLICE) parentPort!.postMessage({ id, kind: 'slice', items: items.slice(i, i + SLICE) });
      parentPort!.postMessage({ id, kind: 'done', value: result.ok ? { ok: true, rows: [] } : { ...result, errors: [] } });
    } else {
      parentPort!.postMessage({ id, kind: 'done', value: result });
    }
  } catch (err) {
    parentPort!.postMessage({ id, kind: 'error', message: (err as Error).message ?? String(err) });
  }
});
