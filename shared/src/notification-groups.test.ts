import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GroupableNotification, NOTIFICATION_KINDS, notificationGroups, notificationSubjectDefault } from './notification-groups.js';

const n = (id: number, kind: GroupableNotification['subjectKind'], ref: string | null, minute: number, read = false): GroupableNotification => ({
  id,
  subjectKind: kind,
  subjectRef: ref,
  createdAt: new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString(),
  readAt: read ? new Date(Date.UTC(2026, 11, 1, 11)).toISOString() : null,
});

describe('notificationGroups', () => {
  it('puts the notices of one event in one group, with its unread count, newest group first', () => {
    const groups = notificationGroups([n(1, 'conflict', '7', 1), n(2, 'incident', 'INC-1', 2), n(3, 'conflict', '7', 3, true), n(4, 'conflict', '7', 4)]);
    expect(groups.map((g) => [g.key, g.items.map((i) => i.id), g.unread])).toEqual([
      ['conflict:7', [4, 3, 1], 2],
      ['incident:INC-1', [2], 1],
    ]);
    expect(groups[0]!.latestAt).toBe(n(4, 'conflict', '7', 4).createdAt);
  });

  it('keeps the same reference of different kinds apart', () => {
    expect(notificationGroups([n(1, 'rfc', '5', 1), n(2, 'service-request', '5', 2)])).toHaveLength(2);
  });

  it('never merges notices that belong to no event', () => {
    expect(notificationGroups([n(1, 'other', null, 1), n(2, 'other', null, 2)]).map((g) => g.key)).toEqual(['#2', '#1']);
  });

  it('loses and doubles nothing, and counts every unread once (any notifications)', () => {
    const item = fc.record({
      kind: fc.constantFrom(...NOTIFICATION_KINDS),
      ref: fc.option(fc.constantFrom('1', '2', 'INC-3'), { nil: null }),
      minute: fc.integer({ min: 0, max: 59 }),
      read: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (raw) => {
        const items = raw.map((r, i) => n(i + 1, r.kind, r.ref, r.minute, r.read));
        const groups = notificationGroups(items);
        expect(groups.flatMap((g) => g.items.map((i) => i.id)).sort((a, b) => a - b)).toEqual(items.map((i) => i.id));
        expect(groups.reduce((s, g) => s + g.unread, 0)).toBe(items.filter((i) => i.readAt === null).length);
        for (const g of groups) expect(new Set(g.items.map((i) => `${i.subjectKind}:${i.subjectRef ?? i.id}`)).size).toBe(1);
        for (let i = 1; i < groups.length; i++) expect(groups[i - 1]!.latestAt >= groups[i]!.latestAt).toBe(true);
      }),
    );
  });
});

describe('notificationSubjectDefault', () => {
  it('reads a conflict notice as about that conflict, and anything else as a notice of its own', () => {
    expect(notificationSubjectDefault(12)).toEqual({ kind: 'conflict', ref: '12' });
    expect(notificationSubjectDefault(null)).toEqual({ kind: 'other', ref: null });
  });
});
