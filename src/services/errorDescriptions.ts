import { classifyAwsError } from '../aws/awsErrors';
import type { ClassifiedAwsError } from '../aws/awsErrorTypes';
import { hasErrorName } from '../errors/errorIdentity';
import { isBranchPrivateInfoUnavailableError, isPlanetScaleApiError } from '../planetscale/apiErrors';
import { type ErrorAction, isUserFacingError } from './userFacingError';
import { Commands } from '../commands/commandIds';

/** Actions offered for a classified AWS error, as commands of this extension. */
export function awsErrorActions(error: ClassifiedAwsError, profile?: string): ErrorAction[] {
  switch (error.action?.kind) {
    case 'ssoLogin':
      return [{ label: 'Run aws sso login', command: Commands.awsSsoLogin, args: [profile] }];
    case 'pickProfile':
      return [{ label: 'Choose AWS Profile', command: Commands.selectAwsProfile }];
    case 'openSettings':
      return [openSettings('planetscalePrivateLink')];
    default:
      return [];
  }
}

/**
 * Errors of the core layers whose message is already written for the user and names the field
 * (thrown in dist/core.js or dist/features.js, described in dist/extension.js: known by name).
 */
const INPUT_ERROR_NAMES = ['VerifyInputError', 'FormatInputError', 'EnvEditError', 'EnvValueError', 'DiagnoseInputError'];

/** The setting an input error's `field` comes from, when the user fixes it in Settings. */
const SETTING_OF_FIELD: Readonly<Record<string, string>> = {
  'dns.server': 'planetscalePrivateLink.dns.server',
  caFile: 'planetscalePrivateLink.tls.caFile',
};

function openSettings(query: string): ErrorAction {
  return { label: 'Open Settings', command: 'workbench.action.openSettings', args: [query] };
}

/** Turns any thrown error into one plain message with follow-up actions. */
export function describeError(err: unknown): { message: string; actions: ErrorAction[] } {
  if (isUserFacingError(err)) return { message: err.message, actions: err.actions };
  if (isPlanetScaleApiError(err)) {
    const actions = err.kind === 'unauthorized' || err.kind === 'forbidden'
      ? [{ label: 'Set Service Token', command: Commands.signInPlanetScale }]
      : [];
    return { message: err.message, actions };
  }
  if (isBranchPrivateInfoUnavailableError(err)) return { message: err.message, actions: [] };
  if (INPUT_ERROR_NAMES.some((name) => hasErrorName(err, name))) {
    const field = (err as { field?: unknown }).field;
    const setting = typeof field === 'string' ? SETTING_OF_FIELD[field] : undefined;
    return { message: (err as Error).message, actions: setting ? [openSettings(setting)] : [] };
  }
  const classified = classifyAwsError(err);
  if (classified.kind === 'unknown' && !fromAwsService(err)) {
    // Not an AWS answer and nothing we know: do not call it "the AWS request failed".
    const text = err instanceof Error || (typeof err === 'object' && err !== null && 'message' in err) ? String((err as Error).message) : String(err);
    return { message: `Something went wrong: ${text}`, actions: [] };
  }
  return { message: classified.message, actions: awsErrorActions(classified) };
}

/** An error the AWS SDK built from a service's answer (it carries the response metadata). */
function fromAwsService(err: unknown): boolean {
  return typeof err === 'object' && err !== null && ('$metadata' in err || '$fault' in err);
}
