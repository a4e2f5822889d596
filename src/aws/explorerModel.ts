// What the AWS tree shows, loaded efficiently: per region exactly one paginated DescribeVpcs and
// one paginated DescribeVpcEndpoints (never one call per VPC), regions concurrently, a newer
// load aborting an older one, results cached until refresh.
import { AwsSettingsError, classifyAwsError } from './awsErrors';
import { getCallerIdentity } from './ec2Queries';
import { listInterfaceEndpoints } from './endpointQueries';
import { throwIfAborted } from './queryHelpers';
import { listVpcs } from './vpcQueries';
import type {
  AwsClients,
  AwsClientsFactory,
  AwsExplorerResult,
  CallerIdentity,
  InterfaceEndpoint,
  RegionContents,
  RegionLoadResult,
  VpcNode,
  VpcSummary,
} from './types';
import type { ClassifiedAwsError } from './awsErrorTypes';

export interface LoadRegionInput {
  clients: AwsClients;
  /** Defaults to the clients' region. */
  region?: string;
  signal?: AbortSignal;
  pageSize?: number;
}

/** Groups endpoints under their VPC; endpoints of VPCs not listed (shared VPCs) go to orphans. */
export function groupEndpointsByVpc(
  vpcs: readonly VpcSummary[],
  endpoints: readonly InterfaceEndpoint[],
): { vpcs: VpcNode[]; orphanEndpoints: InterfaceEndpoint[] } {
  const nodes = new Map<string, VpcNode>(vpcs.map((vpc) => [vpc.id, { vpc, endpoints: [] }]));
  const orphanEndpoints: InterfaceEndpoint[] = [];
  for (const endpoint of endpoints) {
    const node = nodes.get(endpoint.vpcId);
    if (node) node.endpoints.push(endpoint);
    else orphanEndpoints.push(endpoint);
  }
  return { vpcs: [...nodes.values()], orphanEndpoints };
}

/** One region's VPCs with their interface endpoints: two paginated EC2 calls, in parallel. */
export async function loadRegion(input: LoadRegionInput): Promise<RegionContents> {
  const { clients, signal, pageSize } = input;
  throwIfAborted(signal);
  const [vpcs, endpoints] = await Promise.all([
    listVpcs(clients.ec2, { signal, pageSize }),
    listInterfaceEndpoints(clients.ec2, { signal, pageSize }),
  ]);
  throwIfAborted(signal);
  return { region: input.region ?? clients.region, ...groupEndpointsByVpc(vpcs, endpoints), loadedAt: new Date() };
}

export interface LoadAwsExplorerInput {
  profile: string;
  regions: readonly string[];
  clientsFactory: AwsClientsFactory;
  endpointUrl?: string;
  env?: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
  pageSize?: number;
  /** Skip GetCallerIdentity when the account is already known. */
  identity?: CallerIdentity;
}

function abortError(): Error {
  const err = new Error('The load was superseded by a newer one.');
  err.name = 'AbortError';
  return err;
}

async function loadRegionResult(input: LoadAwsExplorerInput, region: string): Promise<RegionLoadResult> {
  const context = { profile: input.profile, region, endpointUrl: input.endpointUrl };
  try {
    const clients = input.clientsFactory({ profile: input.profile, region, endpointUrl: input.endpointUrl, env: input.env });
    const contents = await loadRegion({ clients, region, signal: input.signal, pageSize: input.pageSize });
    return { region, ok: true, contents };
  } catch (err) {
    return { region, ok: false, error: classifyAwsError(err, context) };
  }
}

/**
 * Loads every region concurrently, plus the caller identity (for the account id). An error in
 * one region is that region's result and hides nothing else. Rejects with an AbortError when
 * the signal fires, so a superseded load never yields half-cancelled results.
 */
export async function loadAwsExplorer(input: LoadAwsExplorerInput): Promise<AwsExplorerResult> {
  if (input.regions.length === 0) {
    throw new AwsSettingsError('region', 'No AWS region to show: set the regions setting, or a region in the profile.');
  }
  const regions = [...new Set(input.regions)];
  const identityPromise: Promise<{ identity?: CallerIdentity; identityError?: ClassifiedAwsError }> = input.identity
    ? Promise.resolve({ identity: input.identity })
    : (async () => {
        try {
          const { sts } = input.clientsFactory({ profile: input.profile, region: regions[0], endpointUrl: input.endpointUrl, env: input.env });
          return { identity: await getCallerIdentity(sts, { signal: input.signal }) };
        } catch (err) {
          return { identityError: classifyAwsError(err, { profile: input.profile, region: regions[0], endpointUrl: input.endpointUrl, operation: 'sts:GetCallerIdentity' }) };
        }
      })();
  const [identity, results] = await Promise.all([identityPromise, Promise.all(regions.map((r) => loadRegionResult(input, r)))]);
  if (input.signal?.aborted) throw abortError();
  return { profile: input.profile, ...identity, regions: results };
}

export interface ExplorerLoadRequest {
  profile: string;
  regions: readonly string[];
  endpointUrl?: string;
  /** Ignore cached results (a user refresh). */
  force?: boolean;
}

export interface ExplorerLoaderOptions {
  env?: Readonly<Record<string, string | undefined>>;
  pageSize?: number;
}

/**
 * Loads for the tree. Successful region results are cached by profile + account + region +
 * endpoint URL until refresh; failures are not cached (the next load retries). Starting a load
 * for a different request, or any refresh, aborts the load in flight: its promise rejects with
 * an AbortError and it never writes the cache.
 */
