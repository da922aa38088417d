/**
 * The one time module: Amsterdam wall time and DST, day numbers, Dutch working days and holidays, and Dutch date
 * texts. Free of zod, so the web imports it as `@cd/shared/time`.
 */
export * from './zone.js';
export * from './units.js';
export * from './local-time.js';
export * from './wall-time.js';
export * from './calendar.js';
export * from './working-days.js';
export * from './dutch-text.js';
export * from './reading.js';
