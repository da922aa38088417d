/** The one time zone of the product: everything users see and type is wall-clock time in the Netherlands. */
export const AMSTERDAM_TIME_ZONE = 'Europe/Amsterdam';
