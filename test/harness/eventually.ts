// The one polling wait of every test layer (integration, extension host, journey): tests wait on
// a condition, never on a fixed sleep, so a busy machine only makes them slower, not flaky.

/**
 * Polls `check` until it returns a value other than undefined, and returns it. A throw counts as
 * "not yet" (a command that fails until the extension is ready); when time is up the error names
 * `what` and the last throw.
 */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
