export * from './period.js';
export * from './accuracy.js';
export * from './totals.js';
export * from './load-actuals.js';
export * from './trend.js';
export * from './misses.js';
