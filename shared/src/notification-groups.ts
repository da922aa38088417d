/**
 * What a notification is about, and notifications grouped per event: one group per conflict, incident, RFC, ...
 * Free of zod, so the web imports it through `@cd/shared/constants`.
 */

/**
 * The kinds of event a notification can be about; 'other' is a notice that belongs to no event. 'levelling': the
 * moves of an accepted levelled plan offered to a planner (its reference is the proposal's id).
 */
export const NOTIFICATION_KINDS = [
  'conflict',
  'incident',
  'rfc',
  'service-request',
  'fraud',
  'disruption-analysis',
  'escalation',
  'levelling',
  'other',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The event a notification is about: its kind and its reference (a conflict id, an incident number, ...). */
export interface NotificationSubject {
  kind: NotificationKind;
  ref: string;
}

export interface GroupableNotification {
  id: number;
  subjectKind: NotificationKind;
  subjectRef: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationGroup<N extends GroupableNotification> {
  /** `kind:ref`, or `#<id>` for a notice that belongs to no event (it is a group of its own). */
  key: string;
  kind: NotificationKind;
  ref: string | null;
  /** Newest first. */
  items: N[];
  unread: number;
  latestAt: string;
}

/**
 * Returns the subject of a notification stored without one: a conflict's notice is about that conflict.
 * Edge: no conflict gives 'other' without a reference.
 */
export function notificationSubjectDefault(conflictId: number | null): { kind: NotificationKind; ref: string | null } {
  return conflictId === null ? { kind: 'other', ref: null } : { kind: 'conflict', ref: String(conflictId) };
}

/**
 * Returns the notifications grouped per event, the group with the newest notification first, each newest first.
 * Edge: notices without a reference ('other') are never merged: each is a group of one.
 */
export function notificationGroups<N extends GroupableNotification>(items: readonly N[]): NotificationGroup<N>[] {
  const groups = new Map<string, NotificationGroup<N>>();
  const newestFirst = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  for (const n of newestFirst) {
    const key = n.subjectRef === null ? `#${n.id}` : `${n.subjectKind}:${n.subjectRef}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, kind: n.subjectKind, ref: n.subjectRef, items: [], unread: 0, latestAt: n.createdAt };
      groups.set(key, g);
    }
    g.items.push(n);
    if (n.readAt === null) g.unread++;
  }
  return [...groups.values()];
}
