// `pnpm bench`: the planning core's detection benchmark, the end-to-end figures on a real database, then
// memory and event-loop figures for parsing a huge Excel upload.
import { run as planning } from './planning.js';
import { run as detection } from './detection.js';
import { run as api } from './api.js';
import { run as loadCold } from './load-cold.js';
import { run as levelling } from './levelling.js';
import { run as blocking } from './blocking.js';
import { run as xlsx } from './xlsx.js';
import { run as ingest } from './ingest.js';
import { run as webDrag } from './web-drag.js';

console.log('== Planningskern (zuiver, in het geheugen)');
await planning({ print: true });
await detection({ print: true });
console.log('\n== API op PostgreSQL');
await api({ print: true });
console.log('\n== GET /load koud na een aanlevering, met een jaar werkelijke aantallen');
await loadCold({ print: true });
console.log('\n== Bulkaanlevering tegen COPY, en conflictadministratie');
await ingest({ print: true });
console.log('\n== Nivellering: een jaar van 50.000 vensters');
await levelling({ print: true });
console.log('\n== Andere gebruikers tijdens een pathologische aanlevering');
await blocking({ print: true });
console.log('\n== Excel-upload: 580.000 regels (geweigerd bij regel 100.001) en 100.000 regels');
await xlsx({ print: true });
console.log('\n== Web: slepen om te zoomen (lange taken in Chromium)');
await webDrag({ print: true });
process.exit(0);
