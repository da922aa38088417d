export * from './period.js';
export * from './accuracy.js';
export * from './totals.js';
