import { csvCell } from '../csv-export.js';

export type AnalysisImpactLevel = 'groot' | 'middel' | 'laag';

/** The request form of Bijlage 2 (RFO) and, once delivered, Logius' analysis: what an export contains. */
export interface AnalysisDocument {
  readonly incidentNumber: string;
  readonly afnemerName: string;
  readonly requestedBy: 'afnemer' | 'logius';
  readonly requestedAt: string;
  readonly request: {
    readonly description: string;
    readonly disruptionDate: string;
    readonly desiredDeliveryDate: string | null;
    readonly contactName: string;
    readonly contactEmail: string;
    readonly contactPhone: string;
    readonly questions: string;
  };
  readonly analysis: {
    readonly status: string;
    readonly startedAt: string;
    readonly resolvedAt: string | null;
    readonly cause: string;
    readonly impact: Readonly<Record<'afnemer' | 'logius' | 'klanten', { readonly level: AnalysisImpactLevel; readonly explanation: string }>>;
    readonly solutionIncidental: string;
    readonly solutionStructural: string;
    readonly communication: { readonly who: string; readonly what: string; readonly when: string; readonly bottlenecks: string };
    readonly improvements: string;
    readonly deliveredAt: string;
    readonly deliveredBy: string;
  } | null;
}

/** Rows of (section, field, value) in the order of the Bijlage 2 templates. */
function analysisRows(d: AnalysisDocument): [string, string, string][] {
  const r = d.request;
  const rows: [string, string, string][] = [
    ['Aanvraag', 'Verstoringsnummer', d.incidentNumber],
    ['Aanvraag', 'Afnemer', d.afnemerName],
    ['Aanvraag', 'Aangevraagd door', d.requestedBy === 'afnemer' ? 'Afnemer' : 'Logius'],
    ['Aanvraag', 'Aangevraagd op', d.requestedAt],
    ['Aanvraag', 'Omschrijving', r.description],
    ['Aanvraag', 'Datum verstoring', r.disruptionDate],
    ['Aanvraag', 'Gewenste datum oplevering', r.desiredDeliveryDate ?? ''],
    ['Aanvraag', 'Contactpersoon naam', r.contactName],
    ['Aanvraag', 'Contactpersoon mail', r.contactEmail],
    ['Aanvraag', 'Contactpersoon telefoon', r.contactPhone],
    ['Aanvraag', 'Vragen', r.questions],
  ];
  const a = d.analysis;
  if (!a) return [...rows, ['Analyse', 'Status', 'Nog niet opgeleverd']];
  return [
    ...rows,
    ['Analyse', 'Status', a.status],
    ['Analyse', 'Aanvang verstoring', a.startedAt],
    ['Analyse', 'Verstoring verholpen', a.resolvedAt ?? ''],
    ['Analyse', 'Oorzaak', a.cause],
    ['Analyse', `Impact op ${d.afnemerName}`, `${a.impact.afnemer.level}: ${a.impact.afnemer.explanation}`],
    ['Analyse', 'Impact op Logius', `${a.impact.logius.level}: ${a.impact.logius.explanation}`],
    ['Analyse', 'Impact op klanten', `${a.impact.klanten.level}: ${a.impact.klanten.explanation}`],
    ['Analyse', 'Oplossing incidenteel', a.solutionIncidental],
    ['Analyse', 'Oplossing structureel', a.solutionStructural],
    ['Analyse', 'Communicatie: wie', a.communication.who],
    ['Analyse', 'Communicatie: wat', a.communication.what],
    ['Analyse', 'Communicatie: wanneer', a.communication.when],
    ['Analyse', 'Communicatie: knelpunten', a.communication.bottlenecks],
    ['Analyse', 'Verbeterpunten', a.improvements],
    ['Analyse', 'Opgeleverd op', a.deliveredAt],
    ['Analyse', 'Opgeleverd door', a.deliveredBy],
  ];
}

/**
 * Returns the request and analysis as a CSV for Dutch Excel: BOM, semicolons, CRLF, one field per row.
 * Edge: every cell goes through csvCell, so text typed by either side can never run as a formula.
 */
export function analysisCsv(d: AnalysisDocument): string {
  const lines = [['Onderdeel', 'Veld', 'Waarde'], ...analysisRows(d)].map((row) => row.map(csvCell).join(';'));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

const mdCell = (s: string) => s.replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');

/**
 * Returns the request and analysis as Markdown: two tables, as the Bijlage 2 templates lay them out.
 * Edge: pipes and line breaks inside values are escaped so the table stays intact.
 */
export function analysisMarkdown(d: AnalysisDocument): string {
  const rows = analysisRows(d);
  const table = (section: string) =>
    ['| Veld | Waarde |', '| --- | --- |', ...rows.filter((r) => r[0] === section).map((r) => `| ${mdCell(r[1])} | ${mdCell(r[2])} |`)].join('\n');
  return [
    `# Verstoringsanalyse ${d.incidentNumber}: MijnOverheid ${d.afnemerName}`,
    '',
    '## Aanvraag verstoringsanalyse',
    '',
    table('Aanvraag'),
    '',
    '## Verstoringsanalyse van Logius',
    '',
    table('Analyse'),
    '',
  ].join('\n');
}
