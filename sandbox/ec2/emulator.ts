// The emulator: state, faults, lifecycle and call counts behind one loopback HTTP server that
// answers EC2 and STS Query requests and the /_sandbox/ control API.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bulkSeed } from './bulkSeed';
import type { HandlerContext } from './context';
import { handleControl, type ControlTarget, type ExtraControlRoute } from './controlApi';
import { EC2_ACTIONS, resourceArnFor } from './dispatch';
import { EndpointLifecycle, ENDPOINT_STATES } from './endpointLifecycle';
import { FaultController } from './faults';
import { requestId as newRequestId } from './ids';
import { Lifecycle } from './lifecycle';
import { Ec2Error, ec2ErrorXml, ec2ResponseXml, parseSigV4Authorization, QueryParams } from './queryProtocol';
import { readBody, type JsonServiceHandler } from './serviceHttp';
import { buildState, loadSeed, seedFaults } from './seed';
import type { Ec2State, RegionState } from './state';
import { encodeAuthorizationMessage, handleSts, STS_ACTIONS, StsError, stsErrorXml } from './sts';
import type {
  Ec2EmulatorOptions,
  Ec2Faults,
  SandboxEndpointView,
  SandboxInstance,
  SandboxNetworkAcl,
  SandboxSecurityGroup,
  SandboxSubnet,
  SandboxVpc,
} from './types';
import { endpointView, instanceView, networkAclView, securityGroupView, subnetView, vpcView } from './views';

