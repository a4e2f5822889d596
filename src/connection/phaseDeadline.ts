// A bounded wait for one verification phase: the work, a timer, and the run's AbortSignal.
// Whoever loses the race is cleaned up (sockets destroyed, DNS queries cancelled).

export class PhaseTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${formatSeconds(timeoutMs)}`);
    this.name = 'PhaseTimeoutError';
  }
}

export class PhaseCancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PhaseCancelledError';
  }
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Resolves with `work` unless `timeoutMs` passes or `signal` aborts first; then `cleanup` runs and
 * the promise rejects with PhaseTimeoutError or PhaseCancelledError.
 */
export function withDeadline<T>(work: Promise<T>, timeoutMs: number, signal: AbortSignal | undefined, cleanup: () => void): Promise<T> {
  if (signal?.aborted) {
    cleanup();
    work.catch(() => undefined);
    return Promise.reject(new PhaseCancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => finish(() => {
      cleanup();
      reject(new PhaseCancelledError());
    });
    const timer = setTimeout(() => finish(() => {
      cleanup();
      reject(new PhaseTimeoutError(timeoutMs));
    }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
