/**
 * The Service rapportage as a printable HTML page (charts as inline SVG, no scripts) and as CSV for Excel.
 * Every text that reaches the HTML goes through `esc`; every CSV cell through csvRows.
 */
import { csvRows, instantFormatAmsterdamDutch, type CsvValue, type ServiceReport } from '@cd/shared';
import { AMSTERDAM_TIME_ZONE } from '@cd/shared/time';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML elements and quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const dt = (iso: string | null) => (iso ? instantFormatAmsterdamDutch(new Date(iso)) : '–');
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%`);
const signedPct = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : ''}${pct(x)}`);
const num = (x: number) => x.toLocaleString('nl-NL', { maximumFractionDigits: 1 });

interface Bar {
  label: string;
  value: number;
  text: string;
  tone?: 'ok' | 'warning' | 'overload';
}

const TONES = { ok: '#1f6fb2', warning: '#c77700', overload: '#b3261e' } as const;

/** A vertical bar chart with optional horizontal reference lines (e.g. the threshold), as SVG. */
function columnChart(title: string, bars: Bar[], lines: { value: number; label: string }[] = []): string {
  if (bars.length === 0) return `<p class="empty">Geen gegevens voor ${esc(title.toLowerCase())}.</p>`;
  const w = 720;
  const h = 220;
  const pad = { l: 48, r: 8, t: 12, b: 48 };
  const max = Math.max(...bars.map((b) => b.value), ...lines.map((l) => l.value), 1e-9) * 1.1;
  const bw = (w - pad.l - pad.r) / bars.length;
  const y = (v: number) => pad.t + (h - pad.t - pad.b) * (1 - v / max);
  const every = Math.ceil(bars.length / 16);
  const columns = bars.map((b, i) => {
    const x = pad.l + i * bw;
    const label =
      i % every === 0
        ? `<text x="${x + bw / 2}" y="${h - pad.b + 14}" font-size="10" text-anchor="end" transform="rotate(-40 ${x + bw / 2} ${h - pad.b + 14})">${esc(b.label)}</text>`
        : '';
    return `<rect x="${x + bw * 0.1}" y="${y(b.value)}" width="${bw * 0.8}" height="${Math.max(0, h - pad.b - y(b.value))}" fill="${TONES[b.tone ?? 'ok']}"><title>${esc(b.label)}: ${esc(b.text)}</title></rect>${label}`;
  });
  const refs = lines.map(
    (l) =>
      `<line x1="${pad.l}" x2="${w - pad.r}" y1="${y(l.value)}" y2="${y(l.value)}" stroke="#444" stroke-dasharray="4 3"/>` +
      `<text x="${w - pad.r}" y="${y(l.value) - 3}" font-size="10" text-anchor="end">${esc(l.label)}</text>`,
  );
  return (
    `<figure><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="${pad.l}" x2="${pad.l}" y1="${pad.t}" y2="${h - pad.b}" stroke="#999"/><line x1="${pad.l}" x2="${w - pad.r}" y1="${h - pad.b}" y2="${h - pad.b}" stroke="#999"/>` +
    `<text x="${pad.l - 4}" y="${pad.t + 8}" font-size="10" text-anchor="end">${esc(num(max))}</text>` +
    columns.join('') +
    refs.join('') +
    `</svg><figcaption>${esc(title)}</figcaption></figure>`
  );
}

