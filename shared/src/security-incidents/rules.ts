// The rules of security incidents, free of zod so the web can import them as '@cd/shared/security-incidents'.
export * from './model.js';
export * from './escalation.js';
export * from './report.js';
