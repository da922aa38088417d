import type { DisruptionAnalysisRow } from '@cd/db';
import type { DisruptionAnalysisJson, AnalysisDocument } from '@cd/shared';

export type Analysis = NonNullable<DisruptionAnalysisJson['analysis']>;

export function analysisJson(d: DisruptionAnalysisRow): DisruptionAnalysisJson {
  return {
    id: d.id,
    incidentId: d.incidentId,
    incidentNumber: d.incidentNumber,
    afnemer: d.afnemerOin,
    afnemerName: d.afnemerName,
    requestedBy: d.requestedBy,
    requestedByEmail: d.requestedByEmail,
    requestedAt: d.requestedAt.toISOString(),
    status: d.deliveredAt ? 'opgeleverd' : 'aangevraagd',
    request: {
      description: d.description,
      disruptionDate: d.disruptionDate,
      desiredDeliveryDate: d.desiredDeliveryDate,
      contactName: d.contactName,
      contactEmail: d.contactEmail,
      contactPhone: d.contactPhone,
      questions: d.questions,
    },
    analysis:
      d.analysis && d.deliveredAt
        ? { ...(d.analysis as Omit<Analysis, 'deliveredAt' | 'deliveredBy'>), deliveredAt: d.deliveredAt.toISOString(), deliveredBy: d.deliveredBy ?? '' }
        : null,
  };
}

export function analysisDocument(j: DisruptionAnalysisJson): AnalysisDocument {
  return {
    incidentNumber: j.incidentNumber,
    afnemerName: j.afnemerName,
    requestedBy: j.requestedBy,
    requestedAt: j.requestedAt,
    request: j.request,
    analysis: j.analysis,
  };
}
