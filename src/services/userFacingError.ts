/** An error whose message is already written for the user, with optional follow-up actions. */
export interface ErrorAction {
  label: string;
  /** A VS Code command to run when the user picks the action. */
  command: string;
  args?: unknown[];
}

export class UserFacingError extends Error {
  constructor(message: string, readonly actions: ErrorAction[] = [], readonly detail?: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export function isCancellation(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.name === 'AbortError' || err.name === 'Canceled' || err.name === 'CancellationError';
}
