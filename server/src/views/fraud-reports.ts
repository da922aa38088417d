import { fraudReportEvents, type FraudReportRow, type Queryable } from '@cd/db';
import type { FraudReportJson } from '@cd/shared';

export const fraudReceiptJson = (f: FraudReportRow) => ({
  id: f.id,
  reference: f.reference,
  afnemer: f.afnemerOin,
  reportedAt: f.reportedAt.toISOString(),
  receiptOnly: true as const,
});

export async function fraudReportJson(sql: Queryable, f: FraudReportRow): Promise<FraudReportJson> {
  const events = await fraudReportEvents(sql, f.id);
  return {
    ...fraudReceiptJson(f),
    receiptOnly: false,
    reportedBy: f.reportedBy,
    channel: f.channel,
    highPriority: f.highPriority,
    observedAt: f.observedAt?.toISOString() ?? null,
    description: f.description,
    status: f.status,
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actorEmail,
      role: e.actorRole,
      afnemer: e.actorAfnemer,
      action: e.action,
      payload: e.payload,
    })),
  };
}
