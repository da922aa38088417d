export * from './rfc-types.js';
export * from './rfc-transitions.js';
export * from './catalogue.js';
export * from './service-request-status.js';
export * from './icalendar.js';
export * from './usage-template.js';
export * from './service-report.js';
export * from './api.js';
