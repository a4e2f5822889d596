// The PlanetScale REST API stand-in over HTTP on loopback: documented paths under /v1, the
// service-token header, pagination, and `{ code, message }` error bodies.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { BoundedLog } from '../network/boundedLog';
import { pageOf, PageParamError, readPageParams } from './pagination';
import { Branch, Database, INHERITABLE_ROLES, PlanetScaleStore } from './store';
import { Access, authenticate, ServiceToken } from './tokens';
import { branchJson, databaseJson, Json, organizationJson, roleJson } from './views';

export interface ApiFault {
  status: number;
  code: string;
  message: string;
  remaining: number;
  /** Only requests with this method fail (default: any). */
  method?: string;
}

export interface ApiRequestRecord {
  method: string;
  path: string;
  query: string;
  status: number;
}

export interface ApiServerOptions {
  store: PlanetScaleStore;
  tokens: ServiceToken[];
  defaultPerPage: number;
  now?: () => Date;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found, or this service token cannot see it.`);

export class PlanetScaleApiServer {
  private server: Server | undefined;
  private baseUrl = '';
  /** The largest page the server hands out, whatever `per_page` asks (to force multi-page lists). */
  maxPerPage = 100;
  readonly faults: ApiFault[] = [];
  readonly requests = new BoundedLog<ApiRequestRecord>();

  constructor(private readonly options: ApiServerOptions) {}

  get url(): string {
    return this.baseUrl;
  }

  async listen(host = '127.0.0.1', port = 0): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port }, () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://${host}:${(server.address() as AddressInfo).port}/v1`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const record: ApiRequestRecord = { method: req.method ?? 'GET', path: url.pathname, query: url.search, status: 0 };
    this.requests.push(record);
    let status = 200;
    let body: Json;
    try {
      body = await this.route(req, url);
      if (req.method === 'POST' && !url.pathname.endsWith('/reset')) status = 201;
    } catch (error) {
      const httpError = error instanceof HttpError ? error
        : error instanceof PageParamError ? new HttpError(422, 'invalid_params', error.message)
          : new HttpError(500, 'internal', `The sandbox could not complete the request: ${error instanceof Error ? error.message : String(error)}`);
      status = httpError.status;
      body = { code: httpError.code, message: httpError.message };
      if (status === 429) res.setHeader('Retry-After', '1');
    }
    if (status === 200 && req.method === 'DELETE') status = 204; // PlanetScale answers a delete with no content
    record.status = status;
    if (status === 204) {
      res.writeHead(status, { 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  }

  private async route(req: IncomingMessage, url: URL): Promise<Json> {
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] !== 'v1') throw new HttpError(404, 'not_found', `No API route for ${url.pathname}; the base path is /v1.`);
    const token = authenticate(req.headers.authorization, this.options.tokens);
    if (!token) {
      throw new HttpError(401, 'unauthorized', 'The service token is missing or invalid. Send "Authorization: <SERVICE_TOKEN_ID>:<SERVICE_TOKEN>".');
    }
    const fault = this.faults.find((f) => !f.method || f.method === req.method);
    if (fault) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      throw new HttpError(fault.status, fault.code, fault.message);
    }
    const [, first, org, second, db, third, branch, fourth, roleId, fifth, ...rest] = segments;
    const method = req.method ?? 'GET';
    const store = this.options.store;
    const orgName = store.organization.name;
    if (first !== 'organizations' || rest.length > 0) throw notFound(`The path ${url.pathname}`);
    const list = <T>(items: T[], view: (item: T) => Json) => {
      const page = readPageParams(url.searchParams, this.options.defaultPerPage, this.maxPerPage);
      const pageUrl = (n: number) => `${this.baseUrl}${url.pathname.slice(3)}?page=${n}&per_page=${page.perPage}`;
      return pageOf(items.map(view), page, pageUrl);
    };

