/**
 * Hostile-input figures for the Excel upload: a 580,000-row workbook (a sheet of almost 200 MB in a zip of
 * about 20 MB or less, written here with exceljs' streaming writer into the temp directory, never committed)
 * must be refused at row 100,001 with bounded memory, and a full 100,000-row workbook must parse. Each
 * parse runs in a fresh child process, so the peak memory above idle is that of the parse alone.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { zipCentralDirectoryRead } from '../server/src/lib/prognose-xlsx.js';
import { prognoseWorkbookSampleWrite } from '../server/src/lib/prognose-xlsx-sample.js';

export const XLSX_PEAK_TARGET_MB = 300;

export interface XlsxMeasurement {
  ok: boolean;
  tooManyRows: boolean;
  rows: number;
  firstError: string | null;
  ms: number;
  lastLineRead: number;
  fileBytes: number;
  rssAboveIdleMb: number;
  heapAboveIdleMb: number;
  maxEventLoopGapMs: number;
}

const measureScript = fileURLToPath(new URL('./xlsx-measure.ts', import.meta.url));

async function measure(file: string): Promise<XlsxMeasurement> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', measureScript, file], {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as XlsxMeasurement;
}

export async function run(options: { print?: boolean; rows?: number } = {}) {
  const print = options.print ?? true;
  const log = (m: string) => print && console.log(m);
  const dir = await mkdtemp(join(tmpdir(), 'cd-bench-xlsx-'));
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  try {
    const results: Record<string, XlsxMeasurement> = {};
    for (const rows of [options.rows ?? 580_000, 100_000]) {
      const file = join(dir, `prognose-${rows}.xlsx`);
      const written = performance.now();
      await prognoseWorkbookSampleWrite(file, rows);
      const zip = await readFile(file);
      const sheet = zipCentralDirectoryRead(zip)?.find((entry) => entry.name === 'xl/worksheets/sheet1.xml');
      log(
        `${rows.toLocaleString('nl-NL')} regels geschreven in ${((performance.now() - written) / 1000).toFixed(1)} s: ` +
          `werkblad ${((sheet?.uncompressedSize ?? 0) / 1024 / 1024).toFixed(0)} MB in een zip van ${(zip.length / 1024 / 1024).toFixed(1)} MB`,
      );
      const m = await measure(file);
      results[rows] = m;
      const outcome = m.ok ? `${m.rows.toLocaleString('nl-NL')} vensters gelezen` : m.tooManyRows ? 'geweigerd (te veel regels)' : `fout: ${m.firstError}`;
      log(
        `  parse: ${outcome} in ${m.ms.toFixed(0)} ms, gestopt na rij ${m.lastLineRead.toLocaleString('nl-NL')}; ` +
          `piek boven rust: RSS ${mb(m.rssAboveIdleMb)}, heap ${mb(m.heapAboveIdleMb)} (doel < ${XLSX_PEAK_TARGET_MB} MB); ` +
          `langste blokkade van de event loop ${m.maxEventLoopGapMs.toFixed(0)} ms`,
      );
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
