import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClaimDocument, uploadDocument, useDeleteDocument } from '../../../api/aid';
import { ApiError, NetworkError } from '../../../api/client';
import { CheckIcon, CrossIcon } from '../../../components/Icons';
import { CameraIcon, FileIcon } from './AidBits';

const MAX_BYTES = 10 * 1024 * 1024;

interface Job {
  key: number;
  file: File;
  progress: number;
  state: 'uploading' | 'failed';
  error?: string;
  /** false when trying again cannot help (the file is too large or of the wrong kind) */
  retryable: boolean;
  /** the upload never got an answer (no signal): it is sent again by itself, at once when the phone is online again */
  network?: boolean;
  attempts?: number;
}

/** Automatic tries of an upload that got no answer while the phone believes it is online (a weak signal). */
const AUTO_TRIES = 3;

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

let serial = 0;

/**
 * One kind of document (photos of the damage, the property manager's certificate …): what is uploaded, what is on
 * its way with its progress, what failed with a retry; the phone camera or a file to add more.
 */
export function DocumentSlot({
  claimId,
  code,
  label,
  hint,
  required,
  documents,
  editable,
  highlight,
}: {
  claimId: string;
  code: string;
  label: string;
  hint?: string | null;
  required: boolean;
  documents: ClaimDocument[];
  editable: boolean;
  highlight: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const remove = useDeleteDocument(claimId);
  const [jobs, setJobs] = useState<Job[]>([]);
  const done = documents.length > 0;

  const patch = (key: number, change: Partial<Job>) =>
    setJobs((list) => list.map((j) => (j.key === key ? { ...j, ...change } : j)));

  const send = (job: Job) => {
    patch(job.key, { state: 'uploading', progress: 0, error: undefined });
    uploadDocument(claimId, code, job.file, (fraction) => patch(job.key, { progress: fraction }))
      .then(async () => {
        await client.invalidateQueries({ queryKey: ['aid', 'claim', claimId] });
        setJobs((list) => list.filter((j) => j.key !== job.key));
      })
      .catch((err: unknown) => {
        const message = err instanceof ApiError ? err.problem.errors?.[0]?.message || err.message : t('common.network');
        const retryable = !(err instanceof ApiError && [413, 415, 422].includes(err.status));
        const network = err instanceof NetworkError;
        const attempts = (job.attempts ?? 0) + 1;
        patch(job.key, { state: 'failed', error: message, retryable, network, attempts });
        if (network && navigator.onLine && attempts < AUTO_TRIES) {
          setTimeout(() => {
            if (latest.current.some((j) => j.key === job.key && j.state === 'failed')) send({ ...job, attempts });
          }, 2000 * attempts);
        }
      });
  };

  // uploads that failed for want of a signal go again when it returns
  const latest = useRef(jobs);
  latest.current = jobs;
  // biome-ignore lint/correctness/useExhaustiveDependencies: send reads the latest jobs through the ref
  useEffect(() => {
    const again = () => {
      for (const j of latest.current) if (j.state === 'failed' && j.network) send({ ...j, attempts: 0 });
    };
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [claimId, code]);

  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = ''; // the same photo can be picked again after a failure
    for (const file of files) {
      const job: Job = { key: ++serial, file, progress: 0, state: 'uploading', retryable: true };
      if (file.size > MAX_BYTES) {
        setJobs((list) => [...list, { ...job, state: 'failed', error: t('aid.docs.tooLarge'), retryable: false }]);
        continue;
      }
      setJobs((list) => [...list, job]);
      send(job);
    }
  };

  return (
    <section
      className={`uc-slot${done ? ' is-done' : ''}${highlight ? ' is-missing' : ''}`}
      aria-labelledby={`slot-${code}`}
      data-testid={`slot-${code}`}
      data-uploaded={done}
    >
      <div className="uc-slot-head">
        <h3 id={`slot-${code}`} className="uc-slot-title">
          {label}
        </h3>
        {required && (
          <span className={`uc-slot-state${done ? ' is-done' : ''}`}>
            {done ? <CheckIcon /> : <CrossIcon />}
            {done ? t('aid.docs.have') : t('aid.docs.need')}
          </span>
        )}
      </div>
      {hint && <p className="uc-slot-hint">{hint}</p>}

      {(documents.length > 0 || jobs.length > 0) && (
        <ul className="uc-files">
          {documents.map((d) => (
            <li key={d.id} className="uc-file" data-state="uploaded">
              <FileIcon className="uc-file-icon" />
              <span className="uc-file-name">
                {d.fileName}
                <small>
                  {size(d.sizeBytes)} · {t('aid.docs.uploaded')}
                </small>
              </span>
              {editable && (
                <button
                  type="button"
                  className="uc-file-action"
                  aria-label={t('aid.docs.removeLabel', { name: d.fileName })}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(d.id)}
                >
                  {t('aid.docs.remove')}
                </button>
              )}
            </li>
          ))}
          {jobs.map((j) => (
            <li key={j.key} className="uc-file" data-state={j.state}>
              <FileIcon className="uc-file-icon" />
              <span className="uc-file-name">
                {j.file.name}
                {j.state === 'uploading' ? (
                  <>
                    <small aria-live="polite">
                      {t('aid.docs.uploading', { percent: Math.round(j.progress * 100) })}
                    </small>
                    <progress className="uc-progress" max={1} value={j.progress} aria-label={j.file.name} />
                  </>
                ) : (
                  <small className="uc-file-error" role="alert">
                    {t('aid.docs.failed', { message: j.error })}
                  </small>
                )}
              </span>
              {j.state === 'failed' && (
                <span className="uc-file-actions">
                  {j.retryable && (
                    <button type="button" className="uc-file-action is-primary" onClick={() => send(j)}>
                      {t('aid.docs.retry')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="uc-file-action"
                    aria-label={t('aid.docs.removeLabel', { name: j.file.name })}
                    onClick={() => setJobs((list) => list.filter((x) => x.key !== j.key))}
                  >
                    {t('aid.docs.remove')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      {editable && (
        <div className="uc-slot-buttons">
          <label className="uc-button uc-button-primary uc-pick">
            <CameraIcon aria-hidden="true" />
            {t('aid.docs.takePhoto')}
            <input
              type="file"
              accept="image/*,application/pdf"
              capture="environment"
              className="uc-pick-input"
              aria-label={t('aid.docs.takePhotoFor', { label })}
              data-testid={`camera-${code}`}
              onChange={onPick}
            />
          </label>
          <label className="uc-button uc-button-secondary uc-pick">
            <FileIcon aria-hidden="true" />
            {t('aid.docs.chooseFile')}
            <input
              type="file"
              accept="image/*,application/pdf"
              multiple
              className="uc-pick-input"
              aria-label={t('aid.docs.chooseFileFor', { label })}
              data-testid={`file-${code}`}
              onChange={onPick}
            />
          </label>
        </div>
      )}
    </section>
  );
}
