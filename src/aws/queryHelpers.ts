// Small helpers shared by the EC2 query modules.

/** Request options the SDK's `send` (and the paginators, which forward them) understand. */
export function sendOptions(signal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return signal ? { abortSignal: signal } : {};
}

/** The SDK checks its signal per request; this also stops between pages and before the first. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const err = new Error('The request was cancelled.');
    err.name = 'AbortError';
    throw err;
  }
}

/** Splits ids into batches small enough for one filter (EC2 caps filter values at 200). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}

/** Drains an SDK paginator, checking the signal between pages. */
export async function collectPages<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined, signal: AbortSignal | undefined): Promise<T[]> {
  throwIfAborted(signal);
  const items: T[] = [];
  for await (const page of pages) {
    items.push(...(pick(page) ?? []));
    throwIfAborted(signal);
  }
  return items;
}