/** A lost reply: the action happened, but the client sees the connection reset, never an answer. */
function dropReply(res: ServerResponse): void {
  res.socket?.destroy();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Ec2Emulator implements ControlTarget {
  /** http://127.0.0.1:<port>; EC2 and STS both answer here. */
  url = '';
  readonly accountId: string;
  private readonly state: Ec2State;
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
    this.state = buildState(seed);
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
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
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

  // ---- read model ----------------------------------------------------------------------

  regions(): string[] {
    return [...this.state.regions.values()].filter((r) => r.seeded).map((r) => r.name);
  }

  private regionsFor(region?: string): RegionState[] {
    if (region) return this.state.regions.has(region) ? [this.state.regions.get(region) as RegionState] : [];
    return [...this.state.regions.values()];
  }

  endpoints(region?: string): SandboxEndpointView[] {
    this.lifecycle.advance();
    return this.regionsFor(region).flatMap((r) => [...r.endpoints.values()].map((e) => endpointView(r, e)));
  }

  securityGroup(region: string, id: string): SandboxSecurityGroup | undefined {
    const r = this.state.regions.get(region);
    const g = r?.securityGroups.get(id);
    return r && g ? securityGroupView(r, g) : undefined;
  }

  networkAclForSubnet(region: string, subnetId: string): SandboxNetworkAcl | undefined {
    const r = this.state.regions.get(region);
    const acl = r?.aclForSubnet(subnetId);
    return r && acl ? networkAclView(r, acl) : undefined;
  }

  subnet(region: string, id: string): SandboxSubnet | undefined {
    const r = this.state.regions.get(region);
    const s = r?.subnets.get(id);
    return r && s ? subnetView(r, s) : undefined;
  }

  vpc(region: string, id: string): SandboxVpc | undefined {
    const r = this.state.regions.get(region);
    const v = r?.vpcs.get(id);
    return r && v ? vpcView(r, v) : undefined;
  }

  subnets(region: string, vpcId?: string): SandboxSubnet[] {
    const r = this.state.regions.get(region);
    return r ? [...r.subnets.values()].filter((s) => !vpcId || s.vpcId === vpcId).map((s) => subnetView(r, s)) : [];
  }

  vpcIdByName(region: string, name: string): string | undefined {
    return [...(this.state.regions.get(region)?.vpcs.values() ?? [])].find((v) => v.tags.get('Name') === name)?.vpcId;
  }

  /** A subnet by Name tag ("app-vpc-us-east-1a"), or by VPC name and availability zone. */
  subnetIdByName(region: string, name: string): string | undefined {
    return [...(this.state.regions.get(region)?.subnets.values() ?? [])].find((s) => s.tags.get('Name') === name)?.subnetId;
  }

  subnetIdByAz(region: string, vpcName: string, availabilityZone: string): string | undefined {
    const vpcId = this.vpcIdByName(region, vpcName);
    return [...(this.state.regions.get(region)?.subnets.values() ?? [])].find((s) => s.vpcId === vpcId && s.availabilityZone === availabilityZone)?.subnetId;
  }

  securityGroupIdByName(region: string, vpcName: string, groupName: string): string | undefined {
    const vpcId = this.vpcIdByName(region, vpcName);
    return vpcId ? this.state.regions.get(region)?.groupByName(vpcId, groupName)?.groupId : undefined;
  }

  /** The seeded application instance(s): the client VPC rules are evaluated for. */
  instances(region?: string): SandboxInstance[] {
    return this.regionsFor(region).flatMap((r) => [...r.instances.values()].map((i) => instanceView(r, i)));
  }

  applicationInstance(region = 'us-east-1'): SandboxInstance | undefined {
    return this.instances(region)[0];
  }

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

  // ---- the Query protocol --------------------------------------------------------------

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (url.pathname.startsWith('/_sandbox/') || url.pathname === '/_sandbox') {
      handleControl(this, req, body, res);
      return;
    }
    const target = req.headers['x-amz-target'];
    const jsonService = typeof target === 'string' ? this.jsonServices.get(target.split('.')[0]) : undefined;
    if (jsonService) {
      await jsonService({ target: target as string, body, scope: parseSigV4Authorization(req.headers.authorization), faults: this.faultControl, identity: this.state.identity }, res);
      return;
    }
    const requestId = newRequestId();
    const params = QueryParams.fromBody([url.search.slice(1), body].filter(Boolean).join('&'));
    const action = params.get('Action') ?? '';
    const scope = parseSigV4Authorization(req.headers.authorization);
    const isSts = scope ? scope.service === 'sts' : STS_ACTIONS.has(action);

    const reply = (status: number, xml: string) => {
      res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId, 'content-length': Buffer.byteLength(xml) });
      res.end(xml);
    };

    if (isSts) {
      this.count(`sts:${action || '(none)'}`);
      await this.delay(action);
      try {
        if (!scope) throw new StsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
        reply(200, handleSts(action, params, this.state.identity, requestId));
      } catch (err) {
        const e = err instanceof StsError ? err : new StsError('InternalFailure', (err as Error).message, 500);
        reply(e.status, stsErrorXml(e.code, e.message, requestId, e.status));
      }
      return;
    }

    this.count(action || '(none)');
    await this.delay(action);
    this.lifecycle.advance();
    try {
      const xml = this.handleEc2(action, params, scope?.region);
      if (this.faultControl.dropsReply(action)) return dropReply(res);
      reply(200, ec2ResponseXml(action, requestId, xml));
    } catch (err) {
      if (this.faultControl.dropsReply(action)) return dropReply(res);
      const e = err instanceof Ec2Error ? err : new Ec2Error('InternalError', `An internal error has occurred: ${(err as Error).message}`);
      reply(e.status, ec2ErrorXml(e.code, e.message, requestId));
    }
  }

  private async delay(action: string): Promise<void> {
    const ms = this.faultControl.latencyFor(action);
    if (ms > 0) await sleep(ms);
  }

  private handleEc2(action: string, params: QueryParams, region: string | undefined) {
    if (!region) throw new Ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials');
    if (!action) throw new Ec2Error('MissingAction', 'The request must contain the parameter Action');
    const entry = EC2_ACTIONS[action];
    if (!entry) throw new Ec2Error('InvalidAction', `The action ${action} is not valid for this web service.`);
    if (!params.get('Version')) throw new Ec2Error('MissingParameter', 'The request must contain the parameter Version');
    if (this.faultControl.takeThrottle(action)) throw new Ec2Error('RequestLimitExceeded', 'Request limit exceeded.');
    if (this.faultControl.isDenied(action)) throw this.unauthorized(action, region, entry.mutating);
    const dryRun = params.bool('DryRun') === true;
    let dryRunChecked = false;
    const ctx: HandlerContext = {
      action,
      params,
      region: this.state.region(region),
      state: this.state,
      accountId: this.accountId,
      now: this.now,
      endpoints: this.endpointLifecycle,
      faults: this.faultControl,
      checkDryRun: () => {
        dryRunChecked = true;
        if (dryRun) throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
      },
    };
    const result = entry.handler(ctx);
    if (entry.mutating && !dryRunChecked) throw new Error(`${action} did not check DryRun`);
    if (dryRun) throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
    if (entry.mutating) this.emitChange();
    return result;
  }

  private unauthorized(action: string, region: string, mutating: boolean): Ec2Error {
    const { callerArn } = this.state.identity;
    const resource = resourceArnFor(action, region, this.accountId);
    const base = `You are not authorized to perform this operation. User: ${callerArn} is not authorized to perform: ec2:${action}`;
    // Describe calls answer without an encoded message; mutating calls carry one, as in AWS.
    if (!mutating) return new Ec2Error('UnauthorizedOperation', `${base} because no identity-based policy allows the ec2:${action} action`);
    const encoded = encodeAuthorizationMessage(this.state.identity, `ec2:${action}`, resource);
    return new Ec2Error(
      'UnauthorizedOperation',
      `${base} on resource: ${resource} because no identity-based policy allows the ec2:${action} action. Encoded authorization failure message: ${encoded}`,
    );
  }
}
