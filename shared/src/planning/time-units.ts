// Internal to the planning core (not re-exported), so these common names cannot clash in the package index.
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
