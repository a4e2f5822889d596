// Turns whatever the AWS SDK (or the network under it) throws into one plain-language shape the
// views and commands can show. Works on the error's shape only, never imports the SDK, so the
// main bundle can classify errors that crossed the lazy-core boundary.
// This is the one AWS error classifier: every view, command and form classifies through it.
import { redactAwsServiceText } from '../connection/redact';
import { accessDeniedWords } from './accessDeniedWords';
import { isAwsSettingsError, isEndpointServiceNotFoundError, isProfileFileError } from './awsErrorClasses';
import {
  type AwsErrorContext,
  BAD_CREDENTIAL_CODES,
  CREDENTIAL_PROVIDER_NAMES,
  EXPIRED_CODES,
  PICK_PROFILE,
  RETRY,
  classified as result,
  classifyCredentialProviderError,
  profileLabel,
} from './credentialErrors';
import type { ClassifiedAwsError } from './awsErrorTypes';

export type { AwsErrorContext } from './credentialErrors';
export { isCredentialKind } from './credentialErrors';
export * from './awsErrorClasses';

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

/**
 * The AWS error code of an error as the classifier reads it: the query protocol's `Code`, a
 * Node/socket `code` (also nested in `cause`), else the SDK error's name. For callers that act on
 * one specific code (an already-deleted endpoint, a duplicate rule) rather than on its kind.
 */
export function awsErrorCode(err: unknown): string | undefined {
  const shape = shapeOf(err);
  return shape.code ?? shape.name;
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
 * messages, long opaque tokens (the patterns live with the extension's one redactor).
 */
export function redactAwsText(text: string): string {
  return redactAwsServiceText(text);
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

/**
 * Classifies an error thrown by an AWS SDK call (or by this layer). Never echoes the SDK's
 * message verbatim for credential errors; redacts keys and encoded messages elsewhere.
 */
export function classifyAwsError(err: unknown, context: AwsErrorContext = {}): ClassifiedAwsError {
  const shape = shapeOf(err);
  const code = shape.code ?? shape.name;
  const who = profileLabel(context);
  const where = context.region ? ` in ${context.region}` : '';

  if (isProfileFileError(err)) {
    return result('profileConfig', `The AWS file ${err.message} Fix the file, then retry.`, {
      action: RETRY,
      code: err.name,
    });
  }
  if (isAwsSettingsError(err)) {
    const action =
      err.setting === 'profile'
        ? PICK_PROFILE
        : err.setting === 'region'
          ? ({ label: 'Choose regions', kind: 'openSettings' } as const)
          : ({ label: 'Open endpoint URL setting', kind: 'openSettings' } as const);
    return result('profileConfig', err.message, { action, code: err.name });
  }
  if (isEndpointServiceNotFoundError(err) || shape.code === 'InvalidServiceName') {
    const message =
      isEndpointServiceNotFoundError(err)
        ? err.message
        : `The endpoint service does not exist${where} or is not shared with this account. Check the Private Service Name of the branch and the region.`;
    return result('notFound', message, { code: 'InvalidServiceName' });
  }
  if (shape.name === 'AbortError' || code === 'ABORT_ERR') {
    return result('cancelled', 'The request was cancelled.', { code: 'AbortError' });
  }
  if (shape.name && CREDENTIAL_PROVIDER_NAMES.has(shape.name)) {
    return classifyCredentialProviderError(shape.message, shape.name, context);
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
    const words = accessDeniedWords(context.profile, iamAction, context.region);
    return result('accessDenied', `${words.message} ${words.fix}`, {
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

/** True when AWS refused the call for a missing IAM permission (any of the codes that say so). */
export function isAccessDenied(err: unknown): boolean {
  return classifyAwsError(err).kind === 'accessDenied';
}
