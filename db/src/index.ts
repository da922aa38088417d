export * from './client.js';
export * from './migrate.js';
export * from './embedded.js';
export * from './queries/afnemers.js';
export * from './queries/users.js';
export * from './queries/auth.js';
export * from './queries/prognoses.js';
export * from './queries/planning.js';
