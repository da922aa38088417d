export * from './sources.js';
export * from './shift-words.js';
export * from './window-change.js';
