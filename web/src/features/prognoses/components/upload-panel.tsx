import { ConflictEffectLists, ConflictEffectStats } from '../../../components/conflict-effect';
import type { DryRunResult, UploadResult } from '@cd/shared';
import { type DragEvent, useId, useRef, useState } from 'react';
import { errorMessage, Notice } from '../../../components/feedback';
import { ProgressBar } from '../../../components/progress-bar';
import { ApiError, apiUrl, type ProblemRowError, type UploadProgress } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { useUploadPrognoses, useUploadPrognosesDryRun } from '../api/upload-prognoses';
import { ScrollRegion } from '../../../components/scroll-region';

const MAX_BYTES = 20 * 1024 * 1024;

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking'; file: File; progress: UploadProgress | null }
  | { kind: 'invalid'; file: File | null; message: string; errors: ProblemRowError[] }
  | { kind: 'preview'; file: File; result: DryRunResult }
  | { kind: 'saving'; file: File; progress: UploadProgress | null }
  | { kind: 'saved'; file: File; result: UploadResult; preview: DryRunResult | null };

/**
 * Delivering a prognosis: drop or choose a file, see what it would do to the conflicts (a dry run), then store
 * it. Rejected files show their errors row by row. Upload progress comes from XMLHttpRequest.
 */
