import { useRef, useState } from 'react';
import { apiDownload } from '../lib/api-client';
import { useT } from '../lib/i18n';
import { errorMessage } from './feedback';

/**
 * The text a cell shows, whitespace collapsed: decorative marks (aria-hidden) left out, and in a body cell its buttons
 * too (they are hidden for the moment of reading); a head keeps its sort button, whose text is the column's name.
 */
function shownText(el: HTMLElement, keepButtons = false): string {
  const controls = [
    ...el.querySelectorAll<HTMLElement>(keepButtons ? '[aria-hidden="true"], [data-export-skip]' : 'button, [aria-hidden="true"], [data-export-skip]'),
  ];
  const before = controls.map((c) => c.getAttribute('style'));
  for (const c of controls) c.style.setProperty('display', 'none', 'important');
  // biome-ignore lint/performance/useDomNodeTextContent: innerText is the text as rendered (CSS applied), which is the point
  const text = el.innerText;
  controls.forEach((c, i) => {
    if (before[i] === null) c.removeAttribute('style');
    else c.setAttribute('style', before[i]!);
  });
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The tables as they are shown: the heads of the first, the body rows of all (a grouped list is one table per
 * group, with the same columns); a column of only buttons (with a hidden head) is left out.
 */
export function tableAsShown(tables: HTMLTableElement[]): { columns: string[]; rows: string[][] } {
  const first = tables[0]!;
  const heads = [...(first.tHead?.rows[first.tHead.rows.length - 1]?.cells ?? [])];
  const body = tables
    .flatMap((table) => [...table.tBodies].flatMap((b) => [...b.rows]))
    .filter((r) => !r.hidden && !r.hasAttribute('data-export-skip') && r.offsetParent !== null);
  const rows = body.map((r) => [...r.cells].map((cell) => shownText(cell)));
  const columns = heads.map((h) => shownText(h, true));
  const onlyHidden = (h: HTMLTableCellElement) => h.querySelector('.visually-hidden')?.textContent?.trim() === h.textContent?.trim();
  const keep = columns.map((c, i) => !((c === '' || onlyHidden(heads[i]!)) && rows.every((r) => !r[i])));
  const keepIdx = keep.map((k, i) => (k ? i : -1)).filter((i) => i >= 0);
  const visibleHead = columns.map((c, i) => c || heads[i]!.textContent?.trim() || '');
  return { columns: keepIdx.map((i) => visibleHead[i]!), rows: rows.map((r) => keepIdx.map((i) => r[i] ?? '')) };
}

/** A list shown instead of a table (one item per row): each paragraph of an item is a cell, under `columns`. */
function listAsShown(list: HTMLElement, columns: string[]): { columns: string[]; rows: string[][] } {
  const rows = [...list.children].map((li) => [...li.querySelectorAll<HTMLElement>('p')].map((p) => shownText(p)).slice(0, columns.length));
  return { columns, rows };
}

/** The filter controls of the panel around the table, as "Label: value; …" (what the table is filtered by). */
function filtersShown(scope: Element, table: HTMLElement): string {
  const controls = [...scope.querySelectorAll<HTMLInputElement | HTMLSelectElement>('select, input')].filter(
    (c) => !table.contains(c) && !c.closest('dialog, [role="dialog"], form[data-export-skip]') && c.type !== 'hidden' && c.type !== 'file',
  );
  return controls
    .map((c) => {
      const label = (c.labels?.[0]?.textContent ?? c.getAttribute('aria-label') ?? c.name).replace(/\s+/g, ' ').trim();
      const value =
        c instanceof HTMLSelectElement ? (c.selectedOptions[0]?.text ?? '') : c.type === 'checkbox' || c.type === 'radio' ? (c.checked ? 'ja' : '') : c.value;
      return value ? `${label}: ${value}` : '';
    })
    .filter(Boolean)
    .join('; ');
}

/**
 * "Download als Excel" for the table in the same panel (decision 013): sends that table as shown, with the panel's
 * filters, to the server's one XLSX writer, and saves the file. Put it anywhere inside the table's `.panel`.
 */
export function ExcelDownload({
  title,
  columns,
}: {
  title: string /** For a list instead of a table: the names of its items' paragraphs. */;
  columns?: string[];
}) {
  const t = useT();
  const ref = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    const scope = ref.current?.closest('[data-export-scope], .panel') ?? document.body;
    const tables = [...scope.querySelectorAll('table')].filter((x) => !x.closest('dialog, [role="dialog"]') && x.offsetParent !== null);
    const list = columns ? scope.querySelector<HTMLElement>('ul, ol') : null;
    const shown = tables.length > 0 ? tableAsShown(tables) : list && columns ? listAsShown(list, columns) : null;
    if (!shown) return setError(t('export.noTable'));
    setBusy(true);
    setError(null);
    try {
      await apiDownload('/exports/xlsx', { title, ...shown, filters: filtersShown(scope, tables[0] ?? list!) }, 'tabel.xlsx');
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="excel-download no-print">
      <button ref={ref} type="button" className="button button--secondary button--small" onClick={() => void download()} disabled={busy}>
        {busy ? t('common.busy') : t('export.excel')}
        <span className="visually-hidden">: {title}</span>
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
