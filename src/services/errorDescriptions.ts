import { classifyAwsError } from '../aws/awsErrors';
import type { ClassifiedAwsError } from '../aws/awsErrorTypes';
import { isBranchPrivateInfoUnavailableError, isPlanetScaleApiError } from '../planetscale/apiErrors';
import { type ErrorAction, inputErrorField, isUserFacingError } from '../errors/userFacingError';
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
  if (isUserFacingError(err)) {
    // A core input error names its field; where Settings holds that field, offer to open it.
    const field = inputErrorField(err);
    const setting = field ? SETTING_OF_FIELD[field] : undefined;
    return { message: err.message, actions: err.actions.length || !setting ? err.actions : [openSettings(setting)] };
  }
  if (isPlanetScaleApiError(err)) {
    const actions = err.kind === 'unauthorized' || err.kind === 'forbidden'
      ? [{ label: 'Set Service Token', command: Commands.signInPlanetScale }]
      : [];
    return { message: err.message, actions };
  }
  if (isBranchPrivateInfoUnavailableError(err)) return { message: err.message, actions: [] };
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
