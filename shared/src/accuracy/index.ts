export * from './period.js';
export * from './accuracy.js';
