/**
 * The domain's constants without the schemas: `@cd/shared/constants`. Each lives next to the rule that uses it;
 * this module only gathers them, so the web (and anything else that must not load zod) imports the values
 * instead of copying them (docs/decisions/003-web-imports-types-only.md). Nothing here may import zod:
 * tests/shared-subpaths.test.ts walks the imports of every subpath export.
 */
export { DEFAULT_THRESHOLD, DEFAULT_WARNING_LEVEL, LOAD_STATES, type LoadStateName } from './planning/levels.js';
export {
  ASSESSMENT_ASPECTS,
  ASSESSMENT_LEVELS,
  PROCEDURE_DEADLINES_DEFAULT,
  PROCEDURE_STEP_NUMBERS,
  PROCEDURE_STEPS,
  type AssessmentAspect,
  type AssessmentLevel,
  type OpenProcedureStep,
  type ProcedureStep,
} from './procedure/types.js';
export { CALAMITY_THRESHOLD } from './incidents/calamity.js';
export { CONTACT_ROLES, CONTACT_ROLE_LABELS, type ContactRole } from './incidents/contacts.js';
export { DEFAULT_PRIORITY_SETTINGS, PRIORITIES, type Priority } from './incidents/priority-defaults.js';
export { LIVE_CHANGE_KINDS, liveChangeKindIs, type LiveChangeKind } from './live-changes.js';
export {
  NOTIFICATION_KINDS,
  notificationGroups,
  notificationSubjectDefault,
  type GroupableNotification,
  type NotificationGroup,
  type NotificationKind,
  type NotificationSubject,
} from './notification-groups.js';
export { snoClock, type SnoClock, type SnoClockState } from './incidents/sno-clock.js';
export { INCIDENT_CHANNELS, INCIDENT_KINDS, incidentStatusNext } from './incidents/status.js';
export { calendarSpanDays } from './changes/calendar-days.js';
export {
  CHANGE_LADDERS,
  CHANGE_LADDER_LEVELS,
  CHANGE_LADDER_LABELS,
  CHANGE_TYPES,
  changeLadderNext,
  type ChangeLadder,
  type ChangeLadderLevel,
  type ChangeType,
} from './changes/ladders.js';
