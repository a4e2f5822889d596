// PlanetScale REST API client: the calls the extension needs, every list followed to its last
// page, failures turned into PlanetScaleApiError, 429/5xx retried with bounded backoff.
// Uses the runtime's fetch (Node 20) so the main bundle needs no HTTP package.

import {
  BranchPrivateInfoUnavailableError,
  PlanetScaleApiError,
  errorFromNetworkFailure,
  errorFromResponse,
  isPlanetScaleApiError,
  redact,
} from './apiErrors';
import { abortableSleep } from '../connection/abortableSleep';
import { plainHttpProblem } from '../connection/loopbackHost';
import { buildApiUrl, describeTarget, httpMethod, pathSegments, type ApiOperation } from './apiOperations';
import { retryDelay } from './retryDelay';
import { createRoleBody, withPassword } from './roleBodies';
import type {
  BranchPrivateInfo,
  CreateRoleInput,
  PlanetScaleBranch,
  PlanetScaleDatabase,
  PlanetScaleListPage,
  PlanetScaleOrganization,
  PlanetScaleRole,
  PlanetScaleRoleWithPassword,
} from './types';

export interface PlanetScaleClientOptions {
  /** e.g. `https://api.planetscale.com/v1` (the setting planetscalePrivateLink.planetscale.apiUrl). */
  baseUrl: string;
  tokenId: string;
  token: string;
  fetch?: typeof fetch;
  /** Retries after the first attempt for 429 (any call) and 5xx/network failures (reads only). Default 3. */
  maxRetries?: number;
  /** Page size asked of list endpoints. Default 100. */
  perPage?: number;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
  /** First backoff delay; doubles per retry. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Upper bound of one backoff delay, including a server's Retry-After. Default 10 s. */
  retryMaxDelayMs?: number;
  /** Injected for tests that must not wait in real time. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface CallOptions {
  /** Cancels the call, e.g. when a newer tree refresh starts. */
  signal?: AbortSignal;
}

/** A server that kept answering `next_page` would otherwise keep us paging forever. */
const MAX_PAGES = 10_000;

