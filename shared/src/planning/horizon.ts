import { dayNumberDutch } from '../time/dutch-text.js';
import { amsterdamDayNumber, amsterdamDayStart } from '../time/local-time.js';

/** How far back and ahead of today (whole Amsterdam days) windows may lie; configured, e.g. "-365,1826". */
export interface PlanningHorizonSetting {
  daysBack: number;
  daysAhead: number;
}

/** One year back, five years ahead. */
export const PLANNING_HORIZON_DEFAULT: PlanningHorizonSetting = { daysBack: 365, daysAhead: 1826 };

/** The most either side of the horizon may be: a century keeps every instant far inside what JS and PostgreSQL hold. */
export const PLANNING_HORIZON_MAX_DAYS = 36_500;

/** The instants [from, to] a window may occupy, and the Dutch text of its first and last day (`11-01-2026 t/m 11-01-2032`). */
export interface PlanningHorizon {
  from: number;
  to: number;
  text: string;
}

/**
 * Returns the planning horizon at `now`: from local midnight `daysBack` Amsterdam days before today up to the local
 * midnight that ends the day `daysAhead` days after today (so a window may end exactly at that midnight).
 * Edge: now 2027-01-11 10:00 with the default gives 11-01-2026 00:00 to 12-01-2032 00:00 local, text
 * `11-01-2026 t/m 11-01-2032`; a setting outside 0..PLANNING_HORIZON_MAX_DAYS or not whole throws a RangeError.
 */
export function planningHorizonAt(setting: PlanningHorizonSetting, now: number): PlanningHorizon {
  for (const days of [setting.daysBack, setting.daysAhead]) {
    if (!Number.isInteger(days) || days < 0 || days > PLANNING_HORIZON_MAX_DAYS) {
      throw new RangeError(`horizon days must be whole and within 0..${PLANNING_HORIZON_MAX_DAYS}, got ${days}`);
    }
  }
  if (!Number.isFinite(now)) throw new RangeError(`now must be finite, got ${now}`);
  const today = amsterdamDayNumber(now);
  const first = today - setting.daysBack;
  const last = today + setting.daysAhead;
  return { from: amsterdamDayStart(first), to: amsterdamDayStart(last + 1), text: `${dayNumberDutch(first)} t/m ${dayNumberDutch(last)}` };
}

/**
 * Returns null when the instant lies within the horizon (from <= ms <= to), else the Dutch reason
 * `ligt buiten de planningshorizon (11-01-2026 t/m 11-01-2032)`, to follow the name of the field.
 * Edge: `to` itself is inside (a window may end at the closing midnight); NaN and infinities are outside.
 */
export function planningHorizonViolation(horizon: PlanningHorizon, ms: number): string | null {
  return ms >= horizon.from && ms <= horizon.to ? null : `ligt buiten de planningshorizon (${horizon.text})`;
}
