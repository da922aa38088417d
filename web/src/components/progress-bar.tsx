import { useId } from 'react';

/** A labelled progress bar; without a value it shows as busy (indeterminate). */
export function ProgressBar({ label, value, detail }: { label: string; value: number | null; detail?: string }) {
  const id = useId();
  return (
    <div className="progress">
      <div className="progress__label">
        <label htmlFor={id}>{label}</label>
        {detail && <span className="progress__detail">{detail}</span>}
      </div>
      {value === null ? <progress id={id} /> : <progress id={id} max={100} value={Math.round(value * 100)} />}
    </div>
  );
}
