/**
 * Child process of bench/xlsx.ts: parses one .xlsx file with prognoseXlsxParse in a fresh process and prints
 * one JSON line with the time, where the parser stopped, and the peak memory and longest event-loop stall
 * above the idle process (with the file already in memory). Run with --expose-gc.
 */
import { readFile } from 'node:fs/promises';
import { prognoseXlsxParse, type XlsxParseStats } from '../server/src/lib/prognose-xlsx.js';

const file = process.argv[2];
if (!file) throw new Error('usage: xlsx-measure.ts <file.xlsx>');
const buf = await readFile(file);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
await new Promise((resolve) => setTimeout(resolve, 50));
gc?.();
const idle = process.memoryUsage();
let peakRss = idle.rss;
let peakHeap = idle.heapUsed;
let lastTick = performance.now();
let maxGapMs = 0;
const sample = () => {
  const now = performance.now();
  maxGapMs = Math.max(maxGapMs, now - lastTick);
  lastTick = now;
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const timer = setInterval(sample, 1);
const stats: XlsxParseStats = { lastLineRead: 0 };
const started = performance.now();
const result = await prognoseXlsxParse(buf, {}, stats);
const ms = performance.now() - started;
sample();
clearInterval(timer);
console.log(
  JSON.stringify({
    ok: result.ok,
    tooManyRows: !result.ok && result.tooManyRows === true,
    rows: result.ok ? result.rows.length : 0,
    firstError: result.ok ? null : (result.errors[0]?.message ?? null),
    ms,
    lastLineRead: stats.lastLineRead,
    fileBytes: buf.length,
    rssAboveIdleMb: (peakRss - idle.rss) / 1024 / 1024,
    heapAboveIdleMb: (peakHeap - idle.heapUsed) / 1024 / 1024,
    maxEventLoopGapMs: maxGapMs,
  }),
);
