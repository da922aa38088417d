/**
 * The λ search of levellingPropose with its runs in parallel (decision 019): the search itself is the pure
 * `levellingSearchStep` of @cd/shared, played again after every run that comes back; this file only decides which
 * runs to start while others are still running. The answer is exactly levellingPropose's: only runs the search asks
 * for are read; a run started on a guess that proved wrong is cancelled as soon as the search has moved past it.
 */
import {
  levellingMeetsBound,
  levellingResultOf,
  levellingSearchPlan,
  levellingSearchStep,
  type LevellingCandidateResult,
  type LevellingInput,
  type LevellingNeed,
  type LevellingResult,
  type LevellingRunState,
  type LevellingSearchPlan,
} from '@cd/shared';
import type { LevellingRunReply } from './cpu-tasks.js';

/**
 * Runs one piece (a quick run at a λ, or with `state` the drop search on it) somewhere, e.g. in a worker. When
 * `signal` aborts, the search no longer wants the piece: it may stop it (and reject), or still give its reply.
 */
export type LevellingPieceRun = (moveCostHours: number, state: LevellingRunState | null, signal: AbortSignal) => Promise<LevellingRunReply>;

const keyOf = (n: LevellingNeed) => `${n.moveCostHours}/${n.improved ? 1 : 0}`;

/**
 * The figures assumed for a run still running, to see which run the search would want after it: meeting the bound
 * or not as `meets` says (see meetsGuess), its cost between those of the known runs beside it (cost grows with λ as a
 * rule); a drop search changes nothing. Only which run to start next depends on this guess, never the answer.
 */
function assumed(need: LevellingNeed, known: ReadonlyMap<string, LevellingCandidateResult>, meets: boolean): LevellingCandidateResult {
  const quick = [...known.values()].filter((r) => !r.improved).sort((a, b) => a.moveCostHours - b.moveCostHours);
  const own = known.get(keyOf({ moveCostHours: need.moveCostHours, improved: false }));
  if (need.improved && own) return { ...own, improved: true };
  const below = quick.filter((r) => r.moveCostHours < need.moveCostHours).at(-1);
  const above = quick.find((r) => r.moveCostHours > need.moveCostHours);
  const cost =
    below && above
      ? below.cost + ((above.cost - below.cost) * (need.moveCostHours - below.moveCostHours)) / (above.moveCostHours - below.moveCostHours)
      : (below?.cost ?? above?.cost ?? 0) + need.moveCostHours;
  const like = below ?? above;
  return {
    moves: [],
    remaining: [],
    overloadedBefore: like?.overloadedBefore ?? 1,
    overloadedAfter: like ? Math.min(...quick.map((r) => r.overloadedAfter)) : 0,
    excessBefore: 0,
    excessAfter: 0,
    excessFreed: 0,
    messagesMoved: meets ? 0 : 2,
    lowerBound: 1,
    cost,
    moveCostHours: need.moveCostHours,
    improved: need.improved,
  };
}

/**
 * Whether a run still running is guessed to meet the bound: a drop search as its quick run did; a quick run at λ = 0
 * not (when it meets, nothing more is needed anyway); at another λ between two known quick runs, as a straight line
 * between their messages moved per bound says; else yes (the search looks for the smallest λ that meets, so it goes
 * on below). The line is no better a guess than "yes" on the bench year (the curve is convex: the line guesses
 * "fails" too often, one wrong guess either way), but its wrong guess is the cheap one: the search cancels a wrong
 * run as soon as the run it guessed comes back, whereas the guess "yes" was wrong where the bisection goes deepest
 * (decision 019, addendum: 13% off the simulated schedule).
 */
function meetsGuess(need: LevellingNeed, known: ReadonlyMap<string, LevellingCandidateResult>, constraint: number | null): boolean {
  const own = known.get(keyOf({ moveCostHours: need.moveCostHours, improved: false }));
  if (need.improved && own) return levellingMeetsBound(own, constraint);
  if (need.moveCostHours <= 0 || constraint === null) return need.moveCostHours > 0;
  const quick = [...known.values()].filter((r) => !r.improved && r.lowerBound > 0).sort((a, b) => a.moveCostHours - b.moveCostHours);
  const below = quick.filter((r) => r.moveCostHours < need.moveCostHours).at(-1);
  const above = quick.find((r) => r.moveCostHours > need.moveCostHours);
  if (!below || !above) return true;
  const perBoundBelow = below.messagesMoved / below.lowerBound;
  const perBoundAbove = above.messagesMoved / above.lowerBound;
  const perBound = perBoundBelow + ((perBoundAbove - perBoundBelow) * (need.moveCostHours - below.moveCostHours)) / (above.moveCostHours - below.moveCostHours);
  return levellingMeetsBound({ messagesMoved: perBound, lowerBound: 1 }, constraint);
}

