export * from './types.js';
export * from './working-days.js';
export * from './actions.js';
export * from './advice.js';
export * from './labels.js';
export * from './overdue.js';
export * from './transitions.js';
export * from './available-actions.js';
