import type { LiveChangeKind } from '@cd/shared';

/**
 * The first element of every query key. Each feature's api file builds its keys from these roots, so the live
 * update stream can invalidate a whole family of queries without knowing the features.
 */
export const QUERY_ROOTS = {
  session: 'session',
  afnemers: 'afnemers',
  prognoses: 'prognoses',
  deliveries: 'deliveries',
  load: 'load',
  conflicts: 'conflicts',
  capacityProfile: 'capacity-profile',
  maintenance: 'maintenance-windows',
  notifications: 'notifications',
  incidents: 'incidents',
  securityIncidents: 'security-incidents',
  escalations: 'escalations',
  contacts: 'contacts',
  rfcs: 'rfcs',
  releases: 'releases',
  apiTokens: 'api-tokens',
  serviceRequests: 'service-requests',
  fraudReports: 'fraud-reports',
  serviceReport: 'service-report',
  calendarFeeds: 'calendar-feeds',
  subscriptions: 'subscriptions',
  notices: 'notices',
  settings: 'settings',
  usageTargets: 'usage-targets',
  accuracy: 'accuracy',
} as const;

export type ChangeKind = LiveChangeKind;

/** Which query families a change of each kind makes stale. */
export const ROOTS_BY_CHANGE: Record<ChangeKind, string[]> = {
  prognoses: [QUERY_ROOTS.prognoses, QUERY_ROOTS.deliveries, QUERY_ROOTS.load, QUERY_ROOTS.conflicts],
  // Another Afnemer's windows changed: for an Afnemer's users only the total load moved.
  load: [QUERY_ROOTS.load],
  conflicts: [QUERY_ROOTS.conflicts, QUERY_ROOTS.load],
  capacity: [QUERY_ROOTS.capacityProfile, QUERY_ROOTS.load, QUERY_ROOTS.conflicts],
  maintenance: [QUERY_ROOTS.maintenance, QUERY_ROOTS.load, QUERY_ROOTS.conflicts],
  procedure: [QUERY_ROOTS.conflicts, QUERY_ROOTS.notifications],
  notifications: [QUERY_ROOTS.notifications],
  // Incidents, their trail, escalations and disruption analyses all report as 'incidents'.
  incidents: [QUERY_ROOTS.incidents, QUERY_ROOTS.escalations],
  contacts: [QUERY_ROOTS.contacts],
  // RFCs and releases (their RFCs, their window) report as 'changes'.
  changes: [QUERY_ROOTS.rfcs, QUERY_ROOTS.releases],
  // A levelled plan proposed or accepted, a move accepted or declined: the proposals hang under conflicts, a
  // planner's offers under notifications (web/src/features/levelling/api.ts).
  levelling: [QUERY_ROOTS.conflicts, QUERY_ROOTS.notifications],
};
