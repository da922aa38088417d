/**
 * Benchmark of the planning core: conflict detection on a year of 50,000 windows against the brute-force
 * reference, and suggestions for the biggest conflict. Run: `pnpm exec tsx bench/planning.ts`.
 * Prints figures and PASS/FAIL against the target, but never fails the process. `--quick` extrapolates the
 * brute force from a sample instead of running it in full (about 30 s).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { conflictObjects, conflictsDetect, suggestionsForConflict, type ConflictObjects, type ConflictsResult } from '../shared/src/planning/index.js';
import { conflictsDetectBrute } from '../shared/src/planning/planning.brute.js';
import { planningBenchData, randomSeeded, type BenchData } from './data.js';

export const DETECTION_TARGET_MS = 250;

export interface PlanningBenchOptions {
  windows?: number;
  /** Timed runs after warm-up (default 9). */
  runs?: number;
  /** Brute force runs in full when its estimate is at most this (default 60 s); otherwise it is extrapolated. */
  bruteBudgetMs?: number;
  print?: boolean;
}

export interface PlanningBenchFigures {
  windows: number;
  buckets: number;
  conflicts: number;
  overloadedBuckets: number;
  warningRuns: number;
  detection: { coldMs: number; medianMs: number; minMs: number; maxMs: number; runs: number; targetMs: number; pass: boolean };
  brute: { ms: number; extrapolated: boolean; sampleFraction: number; ratio: number; agrees: boolean | null };
  suggestions: {
    conflictWindows: number;
    medianMs: number;
    perWindowMs: number;
    withEarlier: number;
    withLater: number;
    withSplit: number;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const value = f();
  return [value, performance.now() - t];
}

function sampleWindows(data: BenchData, fraction: number): BenchData {
  const random = randomSeeded(7);
  return { ...data, windows: data.windows.filter(() => random() < fraction) };
}

function sameConflicts(a: ConflictsResult['conflicts'], b: readonly ConflictObjects[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((c, i) => {
    const d = b[i]!;
    return c.start === d.start && c.end === d.end && c.windows.length === d.windows.length && c.drainedAt === d.drainedAt;
  });
}

/** Runs the benchmark and returns its figures (printing them unless `print` is false). */
export async function run(options: PlanningBenchOptions = {}): Promise<PlanningBenchFigures> {
  const print = options.print ?? true;
  const runs = options.runs ?? 9;
  const budget = options.bruteBudgetMs ?? 60_000;
  const log = (line: string) => {
    if (print) console.log(line);
  };
  const data = planningBenchData({ windows: options.windows ?? 50_000 });
  const buckets = data.toBucket - data.fromBucket;
  log(
    `planning benchmark: ${data.windows.length} windows, ${buckets} buckets (${(buckets / 96).toFixed(0)} days), ${data.maintenance.length} maintenance windows`,
  );

  const [result, coldMs] = timed(() => conflictsDetect(data));
  for (let i = 0; i < 3; i++) conflictsDetect(data);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timed(() => conflictsDetect(data))[1]);
  const medianMs = median(times);
  const pass = medianMs <= DETECTION_TARGET_MS;
  log(`  conflicts: ${result.conflicts.length}, overloaded buckets: ${result.overloadedBuckets}, warning runs: ${result.warnings.length}`);
  log(
    `  detection: median ${medianMs.toFixed(1)} ms over ${runs} runs after warm-up (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, first cold run ${coldMs.toFixed(1)} ms)`,
  );
  log(`  target <= ${DETECTION_TARGET_MS} ms: ${pass ? 'PASS' : 'FAIL'}`);

  // Brute force: its fixed part (capacity, backlog) is timed without windows, its per-window part (windows x
  // buckets) on a 2% sample and scaled up; when that estimate fits the budget it is run once on the full input.
  const sampleFraction = 0.02;
  const sample = sampleWindows(data, sampleFraction);
  const [, fixedMs] = timed(() => conflictsDetectBrute({ ...data, windows: [] }));
  const [, sampleMs] = timed(() => conflictsDetectBrute(sample));
  const estimate = fixedMs + Math.max(0, sampleMs - fixedMs) / (sample.windows.length / data.windows.length);
  let bruteMs: number;
  let extrapolated: boolean;
  let agrees: boolean | null = null;
  if (estimate <= budget) {
    log(`  brute force: estimated ${(estimate / 1000).toFixed(1)} s, running it once on the full input...`);
    const [brute, ms] = timed(() => conflictsDetectBrute(data));
    bruteMs = ms;
    extrapolated = false;
    agrees = sameConflicts(result.conflicts, brute.conflicts);
    log(`  brute force: ${(bruteMs / 1000).toFixed(2)} s (one run, full input); same conflicts: ${agrees ? 'yes' : 'NO'}`);
  } else {
    bruteMs = estimate;
    extrapolated = true;
    log(
      `  brute force: ~${(bruteMs / 1000).toFixed(1)} s EXTRAPOLATED, not run in full: ${(fixedMs / 1000).toFixed(2)} s without windows plus ` +
        `the per-window part of one run on a ${sampleFraction * 100}% sample (${sample.windows.length} windows, ${(sampleMs / 1000).toFixed(2)} s) ` +
        `scaled linearly to all windows (approximate: JIT and conflict counts differ on the sample)`,
    );
  }
  const ratio = bruteMs / medianMs;
  log(`  speed-up over brute force: ${ratio.toFixed(0)}x`);

  const biggest = [...result.conflicts].sort((a, b) => b.excessMessages - a.excessMessages)[0];
  let suggestions: PlanningBenchFigures['suggestions'] = {
    conflictWindows: 0,
    medianMs: 0,
    perWindowMs: 0,
    withEarlier: 0,
    withLater: 0,
    withSplit: 0,
  };
  if (biggest) {
    const input = { ...data, conflict: conflictObjects(biggest), now: data.fromBucket * 900_000 - 30 * 86_400_000 };
    const [first] = timed(() => suggestionsForConflict(input));
    const suggestionTimes: number[] = [];
    for (let i = 0; i < 5; i++) suggestionTimes.push(timed(() => suggestionsForConflict(input))[1]);
    const ms = median(suggestionTimes);
    suggestions = {
      conflictWindows: biggest.windows.length,
      medianMs: ms,
      perWindowMs: ms / Math.max(1, biggest.windows.length),
      withEarlier: first.filter((s) => s.earlier).length,
      withLater: first.filter((s) => s.later).length,
      withSplit: first.filter((s) => s.split).length,
    };
    log(
      `  suggestions for the biggest conflict (${new Date(biggest.start).toISOString()}, ${biggest.windows.length} windows, ` +
        `excess ${Math.round(biggest.excessMessages)}): median ${ms.toFixed(1)} ms (${(suggestions.perWindowMs * 1000).toFixed(0)} us per window); ` +
        `earlier ${suggestions.withEarlier}, later ${suggestions.withLater}, split ${suggestions.withSplit}`,
    );
  }

  return {
    windows: data.windows.length,
    buckets,
    conflicts: result.conflicts.length,
    overloadedBuckets: result.overloadedBuckets,
    warningRuns: result.warnings.length,
    detection: { coldMs, medianMs, minMs: Math.min(...times), maxMs: Math.max(...times), runs, targetMs: DETECTION_TARGET_MS, pass },
    brute: { ms: bruteMs, extrapolated, sampleFraction: extrapolated ? sampleFraction : 1, ratio, agrees },
    suggestions,
  };
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
// `--quick` skips the full brute-force run and reports the extrapolation instead.
if (invokedDirectly) await run({ bruteBudgetMs: process.argv.includes('--quick') ? 0 : undefined });
