// The one sleep that a cancellation cuts short, for retry backoff and polling in the core
// (PlanetScale API retries, SSM result polling). Pure: no timers survive an abort.

/**
 * Resolves after `ms`; rejects as soon as `signal` aborts (at once if it already has), with
 * `abortError()` when given (a message in the caller's words) or else the signal's reason.
 */
export function abortableSleep(ms: number, signal?: AbortSignal, abortError?: () => Error): Promise<void> {
  const reason = () => (abortError ? abortError() : signal?.reason);
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(reason());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(reason());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
