export * from './roles.js';
export * from './api.js';
export * from './prognose/index.js';
export * from './prognose/api.js';
