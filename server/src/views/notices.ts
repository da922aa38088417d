import type { NoticeRow } from '@cd/db';
import type { NoticeJson } from '@cd/shared';

/** A notice as the API shows it, with the reason when it was withheld. */
export function noticeJson(n: NoticeRow): NoticeJson {
  return {
    id: n.id,
    kind: n.kind,
    source: n.source,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    createdBy: n.createdBy,
    withheld: n.withheld,
    withheldReason: n.withheldReason,
    recipients: n.recipients,
  };
}