/** A horizontal bar chart, one labelled row per bar, as SVG. */
function rowChart(title: string, bars: Bar[]): string {
  if (bars.length === 0 || bars.every((b) => b.value === 0)) return `<p class="empty">Geen gegevens voor ${esc(title.toLowerCase())}.</p>`;
  const w = 720;
  const row = 22;
  const labelW = 260;
  const max = Math.max(...bars.map((b) => b.value), 1e-9);
  const h = bars.length * row + 8;
  const rows = bars.map((b, i) => {
    const y = 4 + i * row;
    const bw = ((w - labelW - 90) * b.value) / max;
    return (
      `<text x="${labelW - 6}" y="${y + 14}" font-size="11" text-anchor="end">${esc(b.label)}</text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${bw}" height="${row - 8}" fill="${TONES[b.tone ?? 'ok']}"/>` +
      `<text x="${labelW + bw + 6}" y="${y + 14}" font-size="11">${esc(b.text)}</text>`
    );
  });
  return `<figure><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg">${rows.join('')}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}

function table(head: string[], rows: (string | number)[][]): string {
  if (rows.length === 0) return '<p class="empty">Geen.</p>';
  return (
    `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

/** The report as one self-contained, printable HTML page. */
export function serviceReportHtml(r: ServiceReport): string {
  const cap = r.capacity;
  const dayBars = cap.days.map((d) => ({
    label: d.date,
    value: d.peakUtilization ?? 0,
    text: `${pct(d.peakUtilization)}; ${d.warningBuckets} kwartier waarschuwing, ${d.overloadBuckets} kwartier overbelast`,
    tone: (d.overloadBuckets > 0 ? 'overload' : d.warningBuckets > 0 ? 'warning' : 'ok') as Bar['tone'],
  }));
  const incidents = r.incidents.available
    ? rowChart(
        'Incidenten binnen de oplostijd, per prioriteit',
        r.incidents.byPriority.map((i) => ({
          label: `${i.priority} (${i.total} gemeld, ${i.solved} opgelost)`,
          value: i.shareInTime ?? 0,
          text: pct(i.shareInTime),
        })),
      ) +
      table(
        ['Prioriteit', 'Gemeld', 'Opgelost', 'Binnen de tijd', 'Aandeel binnen de tijd'],
        r.incidents.byPriority.map((i) => [i.priority, i.total, i.solved, i.solvedInTime, pct(i.shareInTime)]),
      )
    : '<p class="empty">Niet beschikbaar: het incidentenbeheer is in deze installatie (nog) niet aanwezig.</p>';
  const calamities = r.calamities.available
    ? table(
        ['Calamiteit', 'Sinds', 'Status'],
        r.calamities.items.map((c) => [c.title, dt(c.start), c.status]),
      )
    : '<p class="empty">Niet beschikbaar.</p>';
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Service rapportage MijnOverheid ${esc(dt(r.from))} – ${esc(dt(r.to))}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.5rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:left}
th{background:#f2f2f2}figure{margin:.5rem 0;break-inside:avoid}figcaption{font-size:.85rem;color:#555}.empty{color:#555;font-style:italic}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}
@media print{body{margin:0;max-width:none}section{break-inside:avoid-page}}
</style></head><body>
<h1>Service rapportage MijnOverheid Berichtenbox</h1>
<p>Periode ${esc(dt(r.from))} tot ${esc(dt(r.to))} (${AMSTERDAM_TIME_ZONE}). Opgesteld door Logius op ${esc(dt(r.generatedAt))} voor het Operationeel Overleg.</p>
${r.afnemerName ? `<p><strong>Deel van ${esc(r.afnemerName)}</strong>: conflicten, incidenten, calamiteiten, RFC’s en verstoringsanalyses van deze Afnemer.</p>` : ''}
<section><h2>1. Capaciteitsgebruik</h2>
<dl><dt>Hoogste benutting</dt><dd>${esc(pct(cap.peakUtilization))}${cap.peakAt ? ` op ${esc(dt(cap.peakAt))}` : ''}</dd>
<dt>Kwartieren met waarschuwing</dt><dd>${esc(cap.warningBuckets)} (vanaf ${esc(pct(cap.warningLevel))})</dd>
<dt>Kwartieren overbelast</dt><dd>${esc(cap.overloadBuckets)} (boven ${esc(pct(cap.threshold))})</dd></dl>
${columnChart('Hoogste benutting per dag', dayBars, [
  { value: cap.threshold, label: `drempel ${pct(cap.threshold)}` },
  { value: cap.warningLevel, label: `waarschuwing ${pct(cap.warningLevel)}` },
])}
<h3>Onderhoud en releases</h3>
${table(
  ['Van', 'Tot', 'Soort', 'Capaciteit', 'Reden'],
  r.maintenance.map((m) => [dt(m.start), dt(m.end), m.kind, pct(m.factor), m.reason]),
)}
</section>
<section><h2>2. Conflicten</h2>
<dl><dt>Conflicten in de periode</dt><dd>${esc(r.conflicts.detected)}</dd><dt>Nog open</dt><dd>${esc(r.conflicts.open)}</dd><dt>Opgelost</dt><dd>${esc(r.conflicts.resolved)}</dd></dl>
<h3>Hoe ze eindigden</h3>
${table(
  ['Reden', 'Aantal'],
  r.conflicts.resolvedReasons.map((x) => [x.label, x.count]),
)}
${table(
  ['Opgelost in stap', 'Aantal'],
  r.conflicts.endedAtStep.map((x) => [x.label, x.count]),
)}
${rowChart(
  'Gemiddelde tijd per stap van de conflictprocedure (uren)',
  r.conflicts.stepDurations.map((s) => ({
    label: s.label,
    value: s.averageHours,
    text: `${num(s.averageHours)} u gem., max ${num(s.maxHours)} u (${s.conflicts})`,
  })),
)}
</section>
<section><h2>3. Incidenten</h2>${incidents}
${table(
  ['Incident', 'Titel', 'Prioriteit', 'Status', 'Gemeld', 'Opgelost', 'Binnen de tijd'],
  r.incidentList.map((i) => [
    i.number,
    i.title,
    i.priority,
    i.status,
    dt(i.reportedAt),
    dt(i.resolvedAt),
    i.resolvedInTime === null ? '–' : i.resolvedInTime ? 'ja' : 'nee',
  ]),
)}
<h3>Verstoringsanalyses</h3>
${table(
  ['Analyse', 'Incident', 'Afnemer', 'Aangevraagd', 'Opgeleverd'],
  r.disruptionAnalyses.map((d) => [d.id, d.incidentNumber, d.afnemerName, dt(d.requestedAt), dt(d.deliveredAt)]),
)}
</section>
<section><h2>4. Calamiteiten</h2>${calamities}</section>
<section><h2>5. Wijzigingen (RFC’s)</h2>
<dl><dt>Ingediend</dt><dd>${esc(r.rfcs.filed)}</dd><dt>Goedgekeurd door de CAB</dt><dd>${esc(r.rfcs.approved)}</dd><dt>Afgewezen</dt><dd>${esc(r.rfcs.rejected)}</dd><dt>Geïmplementeerd</dt><dd>${esc(r.rfcs.implemented)}</dd></dl>
${rowChart(
  'Ingediende RFC’s naar soort',
  r.rfcs.byKind.map((k) => ({ label: k.label, value: k.count, text: String(k.count) })),
)}
${table(
  ['Status (van de ingediende RFC’s)', 'Aantal'],
  r.rfcs.byStatus.map((k) => [k.label, k.count]),
)}
</section>
<section><h2>6. Releases</h2>
${table(
  ['Release', 'Van', 'Tot', 'Capaciteit', 'RFC’s'],
  r.releases.map((x) => [x.name, dt(x.start), dt(x.end), pct(x.factor), x.rfcCount]),
)}
</section>
<section><h2>7. Betrouwbaarheid prognoses</h2>
<p>Aangekondigde tegen werkelijk verzonden berichten per uur, tot ${esc(dt(r.accuracy.comparedUntil))}; de minst betrouwbare Afnemer bovenaan. Score 0–100 = 100 × (1 − volumefout) × (1 − aandeel onaangekondigd).</p>
${table(
  ['Afnemer', 'Score', 'Volumefout', 'Afwijking', 'Onaangekondigd', 'Aangekondigd', 'Werkelijk'],
  r.accuracy.afnemers.map((a) => [
    a.afnemerName,
    a.score,
    pct(a.volumeError),
    signedPct(a.bias),
    pct(a.unannouncedShare),
    num(Math.round(a.planned)),
    num(a.actual),
  ]),
)}
</section>
</body></html>`;
}

/** The report as CSV for Dutch Excel: one row per figure, (Sectie; Onderdeel; Waarde; Toelichting). */
export function serviceReportCsv(r: ServiceReport): string {
  const dec = (x: number | null) => (x === null ? '' : x.toLocaleString('nl-NL', { maximumFractionDigits: 4, useGrouping: false }));
  const rows: CsvValue[][] = [
    ['Sectie', 'Onderdeel', 'Waarde', 'Toelichting'],
    ['Periode', 'Van', r.from, ''],
    ['Periode', 'Tot', r.to, ''],
    ...(r.afnemerName ? [['Afnemer', r.afnemerName, r.afnemer ?? '', 'alleen het deel van deze Afnemer'] as CsvValue[]] : []),
    ['Capaciteit', 'Hoogste benutting', dec(r.capacity.peakUtilization), r.capacity.peakAt ?? ''],
    ['Capaciteit', 'Kwartieren met waarschuwing', r.capacity.warningBuckets, ''],
    ['Capaciteit', 'Kwartieren overbelast', r.capacity.overloadBuckets, ''],
    ...r.capacity.days.map((d) => [
      'Benutting per dag',
      d.date,
      dec(d.peakUtilization),
      `waarschuwing ${d.warningBuckets} kwartier; overbelast ${d.overloadBuckets} kwartier`,
    ]),
    ...r.maintenance.map((m) => ['Onderhoud', `${m.start} – ${m.end}`, dec(m.factor), `${m.kind}: ${m.reason}`]),
    ['Conflicten', 'In de periode', r.conflicts.detected, ''],
    ['Conflicten', 'Open', r.conflicts.open, ''],
    ['Conflicten', 'Opgelost', r.conflicts.resolved, ''],
    ...r.conflicts.resolvedReasons.map((x) => ['Conflicten opgelost door', x.label, x.count, '']),
    ...r.conflicts.endedAtStep.map((x) => ['Conflicten opgelost in stap', x.label, x.count, '']),
    ...r.conflicts.stepDurations.map((s) => [
      'Tijd per procedurestap (uren)',
      s.label,
      dec(s.averageHours),
      `max ${dec(s.maxHours)}; ${s.conflicts} conflicten`,
    ]),
    ...(r.incidents.available
      ? r.incidents.byPriority.map((i) => [
          'Incidenten',
          i.priority,
          i.total,
          `opgelost ${i.solved}; binnen de tijd ${i.solvedInTime}; aandeel ${dec(i.shareInTime)}`,
        ])
      : [['Incidenten', 'niet beschikbaar', '', '']]),
    ...(r.calamities.available
      ? [['Calamiteiten', 'Aantal', r.calamities.total, ''] as CsvValue[], ...r.calamities.items.map((c) => ['Calamiteit', c.title, c.status, c.start ?? ''])]
      : [['Calamiteiten', 'niet beschikbaar', '', '']]),
    ['RFC’s', 'Ingediend', r.rfcs.filed, ''],
    ['RFC’s', 'Goedgekeurd', r.rfcs.approved, ''],
    ['RFC’s', 'Afgewezen', r.rfcs.rejected, ''],
    ['RFC’s', 'Geïmplementeerd', r.rfcs.implemented, ''],
    ...r.rfcs.byKind.map((k) => ['RFC’s naar soort', k.label, k.count, '']),
    ...r.rfcs.byStatus.map((k) => ['RFC’s naar status', k.label, k.count, '']),
    ...r.releases.map((x) => ['Release', x.name, x.rfcCount, `${x.start} – ${x.end}; capaciteit ${dec(x.factor)}`]),
    ...r.incidentList.map((i) => ['Incident', i.number, i.priority, `${i.title}; ${i.status}; gemeld ${i.reportedAt}`]),
    ...r.disruptionAnalyses.map((d) => [
      'Verstoringsanalyse',
      d.incidentNumber,
      d.afnemerName,
      `aangevraagd ${d.requestedAt}; opgeleverd ${d.deliveredAt ?? '–'}`,
    ]),
    ...r.accuracy.afnemers.map((a) => [
      'Betrouwbaarheid prognoses (score 0–100)',
      a.afnemerName,
      a.score,
      `volumefout ${dec(a.volumeError)}; afwijking ${dec(a.bias)}; onaangekondigd ${dec(a.unannouncedShare)}; aangekondigd ${dec(Math.round(a.planned))}; werkelijk ${a.actual}; tot ${r.accuracy.comparedUntil}`,
    ]),
  ];
  return csvRows(rows);
}
