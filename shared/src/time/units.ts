/** Fixed lengths of time in ms. A calendar day in Amsterdam is not always DAY_MS long: use the day numbers for that. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
