// Turning PlanetScale API failures into one typed error with a plain-language message that says
// what to do. Messages never carry the token or a password: callers pass the secrets to redact.

import { createRedactor } from '../connection/redact';
import { errorGuard } from '../errors/errorIdentity';
import { describeTarget, requiredAccess, type ApiOperation } from './apiOperations';

export type PlanetScaleErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'server'
  | 'network'
  /** Any other 4xx, e.g. 422 for a role name PlanetScale refuses. */
  | 'invalidRequest';

export class PlanetScaleApiError extends Error {
  override readonly name = 'PlanetScaleApiError';
  constructor(
    readonly kind: PlanetScaleErrorKind,
    /** HTTP status; 0 when no answer arrived. */
    readonly status: number,
    /** PlanetScale's error `code` from the body, or a local one (`network_error`, …). */
    readonly code: string,
    message: string,
    /** The access a 403 needs, when known. */
    readonly access?: string,
  ) {
    super(message);
  }
}

/** Raised when a branch cannot tell its Private Host / Private Service Name. */
export class BranchPrivateInfoUnavailableError extends Error {
  override readonly name = 'BranchPrivateInfoUnavailableError';
  constructor(
    readonly reason: 'noRoles' | 'noPrivateConnection',
    message: string,
  ) {
    super(message);
  }
}

// The client runs in the main bundle while features.js describes its errors: check names, not classes.
export const isPlanetScaleApiError = errorGuard<PlanetScaleApiError>('PlanetScaleApiError');
export const isBranchPrivateInfoUnavailableError = errorGuard<BranchPrivateInfoUnavailableError>('BranchPrivateInfoUnavailableError');

const SERVICE_TOKEN_FIX =
  'Re-enter the PlanetScale service token (ID and token) or set PLANETSCALE_SERVICE_TOKEN_ID / PLANETSCALE_SERVICE_TOKEN.';

export interface HttpFailure {
  status: number;
  /** Parsed JSON body when there was one. */
  body: unknown;
  attempts: number;
}

export function errorFromResponse(operation: ApiOperation, failure: HttpFailure, secrets: readonly string[]): PlanetScaleApiError {
  const { status, attempts } = failure;
  const server = serverError(failure.body);
  const code = server.code ?? `http_${status}`;
  const target = describeTarget(operation);
  const said = server.message ? ` PlanetScale said: "${redact(server.message, secrets)}".` : '';
  if (status === 401) {
    return new PlanetScaleApiError('unauthorized', status, code, `PlanetScale rejected the service token (401). ${SERVICE_TOKEN_FIX}`);
  }
  if (status === 403) {
    const access = requiredAccess(operation);
    return new PlanetScaleApiError(
      'forbidden',
      status,
      code,
      `The PlanetScale service token may not read or change ${target} (403): it lacks the access ${access}. ` +
        'Add it to the token under Settings → Service tokens in the PlanetScale dashboard, then refresh.',
      access,
    );
  }
  if (status === 404) {
    return new PlanetScaleApiError(
      'notFound',
      status,
      code,
      `PlanetScale found no ${target} (404): the name is wrong, or the service token has no access to it. ` +
        'Check the names and the databases the token is granted.',
    );
  }
  if (status === 429) {
    return new PlanetScaleApiError(
      'rateLimited',
      status,
      code,
      `PlanetScale is limiting the request rate (429) and still refused after ${attempts} attempts. Wait a minute, then refresh.`,
    );
  }
  if (status >= 500) {
    return new PlanetScaleApiError(
      'server',
      status,
      code,
      `PlanetScale answered with a server error (${status}) after ${attempts} attempt(s) for ${target}. Try again later; if it persists, check planetscalestatus.com.${said}`,
    );
  }
  return new PlanetScaleApiError(
    'invalidRequest',
    status,
    code,
    `PlanetScale refused the request for ${target} (${status}).${said || ' Check the values you entered.'}`,
  );
}

export function errorFromNetworkFailure(baseUrl: string, cause: unknown, attempts: number, timedOut: boolean): PlanetScaleApiError {
  const where = safeOrigin(baseUrl);
  const detail = timedOut ? 'the request timed out' : networkCauseCode(cause);
  return new PlanetScaleApiError(
    'network',
    0,
    timedOut ? 'timeout' : 'network_error',
    `Could not reach the PlanetScale API at ${where} (${detail}; ${attempts} attempt(s)). ` +
      'Check the network connection and the setting planetscalePrivateLink.planetscale.apiUrl.',
  );
}

function serverError(body: unknown): { code?: string; message?: string } {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    return {
      code: typeof record.code === 'string' ? record.code : undefined,
      message: typeof record.message === 'string' ? record.message.slice(0, 300) : undefined,
    };
  }
  return {};
}

function networkCauseCode(cause: unknown): string {
  // Node's fetch wraps the socket error: TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }).
  const inner = cause instanceof Error && cause.cause ? cause.cause : cause;
  if (inner && typeof inner === 'object' && 'code' in inner && typeof (inner as { code: unknown }).code === 'string') {
    return (inner as { code: string }).code;
  }
  // e.g. undici's "bad port" for ports fetch refuses to use; short texts only, never a body.
  if (inner instanceof Error && inner.message && inner.message.length <= 80) {
    return inner.message;
  }
  return 'connection failed';
}

/** Origin only: a base URL could carry credentials or a query we must not echo. */
export function safeOrigin(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return 'the configured URL';
  }
}

/** Replaces every form of each secret with a marker (through the extension's one redactor). */
export function redact(text: string, secrets: readonly string[]): string {
  return createRedactor(secrets, { mask: '[redacted]' })(text);
}
