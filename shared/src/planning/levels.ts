/**
 * The load levels: when a bucket is a warning and when it is overloaded, as fractions of its capacity. A capacity
 * profile stores its own levels (table capacity_profiles, whose column defaults tests/constants-in-sql.test.ts
 * holds to these); these are the defaults where none is given. Free of zod: exported as `@cd/shared/constants`.
 */

/** Overloaded above this fraction of capacity when the profile names no threshold. */
export const DEFAULT_THRESHOLD = 1;
/** A warning above this fraction of capacity (and not overloaded) when the profile names no warning level. */
export const DEFAULT_WARNING_LEVEL = 0.8;

/** The state of a bucket as the API and the web name it, from good to bad. */
export const LOAD_STATES = ['ok', 'warning', 'overload'] as const;
export type LoadStateName = (typeof LOAD_STATES)[number];