/**
 * levellingPropose(input) with its runs made by `runPiece`, at most `parallel` at a time: the run the search needs
 * next first, then runs it would need next if the runs still running come out as guessed (`assumed`, then the other
 * outcomes). A drop search is started only once its quick run is back (it continues from that run's state). A run
 * still running that the search can no longer ask for, whatever the others give, is cancelled (its signal aborted),
 * and so is every run still running when the answer is there; a cancelled run's failure is no failure of the search.
 */
export async function levellingSearchParallel(input: LevellingInput, runPiece: LevellingPieceRun, parallel: number): Promise<LevellingResult> {
  const known = new Map<string, LevellingCandidateResult>();
  const states = new Map<number, LevellingRunState>();
  const running = new Map<string, { need: LevellingNeed; done: Promise<unknown>; cancel: AbortController }>();
  // Until the first run is back, the plan as if the period holds overload (the first run is the same either way).
  let plan: LevellingSearchPlan = levellingSearchPlan(input, 1);
  let planKnown = false;
  let failure: unknown = null;

  const start = (need: LevellingNeed): void => {
    const key = keyOf(need);
    const state = need.improved ? states.get(need.moveCostHours)! : null;
    const cancel = new AbortController();
    const own = () => running.get(key)?.cancel === cancel;
    const done = runPiece(need.moveCostHours, state, cancel.signal).then(
      (reply) => {
        if (own()) running.delete(key);
        // A cancelled run that finished all the same is as good as any: runs are deterministic.
        known.set(key, reply.result);
        if (reply.state) states.set(need.moveCostHours, reply.state);
        plan = reply.plan;
        planKnown = true;
      },
      (err: unknown) => {
        if (!own()) return;
        running.delete(key);
        failure ??= err;
      },
    );
    running.set(key, { need, done, cancel });
  };
  const cancelRun = (key: string): void => {
    const run = running.get(key);
    if (!run) return;
    running.delete(key);
    run.cancel.abort();
  };

  /** A run worth starting now: not known, not running, and (a drop search) its quick run's state is here. */
  const startable = (need: LevellingNeed): boolean =>
    !known.has(keyOf(need)) && !running.has(keyOf(need)) && (!need.improved || states.has(need.moveCostHours));

  /** The run the search would need next if each of `pending` came out as `flip` says (bit k: the other outcome of pending[k]). */
  const aheadOf = (pending: readonly LevellingNeed[], flip: number): LevellingNeed | null => {
    const guess = new Map(known);
    pending.forEach((need, k) => {
      const meets = meetsGuess(need, known, plan.constraint) !== ((flip >> k) & 1) > 0;
      guess.set(keyOf(need), assumed(need, known, meets));
    });
    const ahead = levellingSearchStep(plan, (n) => guess.get(keyOf(n)));
    return 'need' in ahead ? ahead.need : null;
  };

  /**
   * The runs the search may still ask for, looking `parallel` runs ahead of `need` (the run it needs now): every
   * outcome of the runs found so far, as many rounds as runs may run at once. A run still running outside it was
   * started on a guess that proved wrong.
   */
  const wanted = (need: LevellingNeed): Set<string> => {
    const found = new Map([[keyOf(need), need]]);
    for (let round = 1; round <= parallel; round++) {
      const pending = [...found.values()].filter((n) => !known.has(keyOf(n)));
      for (let flip = 0; flip < 1 << pending.length; flip++) {
        const next = aheadOf(pending, flip);
        if (next !== null) found.set(keyOf(next), next);
      }
    }
    return new Set(found.keys());
  };

  try {
    for (;;) {
      if (failure !== null) throw failure;
      const step = planKnown ? levellingSearchStep(plan, (n) => known.get(keyOf(n))) : { need: { moveCostHours: plan.fixedMoveCost ?? 0, improved: false } };
      if ('chosen' in step) return levellingResultOf(step.chosen, step.runs, plan.constraint);
      if (planKnown) {
        const keep = wanted(step.need);
        for (const key of [...running.keys()]) if (!keep.has(key)) cancelRun(key);
      }
      if (startable(step.need)) start(step.need);
      // Look ahead: every outcome of the runs still running, the guessed one first.
      while (running.size < parallel) {
        const pending = [...running.values()].map((r) => r.need);
        let next: LevellingNeed | null = null;
        for (let flip = 0; next === null && flip < 1 << pending.length; flip++) {
          const ahead = aheadOf(pending, flip);
          if (ahead !== null && startable(ahead)) next = ahead;
        }
        if (next === null) break;
        start(next);
      }
      if (running.size === 0) throw new Error(`nivellering: run ${keyOf(step.need)} kan niet starten`);
      await Promise.race([...running.values()].map((r) => r.done));
    }
  } finally {
    for (const key of [...running.keys()]) cancelRun(key);
  }
}
