export * from './rules.js';
export * from './api.js';
