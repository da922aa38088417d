import { createApp } from '@cd/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutchCsv } from './helpers/files.js';
import { standardActors, testDatabase, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());

/** Reads SSE messages from a response until `until` matches one, or the timeout passes. */
async function readUntil(res: Response, until: (event: string, data: string) => boolean, timeoutMs: number) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const seen: { event: string; data: string }[] = [];
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (!chunk || chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let idx;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
        seen.push({ event, data });
        if (until(event, data)) return seen;
      }
    }
    return seen;
  } finally {
    await reader.cancel();
  }
}

describe('GET /api/v1/events', () => {
  it('requires sign-in', async () => {
    expect((await t.app.request('/api/v1/events')).status).toBe(401);
  });

  it('tells a second server instance about an upload through the first within 2 seconds', async () => {
    const other = createApp({ sql: t.sql, now: () => t.clock.now, sessionHours: 1 });
    const stream = await other.request('/api/v1/events', { headers: who.capacity.headers });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const started = Date.now();
    const reading = readUntil(stream, (e, d) => e === 'change' && JSON.parse(d).kind === 'prognoses', 5000);
    await new Promise((r) => setTimeout(r, 200));
    const up = await t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
      body: dutchCsv(['L-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;100;concept']),
    });
    expect(up.status).toBe(201);
    const seen = await reading;
    expect(seen.map((s) => s.event)).toContain('ready');
    expect(seen.some((s) => s.event === 'change' && JSON.parse(s.data).kind === 'prognoses')).toBe(true);
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
