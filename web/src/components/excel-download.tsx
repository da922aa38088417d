import { useRef, useState } from 'react';
import { apiDownload } from '../lib/api-client';
import { useT } from '../lib/i18n';
import { errorMessage } from './feedback';

/** The text a cell shows, without its buttons (they are hidden for the moment of reading); whitespace collapsed. */
function shownText(el: HTMLElement): string {
  const controls = [...el.querySelectorAll<HTMLElement>('button, [data-export-skip]')];
  const before = controls.map((c) => c.style.display);
  for (const c of controls) c.style.display = 'none';
  // biome-ignore lint/performance/useDomNodeTextContent: innerText is the text as rendered (CSS applied), which is the point
  const text = el.innerText;
  controls.forEach((c, i) => {
    c.style.display = before[i]!;
  });
  return text.replace(/\s+/g, ' ').trim();
}

/** The table as it is shown: heads and body cells; a column of only buttons (with a hidden head) is left out. */
export function tableAsShown(table: HTMLTableElement): { columns: string[]; rows: string[][] } {
  const heads = [...(table.tHead?.rows[table.tHead.rows.length - 1]?.cells ?? [])];
  const body = [...table.tBodies].flatMap((b) => [...b.rows]).filter((r) => !r.hidden && !r.hasAttribute('data-export-skip') && r.offsetParent !== null);
  const rows = body.map((r) => [...r.cells].map(shownText));
  const columns = heads.map((h) => shownText(h));
  const onlyHidden = (h: HTMLTableCellElement) => h.querySelector('.visually-hidden')?.textContent?.trim() === h.textContent?.trim();
  const keep = columns.map((_, i) => !(onlyHidden(heads[i]!) && rows.every((r) => !r[i])));
  const keepIdx = keep.map((k, i) => (k ? i : -1)).filter((i) => i >= 0);
  const visibleHead = columns.map((c, i) => c || heads[i]!.textContent?.trim() || '');
  return { columns: keepIdx.map((i) => visibleHead[i]!), rows: rows.map((r) => keepIdx.map((i) => r[i] ?? '')) };
}

/** The filter controls of the panel around the table, as "Label: value; …" (what the table is filtered by). */
function filtersShown(scope: Element, table: HTMLTableElement): string {
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
export function ExcelDownload({ title }: { title: string }) {
  const t = useT();
  const ref = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    const scope = ref.current?.closest('[data-export-scope], .panel') ?? document.body;
    const table = scope.querySelector('table');
    if (!table) return setError(t('export.noTable'));
    setBusy(true);
    setError(null);
    try {
      await apiDownload('/exports/xlsx', { title, ...tableAsShown(table), filters: filtersShown(scope, table) }, 'tabel.xlsx');
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
