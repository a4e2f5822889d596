// The PlanetScale API stand-in: seeded organization, two service tokens (one full, one without
// branch access), roles that are real Postgres logins.
import { PlanetScaleApiServer, ApiRequestRecord } from './apiServer';
import { defaultPlanetScaleSeed, PlanetScaleSeed, privateHostsOfSeed } from './seed';
import { PlanetScaleStore, RoleProvisioner, SeededRole } from './store';
import { ALL_ACCESSES, newServiceToken, ServiceToken } from './tokens';

export type { PlanetScaleSeed, RoleProvisioner, SeededRole, ServiceToken, ApiRequestRecord };
export { defaultPlanetScaleSeed, privateHostsOfSeed };

export interface PlanetScaleApiOptions {
  provisioner: RoleProvisioner;
  seed?: PlanetScaleSeed;
  /** Items per page when the client sends no `per_page` (PlanetScale's default is 25). */
  defaultPerPage?: number;
  port?: number;
}

export interface PlanetScaleApi {
  /** The API base, like https://api.planetscale.com/v1. */
  url: string;
  organization: string;
  /** A token with every access the extension needs. */
  token: ServiceToken;
  /** A valid token without `read_branch` or password accesses (for 403 paths). */
  limitedToken: ServiceToken;
  /** The default `postgres` role of every Postgres branch, with its password (in-process only). */
  seededRoles(): SeededRole[];
  /** Private host names of all Postgres branches. */
  privateHosts(): string[];
  /** The Private Service Name whose edge serves a branch's private host (the forwarders' edge). */
  serviceNameForHost(host: string): string | undefined;
  /** Caps every page at `n` items whatever `per_page` asks, so clients must follow `next_page`. */
  setMaxPerPage(n: number): void;
  /** The next `count` authenticated requests (of `method`, default any) fail with `status` (429 carries Retry-After). */
  failNext(count: number, status: number, message?: string, method?: string): void;
  /** Requests seen so far (method, path, query, status; never headers). */
  requests(): ApiRequestRecord[];
  close(): Promise<void>;
}

/** Builds the seeded state (creating the default roles in Postgres) before listening. */
export async function startPlanetScaleApi(options: PlanetScaleApiOptions): Promise<PlanetScaleApi> {
  const store = new PlanetScaleStore(options.seed ?? defaultPlanetScaleSeed(), options.provisioner);
  await store.seedDefaultRoles();
  const token = newServiceToken(ALL_ACCESSES);
  const limitedToken = newServiceToken(['read_organization', 'read_database']);
  const server = new PlanetScaleApiServer({ store, tokens: [token, limitedToken], defaultPerPage: options.defaultPerPage ?? 25 });
  const url = await server.listen('127.0.0.1', options.port ?? 0);
  return {
    url,
    organization: store.organization.name,
    token,
    limitedToken,
    seededRoles: () => store.seededRoles(),
    privateHosts: () => store.privateHosts(),
    serviceNameForHost: (host) => store.serviceNameForHost(host),
    setMaxPerPage(n) {
      if (!Number.isInteger(n) || n < 1) throw new Error(`setMaxPerPage: n must be a positive integer, got ${n}.`);
      server.maxPerPage = n;
    },
    failNext(count, status, message, method) {
      const code = status === 429 ? 'rate_limited' : status >= 500 ? 'internal' : 'error';
      server.faults.push({ status, code, message: message ?? `Sandbox fault: HTTP ${status}.`, remaining: count, ...(method ? { method } : {}) });
    },
    requests: () => server.requests.snapshot(),
    close: () => server.close(),
  };
}
