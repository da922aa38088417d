export * from './priority.js';
export * from './calamity.js';
export * from './contacts.js';
export * from './ladders.js';
export * from './status.js';
export * from './reference.js';
export * from './export.js';
export * from './actions.js';
