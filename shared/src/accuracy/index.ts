export * from './period.js';
export * from './accuracy.js';
export * from './actuals-parse.js';
