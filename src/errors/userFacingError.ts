// The one error type for messages meant for the user. Pure (no vscode): the core throws its
// input errors as InputError, the editor layers add actions; describeError reads both.
import { errorBrand, hasErrorBrand } from './errorIdentity';

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

/**
 * A core error about one input, its message written for the user and naming the field and the fix
 * (e.g. `dns.server`, `caFile`, an env key). describeError adds the matching Settings action.
 */
export class InputError extends UserFacingError {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** The field of a user-facing error about one input, from any bundle. */
export function inputErrorField(err: unknown): string | undefined {
  if (!isUserFacingError(err)) return undefined;
  const field = (err as { field?: unknown }).field;
  return typeof field === 'string' ? field : undefined;
}

export function isCancellation(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.name === 'AbortError' || err.name === 'Canceled' || err.name === 'CancellationError';
}
