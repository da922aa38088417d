import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A page's heading. It takes focus when the page opens, so keyboard and screen-reader users land on the new
 * content after navigating, and it names the page in the browser's title.
 */
export function PageTitle({ children, title, lead }: { children: ReactNode; title: string; lead?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Capaciteitsdashboard`;
  }, [title]);
  useEffect(() => {
    // Only move focus on navigation inside the app, not on the very first load.
    if (document.activeElement && document.activeElement !== document.body) ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <div className="page-title">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {lead && <p className="page-title__lead">{lead}</p>}
    </div>
  );
}

export function Section({
  title,
  id,
  children,
  actions,
  className,
}: {
  title: string;
  id: string;
  children: ReactNode;
  actions?: ReactNode;
  className?: string;
}) {
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={id}>
      <div className="panel__header">
        <h2 id={id}>{title}</h2>
        {actions && <div className="panel__actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
