import { useCallback, useEffect, useRef, useState } from 'react';

/** The state of one cancellable call: when it started (null when idle), the time so far, and how to stop it. */
export interface SendState {
  startedAt: number | null;
  elapsedMs: number;
  /** Runs `work` with a fresh AbortSignal (a call already running is cancelled first). */
  run<T>(
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; error: unknown; cancelled: boolean }>;
  cancel(): void;
}

/** A call the user waits for: elapsed time ticking, Cancel and Esc abort it, leaving the page aborts it too. */
export function useSend(): SendState {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [elapsedMs, setElapsed] = useState(0);
  const inFlight = useRef<AbortController | null>(null);

  useEffect(() => {
    if (startedAt === null) return;
    const t = setInterval(() => setElapsed(Date.now() - startedAt), 200);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') inFlight.current?.abort();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearInterval(t);
      window.removeEventListener('keydown', onKey);
    };
  }, [startedAt]);
  useEffect(() => () => inFlight.current?.abort(), []);

  const run = useCallback(async <T>(work: (signal: AbortSignal) => Promise<T>) => {
    inFlight.current?.abort();
    const abort = new AbortController();
    inFlight.current = abort;
    setStartedAt(Date.now());
    setElapsed(0);
    try {
      return { ok: true as const, value: await work(abort.signal) };
    } catch (error) {
      return { ok: false as const, error, cancelled: abort.signal.aborted };
    } finally {
      if (inFlight.current === abort) {
        inFlight.current = null;
        setStartedAt(null);
      }
    }
  }, []);
  const cancel = useCallback(() => inFlight.current?.abort(), []);
  return { startedAt, elapsedMs, run, cancel };
}
