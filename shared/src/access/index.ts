// Who may do what, free of zod so the web can import it as '@cd/shared/access'.
export * from './roles.js';
export * from './table.js';
