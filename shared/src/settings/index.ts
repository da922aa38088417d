export * from './settings.js';
export * from './subscriptions.js';
export * from './usage-targets.js';
