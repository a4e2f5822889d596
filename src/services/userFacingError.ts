import { errorBrand, hasErrorBrand } from '../errors/errorIdentity';

/** An error whose message is already written for the user, with optional follow-up actions. */
export interface ErrorAction {
  label: string;
  /** A VS Code command to run when the user picks the action. */
  command: string;
  args?: unknown[];
}

const USER_FACING = errorBrand('UserFacingError');

export class UserFacingError extends Error {
  // The brand, not the class, identifies these errors: a lazily loaded bundle has its own class.
  readonly [USER_FACING] = true;

  constructor(message: string, readonly actions: ErrorAction[] = [], readonly detail?: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** True for a UserFacingError from any bundle (use this, never `instanceof UserFacingError`). */
export function isUserFacingError(err: unknown): err is UserFacingError {
  if (!hasErrorBrand(err, USER_FACING)) return false;
  const actions = (err as { actions?: unknown }).actions;
  return typeof (err as { message?: unknown }).message === 'string' && Array.isArray(actions);
}

export function isCancellation(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.name === 'AbortError' || err.name === 'Canceled' || err.name === 'CancellationError';
}
