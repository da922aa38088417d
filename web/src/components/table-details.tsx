import { type ReactNode, useState } from 'react';
import { useT } from '../lib/i18n';
import { ScrollRegion } from './scroll-region';

/**
 * The table alternative of a chart, folded away under a <details>. Its content is rendered only once opened,
 * so a large table costs nothing until someone asks for it.
 */
export function TableDetails({ summary, children }: { summary?: string; children: () => ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <details className="table-details" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{summary ?? t('chart.showTable')}</summary>
      {open && <ScrollRegion label={summary ?? t('chart.showTable')}>{children()}</ScrollRegion>}
    </details>
  );
}