    if (org === undefined) {
      allow(method, 'GET');
      return list([store.organization], (o) => organizationJson(o, this.baseUrl));
    }
    if (org !== orgName) throw notFound(`Organization "${org}"`);
    if (second === undefined) {
      allow(method, 'GET');
      need(token, 'read_organization');
      return organizationJson(store.organization, this.baseUrl);
    }
    if (second !== 'databases') throw notFound(`The path ${url.pathname}`);
    if (db === undefined) {
      allow(method, 'GET');
      need(token, 'read_database');
      return list(store.databases, (d) => databaseJson(orgName, d, this.baseUrl));
    }
    const database = store.database(db);
    if (!database) throw notFound(`Database "${org}/${db}"`);
    if (third === undefined) {
      allow(method, 'GET');
      need(token, 'read_database');
      return databaseJson(orgName, database, this.baseUrl);
    }
    if (third !== 'branches') throw notFound(`The path ${url.pathname}`);
    need(token, 'read_branch');
    if (branch === undefined) {
      allow(method, 'GET');
      return list(database.branches, (b) => branchJson(orgName, database, b, this.baseUrl));
    }
    const theBranch = database.branches.find((b) => b.name === branch);
    if (!theBranch) throw notFound(`Branch "${org}/${db}/${branch}"`);
    if (fourth === undefined) {
      allow(method, 'GET');
      return branchJson(orgName, database, theBranch, this.baseUrl);
    }
    if (fourth !== 'roles') throw notFound(`The path ${url.pathname}`);
    if (database.kind !== 'postgresql') {
      throw new HttpError(404, 'not_found', `Database "${org}/${db}" is a MySQL (Vitess) database: roles exist only for PostgreSQL databases.`);
    }
    return this.routeRoles(req, method, token, database, theBranch, roleId, fifth, list);
  }

  private async routeRoles(req: IncomingMessage, method: string, token: ServiceToken, database: Database, branch: Branch,
    roleId: string | undefined, action: string | undefined, list: <T>(items: T[], view: (item: T) => Json) => Json): Promise<Json> {
    const now = (this.options.now ?? (() => new Date()))();
    const store = this.options.store;
    const passwordAccess: Access = branch.production ? 'create_production_branch_password' : 'create_branch_password';
    if (roleId === undefined) {
      if (method === 'POST') {
        need(token, passwordAccess);
        const input = validateCreateRole(await readJson(req), branch);
        const role = await store.createRole(branch, input);
        return roleJson(database, branch, role, now, true);
      }
      allow(method, 'GET');
      return list(branch.roles, (r) => roleJson(database, branch, r, now, false));
    }
    const role = branch.roles.find((r) => r.id === roleId);
    if (!role) throw notFound(`Role "${roleId}" of branch "${database.name}/${branch.name}"`);
    if (action === undefined && method === 'DELETE') {
      need(token, branch.production ? 'delete_production_branch_password' : 'delete_branch_password');
      if (role.isDefault) throw new HttpError(422, 'invalid_params', 'The default postgres role cannot be deleted; reset its password instead.');
      await store.deleteRole(branch, role);
      return {};
    }
    if (action === undefined) {
      allow(method, 'GET');
      return roleJson(database, branch, role, now, false);
    }
    if (action !== 'reset') throw notFound(`The role action "${action}"`);
    allow(method, 'POST');
    need(token, passwordAccess);
    await store.resetPassword(role);
    return roleJson(database, branch, role, now, true);
  }
}

function allow(method: string, expected: string): void {
  if (method !== expected) throw new HttpError(405, 'method_not_allowed', `Method ${method} is not allowed here; use ${expected}.`);
}

function need(token: ServiceToken, access: Access): void {
  if (!token.accesses.includes(access)) {
    throw new HttpError(403, 'forbidden', `This service token lacks the "${access}" access. Grant it to the token in the organization's service token settings.`);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new HttpError(413, 'invalid_params', 'The request body is larger than 64 KiB.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(422, 'invalid_params', 'The request body is not valid JSON.');
  }
}

function validateCreateRole(body: unknown, branch: Branch): { name?: string; ttl?: number; inheritedRoles: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(422, 'invalid_params', 'The request body must be a JSON object such as {"name": "app", "inherited_roles": ["pg_read_all_data"]}.');
  }
  const input = body as Record<string, unknown>;
  const name = input.name;
  if (name !== undefined && (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(name))) {
    throw new HttpError(422, 'invalid_params', '"name" must be 1-63 letters, digits, "-" or "_", starting with a letter or digit.');
  }
  if (typeof name === 'string' && branch.roles.some((r) => r.name === name)) {
    throw new HttpError(422, 'invalid_params', `"name": a role named "${name}" already exists on branch "${branch.name}".`);
  }
  const ttl = input.ttl;
  if (ttl !== undefined && ttl !== null && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl <= 0)) {
    throw new HttpError(422, 'invalid_params', '"ttl" must be a positive whole number of seconds.');
  }
  const inherited = input.inherited_roles ?? [];
  if (!Array.isArray(inherited) || inherited.some((r) => !(INHERITABLE_ROLES as readonly unknown[]).includes(r))) {
    throw new HttpError(422, 'invalid_params', `"inherited_roles" must be a list drawn from: ${INHERITABLE_ROLES.join(', ')}.`);
  }
  return { name: name as string | undefined, ttl: (ttl ?? undefined) as number | undefined, inheritedRoles: inherited as string[] };
}
