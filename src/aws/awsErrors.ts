// Turns whatever the AWS SDK (or the network under it) throws into one plain-language shape the
// views and commands can show. Works on the error's shape only, never imports the SDK, so the
// main bundle can classify errors that crossed the lazy-core boundary.
import { shellCommand } from './shellQuote';
import type { AwsErrorKind, ClassifiedAwsError } from './types';

/** What the caller knows about the failed call; makes the message specific. */
export interface AwsErrorContext {
  profile?: string;
  region?: string;
  /** `DescribeVpcEndpoints` or `ec2:DescribeVpcEndpoints`; read from the error when absent. */
  operation?: string;
  /** Set when EC2/STS were reached through an endpoint override (the sandbox). */
  endpointUrl?: string;
}

const OPERATION_KEY = 'awsOperation';

/**
 * Records `service:Operation` on an error so the classifier can name the IAM action. Called by
 * the client middleware of `awsClients.ts`; non-enumerable so it never shows in logs of the error.
 */
export function annotateOperation(err: unknown, service: string, operation: string): void {
  if (typeof err === 'object' && err !== null && !(OPERATION_KEY in err) && Object.isExtensible(err)) {
    Object.defineProperty(err, OPERATION_KEY, { value: `${service}:${operation}`, enumerable: false });
  }
}

/** The `service:Operation` recorded by {@link annotateOperation}, if any. */
export function operationOf(err: unknown): string | undefined {
  const value = (err as Record<string, unknown> | null | undefined)?.[OPERATION_KEY];
  return typeof value === 'string' ? value : undefined;
}

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

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkingError']);
const THROTTLE_CODES = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'RequestThrottled',
  'RequestThrottledException',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
]);
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const BAD_CREDENTIAL_CODES = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'OptInRequired',
]);
const DENIED_CODES = new Set([
  'UnauthorizedOperation',
  'Client.UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedAccess',
]);
const INVALID_CODES = new Set([
  'InvalidParameter',
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'MissingParameter',
  'ValidationError',
  'DuplicateSubnetsInSameZone',
  'InvalidGroup.Duplicate',
  'InvalidPermission.Duplicate',
  'DependencyViolation',
  'VpcEndpointLimitExceeded',
  'InvalidVpcState',
]);

interface ErrorShape {
  name?: string;
  code?: string;
  message: string;
  httpStatus?: number;
  throttling: boolean;
}

function shapeOf(err: unknown): ErrorShape {
  if (typeof err !== 'object' || err === null) {
    return { message: typeof err === 'string' ? err : '', throttling: false };
  }
  const e = err as Record<string, unknown>;
  const meta = e.$metadata as { httpStatusCode?: number } | undefined;
  const retryable = e.$retryable as { throttling?: boolean } | undefined;
  // AWS service errors carry `Code` (query protocol) and `name`; Node errors carry `code`.
  const code = firstString(e.Code, e.code, nestedNetworkCode(err));
  return {
    name: typeof e.name === 'string' ? e.name : undefined,
    code,
    message: typeof e.message === 'string' ? e.message : '',
    httpStatus: meta?.httpStatusCode,
    throttling: retryable?.throttling === true,
  };
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v.length > 0);
}

