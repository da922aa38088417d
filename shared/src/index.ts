export * from './roles.js';
export * from './api.js';
export * from './prognose/index.js';
export * from './prognose/api.js';
export * from './planning/index.js';
export * from './planning-api.js';
export * from './procedure/index.js';
export * from './procedure-api.js';
