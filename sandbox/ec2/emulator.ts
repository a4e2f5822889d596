// The emulator: state, faults, lifecycle and call counts behind one loopback HTTP server that
// answers EC2 and STS Query requests and the /_sandbox/ control API.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runEc2Action, type ActionEnv } from './actionRunner';
import { bulkSeed } from './bulkSeed';
import type { ControlTarget, ExtraControlRoute } from './controlApi';
import { EndpointLifecycle, ENDPOINT_STATES } from './endpointLifecycle';
import { FaultController } from './faults';
import { Lifecycle } from './lifecycle';
import { Ec2ReadModel } from './readModel';
import { handleRequest, type RequestTarget } from './requestRouter';
import type { JsonServiceHandler } from './serviceHttp';
import { buildState, loadSeed, seedFaults } from './seed';
import type { Ec2EmulatorOptions, Ec2Faults } from './types';
import { endpointView, instanceView, networkAclView, securityGroupView, subnetView, vpcView } from './views';

export class Ec2Emulator extends Ec2ReadModel implements ControlTarget {
  /** http://127.0.0.1:<port>; EC2 and STS both answer here. */
  url = '';
  readonly accountId: string;
  private readonly faultControl = new FaultController();
  private readonly lifecycle: Lifecycle;
  private readonly endpointLifecycle: EndpointLifecycle;
  private readonly counts = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private server: Server | undefined;
  private readonly controlRoutes = new Map<string, ExtraControlRoute>();
  private readonly jsonServices = new Map<string, JsonServiceHandler>();

  constructor(opts: Ec2EmulatorOptions = {}) {
    const seed = loadSeed(opts.seed);
    super(buildState(seed));
    const fromSeed = seedFaults(seed);
    this.accountId = this.state.identity.accountId;
    this.now = opts.now ?? Date.now;
    this.lifecycle = new Lifecycle(this.now, () => this.emitChange());
    this.endpointLifecycle = new EndpointLifecycle(
      this.lifecycle,
      {
        availableAfterMs: opts.endpointAvailableAfterMs ?? fromSeed.endpointAvailableAfterMs ?? 4000,
        deleteAfterMs: opts.deleteAfterMs ?? 2000,
        eniLingerMs: opts.eniLingerMs ?? 2000,
        deletedVisibleMs: opts.deletedVisibleMs ?? 600_000,
      },
      this.now,
    );
    this.faultControl.set(fromSeed.faults);
  }

  /** Base of the JSON control API (faults, stats, bulk seed, endpoint states). */
  get controlUrl(): string {
    return `${this.url}/_sandbox`;
  }

  async listen(port = 0): Promise<void> {
    const target = this.requestTarget();
    const server = createServer((req, res) => {
      handleRequest(target, req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`internal error: ${(err as Error).message}`);
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.lifecycle.close();
    this.listeners.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- faults, stats, lifecycle control ------------------------------------------------

  setFaults(f: Partial<Ec2Faults>): void {
    this.faultControl.set(f);
  }

  clearFaults(): void {
    this.faultControl.clear();
  }

  faults(): Ec2Faults {
    return this.faultControl.current();
  }

  setEndpointDelay(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('The endpoint delay must be 0 ms or more.');
    this.endpointLifecycle.timings.availableAfterMs = ms;
  }

  setEndpointState(endpointId: string, state: string): void {
    if (!ENDPOINT_STATES.includes(state)) throw new Error(`Unknown endpoint state ${state}; use one of ${ENDPOINT_STATES.join(', ')}.`);
    for (const region of this.state.regions.values()) {
      const endpoint = region.endpoints.get(endpointId);
      if (endpoint) {
        this.endpointLifecycle.setState(region, endpoint, state);
        this.emitChange();
        return;
      }
    }
    throw new Error(`No endpoint ${endpointId} in any region.`);
  }

  /** Applies due lifecycle transitions now (useful with an injected clock). */
  tick(): void {
    this.lifecycle.advance();
  }

  protected advance(): void {
    this.lifecycle.advance();
  }

  callCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  resetCallCounts(): void {
    this.counts.clear();
  }

  bulkSeed(region: string, vpcs: number, endpoints: number): { vpcIds: string[]; endpointIds: string[] } {
    const result = bulkSeed(this.state.region(region), vpcs, endpoints, this.now());
    this.emitChange();
    return result;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emitChange(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A listener's failure must not break the request that changed the state.
      }
    }
  }

  /** Everything, for `GET /_sandbox/state`; the per-id reads are in Ec2ReadModel. */
  snapshot(): unknown {
    this.lifecycle.advance();
    return {
      accountId: this.accountId,
      faults: this.faults(),
      timings: { ...this.endpointLifecycle.timings },
      regions: this.regionsFor().map((r) => ({
        name: r.name,
        vpcs: [...r.vpcs.values()].map((v) => vpcView(r, v)),
        subnets: [...r.subnets.values()].map((s) => subnetView(r, s)),
        securityGroups: [...r.securityGroups.values()].map((g) => securityGroupView(r, g)),
        networkAcls: [...r.networkAcls.values()].map((a) => networkAclView(r, a)),
        endpointServices: [...r.services.values()].map((s) => ({ serviceName: s.serviceName, availabilityZones: s.availabilityZones, privateDnsName: s.privateDnsName })),
        endpoints: [...r.endpoints.values()].map((e) => endpointView(r, e)),
        instances: [...r.instances.values()].map((i) => instanceView(r, i)),
      })),
    };
  }

  // ---- other services on this port ----------------------------------------------------

  /** Adds a control route for another part of the sandbox (e.g. `POST /_sandbox/dns/override`). */
  addControlRoute(method: 'GET' | 'POST', path: string, handler: ExtraControlRoute): void {
    this.controlRoutes.set(`${method} ${path}`, handler);
  }

  /** Serves a JSON-protocol service (e.g. `AmazonSSM`) on this port, chosen by `X-Amz-Target`. */
  addJsonService(targetPrefix: string, handler: JsonServiceHandler): void {
    this.jsonServices.set(targetPrefix, handler);
  }

  extraRoutes(): ReadonlyMap<string, ExtraControlRoute> {
    return this.controlRoutes;
  }

  /** The emulator as the request router sees it; maps are shared, so later additions count. */
  private requestTarget(): RequestTarget {
    const env: ActionEnv = {
      state: this.state,
      accountId: this.accountId,
      now: this.now,
      endpoints: this.endpointLifecycle,
      faults: this.faultControl,
      changed: () => this.emitChange(),
    };
    return {
      control: this,
      jsonServices: this.jsonServices,
      faults: this.faultControl,
      identity: this.state.identity,
      count: (key) => this.counts.set(key, (this.counts.get(key) ?? 0) + 1),
      advance: () => this.lifecycle.advance(),
      runEc2: (action, params, region) => runEc2Action(env, action, params, region),
    };
  }
}