export class ExplorerLoader {
  private readonly regionCache = new Map<string, RegionContents>();
  private readonly identityCache = new Map<string, CallerIdentity>();
  private inFlight: { key: string; controller: AbortController; promise: Promise<AwsExplorerResult> } | undefined;

  constructor(
    private readonly clientsFactory: AwsClientsFactory,
    private readonly options: ExplorerLoaderOptions = {},
  ) {}

  /** Cached results when complete, else a load (shared with an identical load in flight). */
  load(request: ExplorerLoadRequest): Promise<AwsExplorerResult> {
    const key = requestKey(request);
    if (!request.force) {
      const cached = this.fromCache(request);
      if (cached) return Promise.resolve(cached);
      if (this.inFlight?.key === key) return this.inFlight.promise;
    }
    return this.start(request, key);
  }

  /** Drops the cache of this profile and endpoint, then loads afresh. */
  refresh(request: Omit<ExplorerLoadRequest, 'force'>): Promise<AwsExplorerResult> {
    this.invalidate(request.profile);
    return this.load({ ...request, force: true });
  }

  /** Reloads one region (per-node refresh), keeping the others cached. */
  async refreshRegion(request: Omit<ExplorerLoadRequest, 'force' | 'regions'> & { region: string }): Promise<RegionLoadResult> {
    const identity = this.identityCache.get(identityKey(request.profile, request.endpointUrl));
    const result = await loadRegionResult(
      { profile: request.profile, regions: [request.region], clientsFactory: this.clientsFactory, endpointUrl: request.endpointUrl, env: this.options.env, pageSize: this.options.pageSize },
      request.region,
    );
    const key = identity ? regionKey(request.profile, identity.account, request.region, request.endpointUrl) : undefined;
    if (key) {
      if (result.ok) this.regionCache.set(key, result.contents);
      else this.regionCache.delete(key);
    }
    return result;
  }

  /** Forgets cached results (of one profile, or all). */
  invalidate(profile?: string): void {
    for (const map of [this.regionCache, this.identityCache] as Map<string, unknown>[]) {
      for (const key of map.keys()) {
        if (profile === undefined || (JSON.parse(key) as string[])[0] === profile) map.delete(key);
      }
    }
  }

  /** Aborts the load in flight, if any. */
  cancel(): void {
    this.inFlight?.controller.abort();
    this.inFlight = undefined;
  }

  dispose(): void {
    this.cancel();
    this.invalidate();
  }

  private fromCache(request: ExplorerLoadRequest): AwsExplorerResult | undefined {
    const identity = this.identityCache.get(identityKey(request.profile, request.endpointUrl));
    if (!identity) return undefined;
    const regions: RegionLoadResult[] = [];
    for (const region of new Set(request.regions)) {
      const contents = this.regionCache.get(regionKey(request.profile, identity.account, region, request.endpointUrl));
      if (!contents) return undefined;
      regions.push({ region, ok: true, contents });
    }
    return { profile: request.profile, identity, regions };
  }

  private start(request: ExplorerLoadRequest, key: string): Promise<AwsExplorerResult> {
    this.inFlight?.controller.abort();
    const controller = new AbortController();
    const promise = this.fetch(request, controller.signal).finally(() => {
      if (this.inFlight?.controller === controller) this.inFlight = undefined;
    });
    this.inFlight = { key, controller, promise };
    return promise;
  }

  private async fetch(request: ExplorerLoadRequest, signal: AbortSignal): Promise<AwsExplorerResult> {
    const idKey = identityKey(request.profile, request.endpointUrl);
    const knownIdentity = request.force ? undefined : this.identityCache.get(idKey);
    const regions = [...new Set(request.regions)];
    // With a known account, only the regions missing from the cache are fetched.
    const cachedContents = new Map<string, RegionContents>();
    if (knownIdentity) {
      for (const region of regions) {
        const hit = this.regionCache.get(regionKey(request.profile, knownIdentity.account, region, request.endpointUrl));
        if (hit) cachedContents.set(region, hit);
      }
    }
    const toLoad = regions.filter((r) => !cachedContents.has(r));
    const loaded = await loadAwsExplorer({
      profile: request.profile,
      regions: toLoad.length > 0 ? toLoad : regions,
      clientsFactory: this.clientsFactory,
      endpointUrl: request.endpointUrl,
      env: this.options.env,
      signal,
      pageSize: this.options.pageSize,
      identity: knownIdentity,
    });
    if (signal.aborted) throw abortError();
    if (loaded.identity) {
      this.identityCache.set(idKey, loaded.identity);
      for (const r of loaded.regions) {
        if (r.ok) this.regionCache.set(regionKey(request.profile, loaded.identity.account, r.region, request.endpointUrl), r.contents);
      }
    }
    const byRegion = new Map(loaded.regions.map((r) => [r.region, r]));
    return {
      ...loaded,
      regions: regions.map((region) => byRegion.get(region) ?? { region, ok: true as const, contents: cachedContents.get(region) as RegionContents }),
    };
  }
}

function endpointKeyPart(endpointUrl: string | undefined): string {
  return endpointUrl?.trim() ?? '';
}

function identityKey(profile: string, endpointUrl: string | undefined): string {
  return JSON.stringify([profile, endpointKeyPart(endpointUrl)]);
}

function regionKey(profile: string, account: string, region: string, endpointUrl: string | undefined): string {
  return JSON.stringify([profile, account, region, endpointKeyPart(endpointUrl)]);
}

function requestKey(request: ExplorerLoadRequest): string {
  return JSON.stringify([request.profile, [...new Set(request.regions)].sort(), endpointKeyPart(request.endpointUrl)]);
}
