// The errors the AWS layer throws itself. They are created in dist/core.js and in dist/extension.js
// and are classified in every bundle, so each comes with a guard that checks the name: `instanceof`
// fails for an error made by another bundle's copy of the class.
import { errorGuard } from '../errors/errorIdentity';

/** Thrown by `describeEndpointService` when the service name is unknown in the region. */
export class EndpointServiceNotFoundError extends Error {
  override readonly name = 'EndpointServiceNotFoundError';
  readonly code = 'InvalidServiceName';
  constructor(
    readonly serviceName: string,
    readonly region: string | undefined,
  ) {
    super(
      `The endpoint service ${serviceName} does not exist${region ? ` in ${region}` : ''} or is not shared with this account. ` +
        `Check the Private Service Name of the branch and that the database runs in this region.`,
    );
  }
}

/** Thrown by `listProfiles` for an AWS config or credentials file it cannot use. */
export class ProfileFileError extends Error {
  override readonly name = 'ProfileFileError';
  constructor(
    readonly filePath: string,
    readonly reason: 'unreadable' | 'malformed',
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${filePath}${line !== undefined ? ` line ${line}` : ''}: ${detail}`);
  }
}

/** A missing or invalid profile, region or endpoint URL, found before any request. */
export class AwsSettingsError extends Error {
  override readonly name = 'AwsSettingsError';
  constructor(
    readonly setting: 'profile' | 'region' | 'endpointUrl',
    message: string,
  ) {
    super(message);
  }
}

export const isEndpointServiceNotFoundError = errorGuard<EndpointServiceNotFoundError>('EndpointServiceNotFoundError');
export const isProfileFileError = errorGuard<ProfileFileError>('ProfileFileError');
export const isAwsSettingsError = errorGuard<AwsSettingsError>('AwsSettingsError');