export function UploadPanel() {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const dryRun = useUploadPrognosesDryRun();
  const upload = useUploadPrognoses();

  const fail = (file: File | null, err: unknown) => {
    const errors = err instanceof ApiError ? err.errors : [];
    setPhase({ kind: 'invalid', file, message: errorMessage(err, t), errors });
  };

  const check = (file: File) => {
    if (!/\.(csv|xlsx|txt)$/i.test(file.name)) {
      setPhase({ kind: 'invalid', file, message: t('upload.wrongType', { name: file.name }), errors: [] });
      return;
    }
    if (file.size > MAX_BYTES) {
      setPhase({ kind: 'invalid', file, message: t('upload.tooLarge'), errors: [] });
      return;
    }
    setPhase({ kind: 'checking', file, progress: null });
    dryRun.mutate(
      { file, onProgress: (progress) => setPhase((p) => (p.kind === 'checking' ? { ...p, progress } : p)) },
      { onSuccess: (result) => setPhase({ kind: 'preview', file, result }), onError: (err) => fail(file, err) },
    );
  };

  const save = (file: File, preview: DryRunResult | null) => {
    setPhase({ kind: 'saving', file, progress: null });
    upload.mutate(
      { file, onProgress: (progress) => setPhase((p) => (p.kind === 'saving' ? { ...p, progress } : p)) },
      { onSuccess: (result) => setPhase({ kind: 'saved', file, result, preview }), onError: (err) => fail(file, err) },
    );
  };

  const reset = () => {
    setPhase({ kind: 'idle' });
    if (inputRef.current) inputRef.current.value = '';
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) check(file);
  };

  const busy = phase.kind === 'checking' || phase.kind === 'saving';

  return (
    <div className="upload">
      <div
        className={`dropzone ${dragging ? 'dropzone--active' : ''} ${busy ? 'dropzone--busy' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          if (!dragging) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <svg className="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 3 7 8h3v6h4V8h3l-5-5Zm-7 14v4h14v-4h-2v2H7v-2H5Z" fill="currentColor" />
        </svg>
        <p className="dropzone__text">{t('upload.dropHere')}</p>
        <label htmlFor={inputId} className="visually-hidden">
          {t('upload.chooseLabel')}
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="visually-hidden"
          type="file"
          tabIndex={-1}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) check(file);
          }}
          data-testid="upload-input"
        />
        <button type="button" className="button button--primary" disabled={busy} onClick={() => inputRef.current?.click()}>
          {t('upload.choose')}
        </button>
        <p className="dropzone__hint">
          {t('upload.formats')}{' '}
          <a href={apiUrl('/prognoses/template.csv')} download>
            {t('upload.templateCsv')}
          </a>{' '}
          ·{' '}
          <a href={apiUrl('/prognoses/template.xlsx')} download>
            {t('upload.templateXlsx')}
          </a>
        </p>
      </div>

      <div className="upload__status" aria-live="polite">
        {phase.kind === 'checking' && <UploadProgressBar label={t('upload.checking', { name: phase.file.name })} file={phase.file} progress={phase.progress} />}
        {phase.kind === 'saving' && <UploadProgressBar label={t('upload.saving', { name: phase.file.name })} file={phase.file} progress={phase.progress} />}
        {phase.kind === 'preview' && <DryRunPreview file={phase.file} result={phase.result} onSave={() => save(phase.file, phase.result)} onCancel={reset} />}
        {phase.kind === 'saved' && <SavedResult result={phase.result} preview={phase.preview} onAnother={reset} />}
      </div>
      {phase.kind === 'invalid' && <RejectedFile message={phase.message} errors={phase.errors} fileName={phase.file?.name ?? null} onAnother={reset} />}
    </div>
  );
}

function UploadProgressBar({ label, file, progress }: { label: string; file: File; progress: UploadProgress | null }) {
  const t = useT();
  const f = useFormat();
  const sent = progress ? progress.loaded / Math.max(1, progress.total) : 0;
  const done = progress !== null && sent >= 1;
  return (
    <ProgressBar
      label={done ? t('upload.processing') : label}
      value={done ? null : sent}
      detail={done ? undefined : `${f.number(Math.round((progress?.loaded ?? 0) / 1024))} / ${f.number(Math.round(file.size / 1024))} kB`}
    />
  );
}

function DryRunPreview({ file, result, onSave, onCancel }: { file: File; result: DryRunResult; onSave: () => void; onCancel: () => void }) {
  const t = useT();
  const f = useFormat();
  const nothing = result.created.length + result.worsened.length + result.solved.length + result.eased.length === 0;
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h3 id="preview-title">{t('upload.previewTitle')}</h3>
      <p>{t('upload.previewLead', { name: file.name, rows: f.number(result.rowCount) })}</p>
      <ConflictEffectStats effect={result} testId="dryrun" eased />
      {nothing && <Notice kind="success">{t('upload.noEffect')}</Notice>}
      <ConflictEffectLists effect={result} createdTitle={t('upload.createdTitle')} createdHelp={t('upload.createdHelp')} />
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onSave}>
          {t('upload.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('upload.cancel')}
        </button>
      </div>
    </section>
  );
}

function SavedResult({ result, preview, onAnother }: { result: UploadResult; preview: DryRunResult | null; onAnother: () => void }) {
  const t = useT();
  const f = useFormat();
  return (
    <Notice kind="success" title={t('upload.savedTitle')} role="status">
      <p>
        {t('upload.savedBody', {
          rows: f.number(result.rowCount),
          created: f.number(result.created),
          updated: f.number(result.updated),
          unchanged: f.number(result.unchanged),
        })}
      </p>
      {preview && preview.created.length + preview.worsened.length > 0 && <p>{t('upload.savedConflicts')}</p>}
      <div className="actions">
        {preview && preview.created.length + preview.worsened.length > 0 && (
          <Link to="/conflicten" className="button button--primary">
            {t('upload.toConflicts')}
          </Link>
        )}
        <Link to="/verzendmomenten" className="button button--secondary">
          {t('upload.toWindows')}
        </Link>
        <button type="button" className="button button--secondary" onClick={onAnother}>
          {t('upload.another')}
        </button>
      </div>
    </Notice>
  );
}

function RejectedFile({
  message,
  errors,
  fileName,
  onAnother,
}: {
  message: string;
  errors: ProblemRowError[];
  fileName: string | null;
  onAnother: () => void;
}) {
  const t = useT();
  const f = useFormat();
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{fileName ? t('upload.rejectedTitle', { name: fileName }) : t('upload.rejectedTitleNoName')}</p>
      <p>{message}</p>
      {errors.length > 0 && (
        <ScrollRegion label={t('upload.errorsCaption', { n: f.number(errors.length) })} className="table-scroll--limited">
          <table className="table table--compact">
            <caption>{t('upload.errorsCaption', { n: f.number(errors.length) })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('upload.errRow')}
                </th>
                <th scope="col">{t('upload.errField')}</th>
                <th scope="col">{t('upload.errMessage')}</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                <tr key={i}>
                  <td className="num">{e.row ?? '–'}</td>
                  <td>{e.field}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p>{t('upload.rejectedHelp')}</p>
      <button type="button" className="button button--secondary" onClick={onAnother}>
        {t('upload.another')}
      </button>
    </div>
  );
}
