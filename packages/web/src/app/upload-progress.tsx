import { formatBytes, formatDuration } from '../format/format.js';

/** An upload in progress: bytes sent of total, percent, elapsed time, Cancel. */
export interface UploadState {
  fileName: string;
  sent: number;
  total: number;
  startedAt: number;
  now: number;
  abort(): void;
}

/** The progress bar shown while a file travels to the server. */
export function UploadProgress({ upload }: { upload: UploadState }) {
  const pct = upload.total > 0 ? Math.min((upload.sent / upload.total) * 100, 100) : 0;
  return (
    <div className="upload-progress" role="status" aria-live="polite" data-testid="upload-progress">
      <div>
        Uploading <strong>{upload.fileName}</strong>: {formatBytes(upload.sent)} of{' '}
        {formatBytes(upload.total)} ({Math.round(pct)}%) · {formatDuration(upload.now - upload.startedAt)}
      </div>
      <progress max={100} value={pct} aria-label={`Upload of ${upload.fileName}`} />
      <button type="button" className="btn small" onClick={upload.abort}>
        Cancel
      </button>
    </div>
  );
}