/** Socket errors can hide in `cause` or in an AggregateError's list (happy eyeballs). */
function nestedNetworkCode(err: object, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    if (typeof inner === 'object' && inner !== null) {
      const found = nestedNetworkCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Removes what must never reach a user-visible message: access key ids, encoded authorization
 * messages, long opaque tokens.
 */
export function redactAwsText(text: string): string {
  return text
    .replace(/Encoded authorization failure message:\s*\S+/gi, 'Encoded authorization failure message: [redacted]')
    .replace(/\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '[redacted key id]')
    .replace(/[A-Za-z0-9+/=_-]{40,}/g, '[redacted]');
}

function iamActionFrom(shape: ErrorShape, err: unknown, context: AwsErrorContext): string | undefined {
  const fromContext = context.operation;
  if (fromContext) return fromContext.includes(':') ? fromContext : `ec2:${fromContext}`;
  const annotated = operationOf(err);
  if (annotated) return annotated;
  // Recent EC2/STS messages name the action: "... is not authorized to perform: ec2:DescribeVpcs ..."
  const match = /perform:\s*([a-z0-9-]+:[A-Za-z0-9]+)/.exec(shape.message);
  return match?.[1];
}

function profileLabel(context: AwsErrorContext): string {
  return context.profile ? `profile "${context.profile}"` : 'the selected profile';
}

function result(kind: AwsErrorKind, message: string, extra: Partial<ClassifiedAwsError> = {}): ClassifiedAwsError {
  return { kind, message, ...extra };
}

function ssoLogin(context: AwsErrorContext): ClassifiedAwsError['action'] {
  const command = context.profile ? shellCommand(['aws', 'sso', 'login', '--profile', context.profile]) : 'aws sso login';
  return { label: 'Sign in with AWS SSO', kind: 'ssoLogin', command };
}

const RETRY = { label: 'Retry', kind: 'retry' } as const;
const PICK_PROFILE = { label: 'Choose AWS profile', kind: 'pickProfile' } as const;

/** Replaces "profile NAME" / "profile=NAME" / "[NAME]" references with a placeholder. */
function withoutProfileName(text: string, profile: string): string {
  const name = profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(profile[\\s=:]*\\[?)${name}(?![\\w-])`, 'gi'), '$1<profile>');
}

/** Credential-provider failures happen before any request is sent; their text tells them apart. */
function classifyCredentialProviderError(shape: ErrorShape, context: AwsErrorContext): ClassifiedAwsError {
  // The SDK's messages name the profile; a profile called "sso-dev" must not read as an SSO error.
  const text = context.profile ? withoutProfileName(shape.message, context.profile) : shape.message;
  const who = profileLabel(context);
  const code = shape.name;
  if (/\bSSO\b|sso login|sso_session|sso_start_url/.test(text)) {
    if (/invalid SSO credentials|Conflicting SSO|sso_region|sso_start_url/i.test(text) && !/refresh/i.test(text)) {
      return result('profileConfig', `The SSO settings of ${who} are incomplete or conflicting. Check sso_session, sso_account_id, sso_role_name and the [sso-session] section in the AWS config file.`, {
        action: PICK_PROFILE,
        code,
      });
    }
    return result('ssoExpired', `The AWS SSO session of ${who} has expired or was never started. Sign in again, then retry.`, {
      action: ssoLogin(context),
      code,
    });
  }
  // A process that exits non-zero surfaces as child_process's "Command failed: <cmd>".
  if (/credential_process/i.test(text) || /^Command failed:/.test(text)) {
    if (/expired/i.test(text)) {
      return result('expiredToken', `The credential_process of ${who} returned expired credentials. Renew them with the tool that issues them, then retry.`, {
        action: RETRY,
        code,
      });
    }
    const why = /invalid JSON/i.test(text)
      ? 'printed something that is not the expected JSON'
      : /Version 1/.test(text)
        ? 'did not print "Version": 1'
        : /invalid credentials/i.test(text)
          ? 'printed no AccessKeyId/SecretAccessKey'
          : 'failed to run (non-zero exit or command not found)';
    return result('noCredentials', `The credential_process of ${who} ${why}. Run it in a terminal to see why, then retry.`, {
      action: RETRY,
      code,
    });
  }
  if (/cycle|Unsupported credential source|multi-factor|mfa/i.test(text)) {
    const why = /cycle/i.test(text)
      ? 'its source_profile chain loops back on itself'
      : /mfa|multi-factor/i.test(text)
        ? 'it needs an MFA code, which the extension cannot prompt for; use a profile with cached or SSO credentials'
        : 'its credential_source is not supported here (use Environment, Ec2InstanceMetadata or EcsContainer)';
    return result('profileConfig', `AWS cannot use ${who}: ${why}.`, { action: PICK_PROFILE, code });
  }
  if (/token/i.test(text) && /expired/i.test(text)) {
    return result('expiredToken', `The credentials of ${who} have expired. Refresh them, then retry.`, { action: RETRY, code });
  }
  return result(
    'noCredentials',
    `No AWS credentials found for ${who}. Add keys, SSO or a credential_process for it in ~/.aws/config or ~/.aws/credentials, or choose another profile.`,
    { action: PICK_PROFILE, code },
  );
}

/**
 * Classifies an error thrown by an AWS SDK call (or by this layer). Never echoes the SDK's
 * message verbatim for credential errors; redacts keys and encoded messages elsewhere.
 */
export function classifyAwsError(err: unknown, context: AwsErrorContext = {}): ClassifiedAwsError {
  const shape = shapeOf(err);
  const code = shape.code ?? shape.name;
  const who = profileLabel(context);
  const where = context.region ? ` in ${context.region}` : '';

  if (err instanceof ProfileFileError) {
    return result('profileConfig', `The AWS file ${err.message} Fix the file, then retry.`, {
      action: RETRY,
      code: err.name,
    });
  }
  if (err instanceof AwsSettingsError) {
    const action =
      err.setting === 'profile'
        ? PICK_PROFILE
        : err.setting === 'region'
          ? ({ label: 'Choose regions', kind: 'openSettings' } as const)
          : ({ label: 'Open endpoint URL setting', kind: 'openSettings' } as const);
    return result('profileConfig', err.message, { action, code: err.name });
  }
  if (err instanceof EndpointServiceNotFoundError || shape.code === 'InvalidServiceName') {
    const message =
      err instanceof EndpointServiceNotFoundError
        ? err.message
        : `The endpoint service does not exist${where} or is not shared with this account. Check the Private Service Name of the branch and the region.`;
    return result('notFound', message, { code: 'InvalidServiceName' });
  }
  if (shape.name === 'AbortError' || code === 'ABORT_ERR') {
    return result('cancelled', 'The request was cancelled.', { code: 'AbortError' });
  }
  if (shape.name === 'CredentialsProviderError' || shape.name === 'TokenProviderError') {
    return classifyCredentialProviderError(shape, context);
  }
  if (code && EXPIRED_CODES.has(code)) {
    const message =
      code === 'RequestExpired'
        ? `AWS rejected the request as expired${where}. Check that this computer's clock is correct, then retry.`
        : `The session token of ${who} has expired. Refresh the credentials (for SSO: aws sso login), then retry.`;
    return result('expiredToken', message, { action: RETRY, code });
  }
  if (code && BAD_CREDENTIAL_CODES.has(code)) {
    const message =
      code === 'OptInRequired'
        ? `The account of ${who} is not subscribed to EC2${where}, or the region is not enabled for it.`
        : `AWS did not accept the credentials of ${who} (${code}). They may be wrong, deleted or deactivated; update them or choose another profile.`;
    return result('noCredentials', message, { action: PICK_PROFILE, code });
  }
  if (code && DENIED_CODES.has(code)) {
    const iamAction = iamActionFrom(shape, err, context);
    const missing = iamAction ? `the IAM permission ${iamAction}` : 'an IAM permission this step needs';
    return result('accessDenied', `Access denied${where}: ${who} lacks ${missing}. Ask an administrator to allow it, or choose another profile.`, {
      action: PICK_PROFILE,
      iamAction,
      code,
    });
  }
  if ((code && THROTTLE_CODES.has(code)) || shape.throttling) {
    return result('throttled', `AWS is throttling requests${where} (${code ?? 'throttled'}). Wait a moment, then retry.`, {
      action: RETRY,
      code,
    });
  }
  if ((shape.code && NETWORK_CODES.has(shape.code)) || (shape.name && NETWORK_NAMES.has(shape.name))) {
    const target = context.endpointUrl ? `the AWS endpoint ${context.endpointUrl}` : `AWS${where}`;
    const why = shape.code === 'ENOTFOUND' || shape.code === 'EAI_AGAIN' ? 'its host name does not resolve' : shape.code === 'ECONNREFUSED' ? 'the connection was refused' : 'the request timed out or the connection dropped';
    return result('network', `Could not reach ${target}: ${why}. Check the network, proxy and the endpoint URL setting, then retry.`, {
      action: context.endpointUrl ? { label: 'Open endpoint URL setting', kind: 'openSettings' } : RETRY,
      code: shape.code ?? shape.name,
    });
  }
  if (code && (code.endsWith('.NotFound') || code.endsWith('NotFoundException') || code === 'NoSuchEntity')) {
    return result('notFound', `${redactAwsText(shape.message) || 'The resource was not found'}${where ? ` (${context.region})` : ''}. It may have been deleted; refresh and retry.`, {
      action: RETRY,
      code,
    });
  }
  if (code && (INVALID_CODES.has(code) || code.startsWith('Invalid') || code.endsWith('.Malformed'))) {
    return result('invalidParameter', `EC2 rejected the request (${code}): ${redactAwsText(shape.message)}`, { code });
  }
  if (/Region is missing|Invalid region|region.*not valid/i.test(shape.message)) {
    return result('profileConfig', `No valid AWS region is set for ${who}. Set the regions to show, or a region in the profile.`, {
      action: { label: 'Choose regions', kind: 'openSettings' },
      code,
    });
  }
  if (/Invalid URL|Endpoint.*(invalid|malformed)/i.test(shape.message)) {
    return result('profileConfig', 'The AWS endpoint URL setting is not a valid URL. Fix it or leave it empty for AWS.', {
      action: { label: 'Open endpoint URL setting', kind: 'openSettings' },
      code,
    });
  }
  const detail = shape.message ? redactAwsText(shape.message) : 'no details';
  return result('unknown', `The AWS request failed${where}${code ? ` (${code})` : ''}: ${detail}`, { action: RETRY, code });
}
