// How long the PlanetScale client waits before retrying a 429/5xx or a network failure: the
// server's Retry-After when it gives one, else exponential backoff with jitter, always capped.

/** The delay before retry number `attempt` (1-based), in ms. */
export function retryDelay(attempt: number, retryAfter: string | null, baseDelayMs: number, maxDelayMs: number): number {
  const fromServer = parseRetryAfter(retryAfter);
  const exponential = baseDelayMs * 2 ** (attempt - 1);
  // Jitter spreads retries of concurrent refreshes (one per region/org) apart.
  const jittered = exponential + Math.random() * baseDelayMs;
  return Math.min(maxDelayMs, fromServer ?? jittered);
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) {
    return null;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
