import type { ServiceRequestRow } from '@cd/db';
import type { ServiceRequestJson, ServiceRequestType } from '@cd/shared';

export const serviceRequestJson = (s: ServiceRequestRow): ServiceRequestJson => ({
  id: s.id,
  afnemer: s.afnemerOin,
  afnemerName: s.afnemerName,
  kind: s.kind,
  catalogueItem: s.catalogueItem as ServiceRequestType | null,
  subject: s.subject,
  description: s.description,
  fields: s.fields,
  status: s.status,
  answer: s.answer,
  filedBy: s.filedBy,
  filedAt: s.filedAt.toISOString(),
  answeredBy: s.answeredBy,
  answeredAt: s.answeredAt?.toISOString() ?? null,
  updatedAt: s.updatedAt.toISOString(),
});