export class PlanetScaleClient {
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly secrets: string[];
  private readonly fetchImpl: typeof fetch;
  private readonly maxRetries: number;
  private readonly perPage: number;
  private readonly timeoutMs: number;
  private readonly retryBaseDelayMs: number;
  private readonly retryMaxDelayMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: PlanetScaleClientOptions) {
    if (!options.tokenId?.trim() || !options.token?.trim()) {
      throw new PlanetScaleApiError(
        'unauthorized',
        0,
        'missing_token',
        'No PlanetScale service token is set. Enter the service token ID and token, or set PLANETSCALE_SERVICE_TOKEN_ID and PLANETSCALE_SERVICE_TOKEN.',
      );
    }
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new PlanetScaleApiError(
        'invalidRequest',
        0,
        'invalid_base_url',
        'The PlanetScale API URL is not a valid URL. Fix the setting planetscalePrivateLink.planetscale.apiUrl (default https://api.planetscale.com/v1).',
      );
    }
    const insecure = plainHttpProblem(base, 'planetscalePrivateLink.planetscale.apiUrl');
    if (insecure) throw new PlanetScaleApiError('invalidRequest', 0, 'insecure_base_url', insecure);
    this.baseUrl = options.baseUrl;
    this.authorization = `${options.tokenId.trim()}:${options.token.trim()}`;
    this.secrets = [options.token.trim(), options.tokenId.trim(), this.authorization];
    this.fetchImpl = options.fetch ?? fetch;
    this.maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 3));
    this.perPage = Math.max(1, Math.floor(options.perPage ?? 100));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 500;
    this.retryMaxDelayMs = options.retryMaxDelayMs ?? 10_000;
    this.sleep = options.sleep ?? abortableSleep;
  }

  listOrganizations(options?: CallOptions): Promise<PlanetScaleOrganization[]> {
    return this.listAll({ op: 'listOrganizations' }, options);
  }

  listDatabases(org: string, options?: CallOptions): Promise<PlanetScaleDatabase[]> {
    return this.listAll({ op: 'listDatabases', org }, options);
  }

  listBranches(org: string, db: string, options?: CallOptions): Promise<PlanetScaleBranch[]> {
    return this.listAll({ op: 'listBranches', org, db }, options);
  }

  listRoles(org: string, db: string, branch: string, options?: CallOptions): Promise<PlanetScaleRole[]> {
    return this.listAll({ op: 'listRoles', org, db, branch }, options);
  }

  getRole(org: string, db: string, branch: string, roleId: string, options?: CallOptions): Promise<PlanetScaleRole> {
    return this.request<PlanetScaleRole>({ op: 'getRole', org, db, branch, roleId }, {}, undefined, options);
  }

  /** Creates a role; the answer is the only time its password is visible. */
  async createRole(org: string, db: string, branch: string, input: CreateRoleInput, options?: CallOptions): Promise<PlanetScaleRoleWithPassword> {
    const body = createRoleBody(input);
    const role = await this.request<PlanetScaleRole>({ op: 'createRole', org, db, branch }, {}, body, options);
    return withPassword(role, `created role \`${role.name}\``);
  }

  /** Issues a new password for an existing role (the old one stops working). */
  async resetRolePassword(org: string, db: string, branch: string, roleId: string, options?: CallOptions): Promise<PlanetScaleRoleWithPassword> {
    const role = await this.request<PlanetScaleRole>({ op: 'resetRolePassword', org, db, branch, roleId }, {}, {}, options);
    return withPassword(role, `role \`${role.name}\` after the reset`);
  }

  /** Deletes a role; a role already gone (404) counts as deleted, since that is what was asked. */
  async deleteRole(org: string, db: string, branch: string, roleId: string, options?: CallOptions): Promise<void> {
    try {
      await this.request<unknown>({ op: 'deleteRole', org, db, branch, roleId }, {}, undefined, options);
    } catch (error) {
      if (isPlanetScaleApiError(error) && error.kind === 'notFound') return;
      throw error;
    }
  }

  /**
   * The Private Host and Private Service Name of a branch, read from any of its roles (they are
   * the same for every role). Creates nothing; stops at the first role that carries them.
   */
  async getBranchPrivateInfo(org: string, db: string, branch: string, options?: CallOptions): Promise<BranchPrivateInfo> {
    const operation: ApiOperation = { op: 'listRoles', org, db, branch };
    let sawRole = false;
    for await (const page of this.pages<PlanetScaleRole>(operation, options)) {
      for (const role of page) {
        sawRole = true;
        if (role.private_access_host_url && role.private_connection_service_name) {
          return { privateHost: role.private_access_host_url, serviceName: role.private_connection_service_name };
        }
      }
    }
    const target = describeTarget(operation);
    if (!sawRole) {
      throw new BranchPrivateInfoUnavailableError(
        'noRoles',
        `The ${target} has no roles yet, and PlanetScale shows the Private Host and Private Service Name on a role. Create a role for this branch, then try again.`,
      );
    }
    throw new BranchPrivateInfoUnavailableError(
      'noPrivateConnection',
      `No role of the ${target} carries a Private Host or Private Service Name: PrivateLink is offered for PlanetScale Postgres databases on AWS only. Check the database's kind and region.`,
    );
  }

  /** One call of `operation` (for operation modules such as ipRestrictions.ts); a 204 answers undefined. */
  call<T>(operation: ApiOperation, body?: unknown, options?: CallOptions): Promise<T> {
    return this.request<T>(operation, {}, body, options);
  }

  /** Every item of a list operation, following `next_page` to the last page. */
  async listAll<T>(operation: ApiOperation, options?: CallOptions): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.pages<T>(operation, options)) {
      all.push(...page);
    }
    return all;
  }

  /** Yields each page's items, following `next_page` until it is null. */
  private async *pages<T>(operation: ApiOperation, options?: CallOptions): AsyncGenerator<T[]> {
    let page = 1;
    for (let count = 0; count < MAX_PAGES; count++) {
      const answer = await this.request<PlanetScaleListPage<T>>(operation, { page, per_page: this.perPage }, undefined, options);
      if (!answer || !Array.isArray(answer.data)) {
        throw malformed(operation, 'a list without `data`');
      }
      yield answer.data;
      const next = answer.next_page;
      if (next === null || next === undefined) {
        return;
      }
      if (typeof next !== 'number' || next <= page) {
        throw malformed(operation, `next_page ${String(next)} after page ${page}`);
      }
      page = next;
    }
    throw malformed(operation, `more than ${MAX_PAGES} pages`);
  }

  private async request<T>(
    operation: ApiOperation,
    query: Record<string, string | number>,
    body: unknown,
    options: CallOptions | undefined,
  ): Promise<T> {
    const method = httpMethod(operation);
    const url = buildApiUrl(this.baseUrl, pathSegments(operation), query);
    // A POST that reached the server may have acted: repeat it only when the server said 429.
    const idempotent = method === 'GET' || method === 'DELETE';
    const external = options?.signal;
    for (let attempt = 1; ; attempt++) {
      external?.throwIfAborted();
      const timeout = AbortSignal.timeout(this.timeoutMs);
      const signal = external ? AbortSignal.any([external, timeout]) : timeout;
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method,
          headers: {
            Authorization: this.authorization,
            Accept: 'application/json',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal,
        });
      } catch (error) {
        external?.throwIfAborted();
        if (idempotent && attempt <= this.maxRetries) {
          await this.sleep(this.backoff(attempt, null), external);
          continue;
        }
        throw errorFromNetworkFailure(this.baseUrl, error, attempt, timeout.aborted);
      }
      if (response.status === 204) return undefined as T;
      if (response.ok) {
        return (await this.readJson(response, operation)) as T;
      }
      const retryable = response.status === 429 || (idempotent && response.status >= 500);
      if (retryable && attempt <= this.maxRetries) {
        await response.body?.cancel();
        await this.sleep(this.backoff(attempt, response.headers.get('retry-after')), external);
        continue;
      }
      const errorBody = await response.json().catch(() => undefined);
      throw errorFromResponse(operation, { status: response.status, body: errorBody, attempts: attempt }, this.secrets);
    }
  }

  private async readJson(response: Response, operation: ApiOperation): Promise<unknown> {
    try {
      return await response.json();
    } catch {
      throw malformed(operation, 'a body that is not JSON');
    }
  }

  private backoff(attempt: number, retryAfter: string | null): number {
    return retryDelay(attempt, retryAfter, this.retryBaseDelayMs, this.retryMaxDelayMs);
  }

  /** Secrets this client knows, for callers that log request context. */
  redact(text: string): string {
    return redact(text, this.secrets);
  }
}

function malformed(operation: ApiOperation, what: string): PlanetScaleApiError {
  return new PlanetScaleApiError(
    'server',
    200,
    'invalid_response',
    `PlanetScale answered with ${what} for ${describeTarget(operation)}. Check that planetscalePrivateLink.planetscale.apiUrl points at the PlanetScale API.`,
  );
}
