/**
 * Only the full recompute on PostgreSQL of bench/detection.ts (50,000 windows), with its phases: a quicker loop
 * while working on the recompute. Run: `pnpm exec tsx bench/recompute.ts`.
 */
import { phasesText, recomputeMeasure } from './detection.js';

const f = await recomputeMeasure(Number(process.env.RECOMPUTE_RUNS ?? 5));
console.log(`eerste (opent ${f.conflicts} conflicten): ${f.firstMs.toFixed(0)} ms`);
console.log(`zonder cache: ${f.againMs.toFixed(0)} ms (${phasesText(f.phasesAgain)})`);
console.log(`met cache: ${f.cachedMs.toFixed(0)} ms (${phasesText(f.phasesCached)})`);
console.log(`los: lezen ${f.readMs.toFixed(0)} ms, detectie in de worker ${f.detectMs.toFixed(0)} ms`);
process.exit(0);
