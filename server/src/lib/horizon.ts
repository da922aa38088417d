import { instantFormatAmsterdamDutch, PLANNING_HORIZON_DEFAULT, planningHorizonAt, planningHorizonViolation, type PlanningHorizon } from '@cd/shared';
import type { Deps } from './context.js';
import { ProblemError } from './problem.js';

/** The planning horizon of this server at this moment. */
export function horizonNow(deps: Pick<Deps, 'horizon' | 'now'>): PlanningHorizon {
  return planningHorizonAt(deps.horizon ?? PLANNING_HORIZON_DEFAULT, deps.now().getTime());
}

function instantText(ms: number): string {
  const year = new Date(ms).getUTCFullYear();
  return year >= 1000 && year <= 9999 ? instantFormatAmsterdamDutch(new Date(ms)) : new Date(ms).toISOString();
}

/** Throws a 400 problem naming every field whose instant lies outside the horizon; nothing has been stored yet. */
export function horizonRequire(horizon: PlanningHorizon, fields: { field: string; label: string; at: string | Date }[]): void {
  const errors = [];
  for (const f of fields) {
    const ms = typeof f.at === 'string' ? Date.parse(f.at) : f.at.getTime();
    const outside = planningHorizonViolation(horizon, ms);
    if (outside) errors.push({ field: f.field, message: `${f.label} (${Number.isFinite(ms) ? instantText(ms) : f.at}) ${outside}.` });
  }
  if (errors.length > 0) {
    throw new ProblemError(400, `Het venster ligt buiten de planningshorizon (${horizon.text}); er is niets opgeslagen.`, errors);
  }
}

/** The start and end of a window input, for horizonRequire. */
export function horizonFields(w: { start: string | Date; end: string | Date }, prefix = '') {
  return [
    { field: `${prefix}start`, label: 'Het begin', at: w.start },
    { field: `${prefix}end`, label: 'Het einde', at: w.end },
  ];
}
