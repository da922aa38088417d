export * from './model.js';
export * from './escalation.js';
export * from './report.js';
export * from './api.js';
