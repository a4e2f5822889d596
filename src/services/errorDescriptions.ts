import { classifyAwsError } from '../aws/awsErrors';
import type { ClassifiedAwsError } from '../aws/types';
import { PlanetScaleApiError } from '../planetscale/apiErrors';
import type { ErrorAction } from './userFacingError';

/** Actions offered for a classified AWS error, as commands of this extension. */
export function awsErrorActions(error: ClassifiedAwsError, profile?: string): ErrorAction[] {
  switch (error.action?.kind) {
    case 'ssoLogin':
      return [{ label: 'Run aws sso login', command: 'planetscalePrivateLink.awsSsoLogin', args: [profile] }];
    case 'pickProfile':
      return [{ label: 'Choose AWS Profile', command: 'planetscalePrivateLink.selectAwsProfile' }];
    case 'openSettings':
      return [{ label: 'Open Settings', command: 'workbench.action.openSettings', args: ['planetscalePrivateLink'] }];
    default:
      return [];
  }
}

/** Turns any thrown error into one plain message with follow-up actions. */
export function describeError(err: unknown): { message: string; actions: ErrorAction[] } {
  if (err instanceof PlanetScaleApiError) {
    const actions = err.kind === 'unauthorized' || err.kind === 'forbidden'
      ? [{ label: 'Set Service Token', command: 'planetscalePrivateLink.signInPlanetScale' }]
      : [];
    return { message: err.message, actions };
  }
  const classified = classifyAwsError(err);
  return { message: classified.message, actions: awsErrorActions(classified) };
}
