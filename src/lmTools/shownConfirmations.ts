// What prepareInvocation showed the user, kept until invoke. Pure, so it is unit-tested.

/**
 * What prepareInvocation showed the user, by input, so invoke runs exactly that (a plan built
 * again must be the same plan) and nothing a confirmation did not name.
 */
export class ShownConfirmations {
  private readonly shown = new Map<string, string>();

  remember(input: unknown, fingerprint: string): void {
    this.shown.set(key(input), fingerprint);
  }

  /** The fingerprint shown for this input, forgotten once taken. */
  take(input: unknown): string | undefined {
    const k = key(input);
    const value = this.shown.get(k);
    this.shown.delete(k);
    return value;
  }
}

function key(input: unknown): string {
  return JSON.stringify(input ?? null);
}
