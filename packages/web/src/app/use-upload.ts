import { useCallback, useRef, useState } from 'react';
import { ApiRequestError, uploadFile } from '../api/client.js';
import type { UploadInfo } from '../api/types.js';
import type { ShownError } from '../ui/error-message.js';
import type { UploadState } from './upload-progress.js';

/** What happens around an upload. */
export interface UploadCallbacks {
  onStart(): void;
  onDone(info: UploadInfo): void;
  onFail(notice: ShownError & { tone?: 'error' | 'warning' }): void;
}

/** Uploads one file at a time with progress; Cancel stops it and says so. */
export function useUpload(callbacks: UploadCallbacks) {
  const [upload, setUpload] = useState<UploadState | null>(null);
  const latest = useRef(callbacks);
  latest.current = callbacks;
  const startUpload = useCallback((file: File) => {
    const startedAt = Date.now();
    const job = uploadFile(file, (sent, total) =>
      setUpload((u) => (u ? { ...u, sent, total, now: Date.now() } : u)),
    );
    let cancelled = false;
    latest.current.onStart();
    setUpload({
      fileName: file.name,
      sent: 0,
      total: file.size,
      startedAt,
      now: startedAt,
      abort: () => {
        cancelled = true;
        job.abort();
      },
    });
    job.done.then(
      (info) => {
        setUpload(null);
        latest.current.onDone(info);
      },
      (err: unknown) => {
        setUpload(null);
        latest.current.onFail(
          cancelled
            ? {
                message: `The upload of ${file.name} was cancelled; nothing was imported.`,
                hints: [],
                tone: 'warning',
              }
            : err instanceof ApiRequestError
              ? err.info
              : { message: `The upload of ${file.name} failed.`, hints: ['Try again.'] },
        );
      },
    );
  }, []);
  return { upload, startUpload };
}
