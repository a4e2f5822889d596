// The extension side of the Create Endpoint form. It receives the webview's messages through a
// channel (the real webview, or a test speaking the same protocol), validates each one, and
// answers: AWS facts for the form, the plan and its exports, and the create run itself. It keeps
// everything the form shows in a HostSnapshot, re-sent whole on `ready`, so a panel that was
// hidden (and so reloaded) gets its data back.
import type * as vscode from 'vscode';
import type { InterfaceEndpoint, SecurityGroupSummary, SubnetSummary, VpcDnsAttributes, VpcSummary } from '../../aws/types';
import { buildEndpointPlan, type EndpointPlan } from '../../aws/createEndpoint/endpointPlan';
import type { EndpointFormInput, ValidationFacts } from '../../aws/createEndpoint/endpointRequest';
import { checkServiceName, serviceNameRegion, validateEndpointForm } from '../../aws/createEndpoint/formValidation';
import type { LazyCore } from '../../lazyCore';
import type { AwsSession } from '../../services/awsSession';
import type { PlanetScaleSession } from '../../services/planetscaleSession';
import type { WorkspaceStore } from '../../services/workspaceStore';
import type { ErrorView, FormAction, HostSnapshot, HostToWebviewMessage, WebviewToHostMessage } from '../protocol/createEndpointProtocol';
import type { Announcements } from '../../services/announcements';
import { contextChoiceProblem } from './contextChoice';
import { parseWebviewMessage } from './createEndpointMessages';
import type { CreateEndpointUi } from './createEndpointUi';
import { runCreate, type CreateRunHost } from './createRun';
import { awsErrorView } from './errorViews';
import { suggestedNameTag, type CreateEndpointTarget } from './openTarget';
import { cleanupScript, endpointView, planView, serviceView, vpcView } from './planViews';

/** How the controller talks to the page: the webview's own pair, or a test's. */
export interface MessageChannel {
  postMessage(message: HostToWebviewMessage): Thenable<boolean> | Promise<boolean>;
  onDidReceiveMessage: vscode.Event<unknown>;
}

export interface ControllerDeps {
  log: vscode.LogOutputChannel;
  redact: (text: string) => string;
  aws: Pick<AwsSession, 'listProfiles' | 'chosenProfile' | 'chosenRegions' | 'clients'>;
  core: Pick<LazyCore, 'get'>;
  planetscale: Pick<PlanetScaleSession, 'client'>;
  store: WorkspaceStore;
  ui: CreateEndpointUi;
  announcements: Pick<Announcements, 'claim'>;
  executeCommand(command: string, ...args: unknown[]): Thenable<unknown>;
}

/** The chosen VPC as loaded from AWS (full shapes, for validation). */
interface VpcFacts {
  vpc: VpcSummary;
  dns: VpcDnsAttributes;
  subnets: SubnetSummary[];
  securityGroups: SecurityGroupSummary[];
  endpoints: InterfaceEndpoint[];
}

export class CreateEndpointController implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private snapshot: HostSnapshot;
  private initialized: Promise<void> | undefined;
  private vpcFacts: VpcFacts | undefined;
  private vpcsLoading: Promise<void> | undefined;
  private running: AbortController | undefined;
  private cleanup = '';
  private disposed = false;
  /** Handlers still running, so tests (and dispose) can wait for quiet. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deps: ControllerDeps,
    private readonly channel: MessageChannel,
    readonly target: CreateEndpointTarget,
  ) {
    this.snapshot = {
      profile: target.kind === 'vpc' && target.profile ? target.profile : '',
      region: target.kind !== 'palette' && target.region ? target.region : '',
      profiles: [],
      regions: [],
      origin:
        target.kind === 'branch'
          ? { kind: 'branch', organization: target.organization, database: target.database, branch: target.branch, ...(target.privateHost ? { privateHost: target.privateHost } : {}) }
          : target.kind === 'vpc'
            ? { kind: 'vpc', vpcId: target.vpcId }
            : { kind: 'palette' },
      prefill: {
        ...(target.kind === 'branch' && target.serviceName ? { serviceName: target.serviceName } : {}),
        ...(target.kind === 'vpc' ? { vpcId: target.vpcId } : {}),
        nameTag: suggestedNameTag(target),
      },
      ...(target.kind === 'branch' ? { branch: `${target.organization}/${target.database}/${target.branch}` } : {}),
      ...(target.kind === 'branch' && target.privateHost ? { privateHost: target.privateHost } : {}),
    };
    this.subscription = channel.onDidReceiveMessage((raw) => {
      const handled = this.handle(raw);
      this.inFlight.add(handled);
      void handled.finally(() => this.inFlight.delete(handled));
    });
  }

  /** True while a create is running (its waiting can still be cancelled). */
  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Resolves once every message received so far has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  dispose(): void {
    // A running create goes on under its progress notification (cancellable there); only the
    // page is gone.
    this.disposed = true;
    this.subscription.dispose();
  }

  // -------------------------------------------------------------------------------------------
  // Incoming messages

  async handle(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Create Endpoint form: refused a message from the webview: ${this.deps.redact(parsed.reason)}`);
      await this.post({ type: 'rejected', ...(parsed.requestId !== undefined ? { requestId: parsed.requestId } : {}), reason: parsed.reason });
      return;
    }
    try {
      await this.dispatch(parsed.message);
    } catch (err) {
      // Handlers answer their own errors; this is the last guard so the page never waits forever.
      this.deps.log.error(`Create Endpoint form: ${parsed.message.type} failed: ${this.deps.redact(err instanceof Error ? err.stack ?? err.message : String(err))}`);
      const requestId = 'requestId' in parsed.message ? parsed.message.requestId : undefined;
      await this.post({ type: 'rejected', ...(requestId !== undefined ? { requestId } : {}), reason: 'The extension could not handle this request; the log has details.' });
    }
  }

  private async dispatch(message: WebviewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.initialize();
        await this.post({ type: 'snapshot', state: this.snapshot });
        if (!this.snapshot.vpcs && !this.snapshot.vpcsError) {
          await this.loadVpcs();
          await this.post({ type: 'snapshot', state: this.snapshot });
        }
        return;
      case 'changeContext':
        return this.changeContext(message.requestId, message.profile, message.region);
      case 'verifyService':
        await this.initialize();
        return this.verifyService(message.requestId, message.serviceName);
      case 'selectVpc':
        await this.initialize();
        return this.selectVpc(message.requestId, message.vpcId);
      case 'enableVpcDns':
        await this.initialize();
        return this.enableVpcDns(message.requestId, message.vpcId);
      case 'plan':
        await this.initialize();
        return this.planForm(message.requestId, message.form);
      case 'create':
        await this.initialize();
        return this.create(message.requestId, message.form);
      case 'cancel':
        return this.cancel(message.requestId);
      case 'copyExport':
      case 'openExport':
        return this.export(message.type, message.requestId, message.format);
      case 'runAction':
        return this.runAction(message.requestId, message.action);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Context: profile, region, VPC list

  private initialize(): Promise<void> {
    this.initialized ??= this.resolveContext();
    return this.initialized;
  }

  private async resolveContext(): Promise<void> {
    const { aws } = this.deps;
    try {
      const listing = await aws.listProfiles();
      this.snapshot.profiles = listing.profiles.map((p) => p.name);
      this.snapshot.profile ||= aws.chosenProfile(listing) ?? this.snapshot.profiles[0] ?? 'default';
      this.snapshot.regions = aws.chosenRegions(listing, this.snapshot.profile);
    } catch (err) {
      this.deps.log.warn(`Create Endpoint form: could not list AWS profiles: ${this.deps.redact(String(err))}`);
      this.snapshot.profile ||= 'default';
      this.snapshot.vpcsError = awsErrorView(err, {}, this.deps.redact);
    }
    if (this.target.kind === 'branch' && !this.target.serviceName) await this.fetchBranchPrivateInfo();
    const serviceRegion = this.snapshot.prefill.serviceName ? serviceNameRegion(this.snapshot.prefill.serviceName) : undefined;
    this.snapshot.region ||= serviceRegion ?? this.snapshot.regions[0] ?? 'us-east-1';
    if (!this.snapshot.regions.includes(this.snapshot.region)) this.snapshot.regions = [...this.snapshot.regions, this.snapshot.region];
  }

  /** A branch node not expanded yet carries no service name: ask PlanetScale. */
  private async fetchBranchPrivateInfo(): Promise<void> {
    if (this.target.kind !== 'branch') return;
    const { organization, database, branch } = this.target;
    try {
      const client = await this.deps.planetscale.client();
      if (!client) throw new Error('No PlanetScale service token is set.');
      const info = await client.getBranchPrivateInfo(organization, database, branch);
      this.snapshot.prefill.serviceName = info.serviceName;
      this.snapshot.privateHost = info.privateHost;
      if (this.snapshot.origin.kind === 'branch') this.snapshot.origin.privateHost = info.privateHost;
    } catch (err) {
      const reason = this.deps.redact(err instanceof Error ? err.message : String(err));
      this.deps.log.warn(`Create Endpoint form: could not read the Private Service Name of ${organization}/${database}/${branch}: ${reason}`);
      this.snapshot.serviceError = {
        message: `Could not read the Private Service Name of ${organization}/${database}/${branch}: ${reason}`,
        fix: 'Paste it from the PlanetScale dashboard (database → Settings → Roles), or set the PlanetScale service token.',
        field: 'serviceName',
      };
    }
  }

  private loadVpcs(): Promise<void> {
    this.vpcsLoading ??= (async () => {
      const { profile, region } = this.snapshot;
      try {
        const vpcs = await this.deps.core.get().listVpcs(this.deps.aws.clients(profile, region).ec2);
        if (profile !== this.snapshot.profile || region !== this.snapshot.region) return;
        this.snapshot.vpcs = vpcs.map(vpcView);
        this.snapshot.vpcsError = undefined;
      } catch (err) {
        if (profile !== this.snapshot.profile || region !== this.snapshot.region) return;
        this.snapshot.vpcs = undefined;
        this.snapshot.vpcsError = awsErrorView(err, { profile, region, operation: 'ec2:DescribeVpcs' }, this.deps.redact);
        this.deps.log.warn(`Create Endpoint form: listing VPCs in ${region} failed: ${this.snapshot.vpcsError.message}`);
      }
    })().finally(() => (this.vpcsLoading = undefined));
    return this.vpcsLoading;
  }

  private async changeContext(requestId: number, profile: string, region: string): Promise<void> {
    await this.initialize();
    const problem = contextChoiceProblem({ profile, region }, this.snapshot);
    if (problem) {
      await this.post({ type: 'rejected', requestId, reason: problem });
      return;
    }
    if (this.running) {
      await this.post({ type: 'rejected', requestId, reason: 'Wait for the running create (or stop it) before switching profile or region.' });
      return;
    }
    this.snapshot = { ...this.snapshot, profile: profile.trim(), region: region.trim(), vpcs: undefined, vpcsError: undefined, vpcDetails: undefined, vpcDetailsError: undefined, service: undefined, serviceError: undefined, plan: undefined };
    if (!this.snapshot.regions.includes(this.snapshot.region)) this.snapshot.regions = [...this.snapshot.regions, this.snapshot.region];
    this.vpcFacts = undefined;
    await this.loadVpcs();
    await this.post({ type: 'snapshot', requestId, state: this.snapshot });
  }

  // -------------------------------------------------------------------------------------------
  // Service and VPC facts

  private async verifyService(requestId: number, serviceName: string): Promise<void> {
    const name = serviceName.trim();
    const { profile, region } = this.snapshot;
    const formatProblem = checkServiceName(name, region);
    if (formatProblem) {
      this.snapshot.service = undefined;
      this.snapshot.serviceError = { message: formatProblem, field: 'serviceName' };
    } else {
      try {
        const details = await this.deps.core.get().describeEndpointService(this.deps.aws.clients(profile, region).ec2, name, { region });
        this.snapshot.service = serviceView(details);
        this.snapshot.serviceError = undefined;
        this.deps.log.info(`Verified endpoint service ${name}: zones ${details.availabilityZones.join(', ')}, acceptance ${details.acceptanceRequired ? 'required' : 'not required'}.`);
      } catch (err) {
        this.snapshot.service = undefined;
        this.snapshot.serviceError = awsErrorView(err, { profile, region, operation: 'ec2:DescribeVpcEndpointServices' }, this.deps.redact);
        this.deps.log.warn(`Verifying ${name} failed: ${this.snapshot.serviceError.message}`);
      }
    }
    await this.post({ type: 'serviceVerified', requestId, ...(this.snapshot.service ? { service: this.snapshot.service } : {}), ...(this.snapshot.serviceError ? { error: this.snapshot.serviceError } : {}) });
  }

  private knownVpc(vpcId: string): string | undefined {
    if (!/^vpc-[0-9a-f]+$/.test(vpcId)) return `"${vpcId}" is not a VPC id.`;
    if (this.snapshot.vpcs && !this.snapshot.vpcs.some((v) => v.id === vpcId)) {
      return `${vpcId} is not among the VPCs of ${this.snapshot.region} for profile "${this.snapshot.profile}"; reload the list and choose again.`;
    }
    return undefined;
  }

  private async selectVpc(requestId: number, vpcId: string): Promise<void> {
    if (!this.snapshot.vpcs) await this.loadVpcs();
    const unknown = this.knownVpc(vpcId);
    if (unknown) {
      this.snapshot.vpcDetails = undefined;
      this.snapshot.vpcDetailsError = { message: unknown, field: 'vpcId' };
      await this.post({ type: 'vpcLoaded', requestId, error: this.snapshot.vpcDetailsError });
      return;
    }
    await this.loadVpcDetails(vpcId);
    await this.post({ type: 'vpcLoaded', requestId, ...(this.snapshot.vpcDetails ? { details: this.snapshot.vpcDetails } : {}), ...(this.snapshot.vpcDetailsError ? { error: this.snapshot.vpcDetailsError } : {}) });
  }

  private async loadVpcDetails(vpcId: string): Promise<void> {
    const { profile, region } = this.snapshot;
    const core = this.deps.core.get();
    const { ec2 } = this.deps.aws.clients(profile, region);
    try {
      const [vpcs, dns, subnets, securityGroups, endpoints] = await Promise.all([
        this.snapshot.vpcs ? Promise.resolve(undefined) : core.listVpcs(ec2),
        core.getVpcDnsAttributes(ec2, vpcId),
        core.listSubnets(ec2, vpcId),
        core.listSecurityGroups(ec2, vpcId),
        core.listInterfaceEndpoints(ec2, { filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
      ]);
      const vpc = (vpcs ?? []).find((v) => v.id === vpcId) ?? this.vpcFromList(vpcId);
      if (!vpc) throw Object.assign(new Error(`VPC ${vpcId} was not found in ${region}.`), { name: 'InvalidVpcID.NotFound', Code: 'InvalidVpcID.NotFound' });
      this.vpcFacts = { vpc, dns, subnets, securityGroups, endpoints };
      this.snapshot.vpcDetails = {
        vpc: vpcView(vpc),
        dns,
        subnets: subnets.map((s) => ({ id: s.id, vpcId: s.vpcId, availabilityZone: s.availabilityZone, cidrBlock: s.cidrBlock, ...(s.name ? { name: s.name } : {}), ...(s.availableIpAddressCount !== undefined ? { availableIpAddressCount: s.availableIpAddressCount } : {}) })),
        securityGroups: securityGroups.map((g) => ({ id: g.id, name: g.name, ...(g.description ? { description: g.description } : {}), ...(g.vpcId ? { vpcId: g.vpcId } : {}), tags: { ...g.tags }, ingress: g.ingress })),
        endpoints: endpoints.map(endpointView),
      };
      this.snapshot.vpcDetailsError = undefined;
    } catch (err) {
      this.vpcFacts = undefined;
      this.snapshot.vpcDetails = undefined;
      this.snapshot.vpcDetailsError = { ...awsErrorView(err, { profile, region }, this.deps.redact), field: 'vpcId' };
      this.deps.log.warn(`Loading ${vpcId} failed: ${this.snapshot.vpcDetailsError.message}`);
    }
  }

  /** The full VpcSummary of a listed VPC (the view keeps what validation needs). */
  private vpcFromList(vpcId: string): VpcSummary | undefined {
    const v = this.snapshot.vpcs?.find((x) => x.id === vpcId);
    return v ? { id: v.id, ...(v.name ? { name: v.name } : {}), cidrBlock: v.cidrBlock, cidrBlocks: v.cidrBlocks, isDefault: v.isDefault, tags: {} } : undefined;
  }

  private async enableVpcDns(requestId: number, vpcId: string): Promise<void> {
    const unknown = this.knownVpc(vpcId);
    const reply = async (error?: ErrorView) =>
      this.post({ type: 'vpcLoaded', requestId, ...(this.snapshot.vpcDetails ? { details: this.snapshot.vpcDetails } : {}), ...(error ? { error } : {}) });
    if (unknown) return reply({ message: unknown, field: 'vpcId' });
    const { profile, region } = this.snapshot;
    const name = this.snapshot.vpcs?.find((v) => v.id === vpcId)?.name;
    const agreed = await this.deps.ui.confirm(
      `Turn on DNS support and DNS hostnames for ${name ? `${name} (${vpcId})` : vpcId}?`,
      'Private DNS for the endpoint needs both VPC settings. This changes the VPC for everything in it: instances with public IPs also get public DNS names. ' +
        `The same with the AWS CLI: aws ec2 modify-vpc-attribute --region ${region} --vpc-id ${vpcId} --enable-dns-support; then the same with --enable-dns-hostnames.`,
      'Turn On',
    );
    if (!agreed) {
      this.deps.log.info(`Left the DNS settings of ${vpcId} unchanged (not confirmed).`);
      return reply();
    }
    try {
      await this.deps.core.get().setVpcDnsAttributes(this.deps.aws.clients(profile, region).ec2, vpcId, { enableDnsSupport: true, enableDnsHostnames: true });
      this.deps.log.info(`Turned on enableDnsSupport and enableDnsHostnames for ${vpcId} (${region}).`);
    } catch (err) {
      const error = { ...awsErrorView(err, { profile, region, operation: 'ec2:ModifyVpcAttribute' }, this.deps.redact), field: 'privateDns' };
      this.deps.log.warn(`Turning on DNS for ${vpcId} failed: ${error.message}`);
      return reply(error);
    }
    await this.loadVpcDetails(vpcId);
    return reply(this.snapshot.vpcDetailsError);
  }

  // -------------------------------------------------------------------------------------------
  // Plan and create

  /** The host decides region and branch; the page only proposes the rest. */
  private authoritative(form: EndpointFormInput): EndpointFormInput {
    const rest: EndpointFormInput = { ...form };
    delete rest.branch;
    return { ...rest, region: this.snapshot.region, ...(this.snapshot.branch ? { branch: this.snapshot.branch } : {}) };
  }

  private facts(form: EndpointFormInput): ValidationFacts {
    const facts: ValidationFacts = {};
    if (this.snapshot.service && this.snapshot.service.serviceName === form.serviceName.trim()) facts.service = this.snapshot.service;
    const v = this.vpcFacts;
    if (v && v.vpc.id === form.vpcId.trim()) {
      facts.vpc = v.vpc;
      facts.vpcDns = v.dns;
      facts.subnets = v.subnets;
      facts.securityGroups = v.securityGroups;
      facts.existingEndpoints = v.endpoints.filter((e) => e.serviceName === form.serviceName.trim());
    }
    return facts;
  }

  private buildPlan(form: EndpointFormInput): { plan?: EndpointPlan; issues: ReturnType<typeof validateEndpointForm>['issues'] } {
    const facts = this.facts(form);
    const result = validateEndpointForm(form, facts);
    if (!result.request) return { issues: result.issues };
    const subnetAvailabilityZones = facts.subnets ? Object.fromEntries(facts.subnets.map((s) => [s.id, s.availabilityZone])) : undefined;
    const plan = buildEndpointPlan(result.request, {
      ...(facts.service ? { acceptanceRequired: facts.service.acceptanceRequired } : {}),
      ...(subnetAvailabilityZones ? { subnetAvailabilityZones } : {}),
    });
    return { plan, issues: result.issues };
  }

  private async planForm(requestId: number, raw: EndpointFormInput): Promise<void> {
    const { plan, issues } = this.buildPlan(this.authoritative(raw));
    this.snapshot.plan = plan ? planView(plan) : undefined;
    await this.post({ type: 'planned', requestId, issues, ...(this.snapshot.plan ? { plan: this.snapshot.plan } : {}) });
  }

  private async create(requestId: number, raw: EndpointFormInput): Promise<void> {
    if (this.running) {
      await this.post({ type: 'rejected', requestId, reason: 'A create is already running in this form; wait for it or stop it first.' });
      return;
    }
    const abort = new AbortController();
    this.running = abort;
    this.snapshot.run = { requestId, phase: 'validating', events: [], cancelRequested: false };
    const host: CreateRunHost = {
      deps: this.deps,
      snapshot: () => this.snapshot,
      buildPlan: (form) => this.buildPlan(form),
      setPlan: (plan) => (this.snapshot.plan = planView(plan)),
      post: (message) => this.post(message),
      setCleanup: (left) => (this.cleanup = cleanupScript(left)),
    };
    try {
      await runCreate(host, requestId, this.authoritative(raw), abort);
    } finally {
      this.running = undefined;
    }
    // Facts changed (a new endpoint and group exist): the next plan must see them.
    if (this.vpcFacts) await this.loadVpcDetails(this.vpcFacts.vpc.id);
    await this.post({ type: 'snapshot', state: this.snapshot });
  }

  private async cancel(requestId: number): Promise<void> {
    if (!this.running) {
      await this.post({ type: 'actionDone', requestId, ok: false, message: 'Nothing is running.' });
      return;
    }
    this.running.abort();
    if (this.snapshot.run) this.snapshot.run.cancelRequested = true;
    this.deps.log.info('Create Endpoint: stop waiting requested; nothing will be deleted.');
    await this.post({ type: 'actionDone', requestId, ok: true, message: 'Stopping the wait. Nothing is deleted: an endpoint that exists keeps being created by AWS.' });
  }

  // -------------------------------------------------------------------------------------------
  // Exports and actions

  private async export(kind: 'copyExport' | 'openExport', requestId: number, format: 'cli' | 'terraform' | 'cleanup'): Promise<void> {
    const text = format === 'cleanup' ? this.cleanup : this.snapshot.plan?.exports[format];
    const label = format === 'cli' ? 'AWS CLI script' : format === 'terraform' ? 'Terraform' : 'removal commands';
    if (!text) {
      await this.post({ type: 'actionDone', requestId, ok: false, message: format === 'cleanup' ? 'Nothing was left behind.' : 'There is no plan yet; complete the form first.' });
      return;
    }
    try {
      if (kind === 'copyExport') await this.deps.ui.copyToClipboard(text);
      else await this.deps.ui.openInEditor(text, format === 'terraform' ? 'terraform' : 'shellscript');
      await this.post({ type: 'actionDone', requestId, ok: true, message: kind === 'copyExport' ? `Copied the ${label} to the clipboard.` : `Opened the ${label} in an editor.` });
    } catch (err) {
      this.deps.log.warn(`${kind} ${format} failed: ${this.deps.redact(String(err))}`);
      await this.post({ type: 'actionDone', requestId, ok: false, message: `Could not ${kind === 'copyExport' ? 'copy' : 'open'} the ${label}: ${this.deps.redact(err instanceof Error ? err.message : String(err))}` });
    }
  }

  private async runAction(requestId: number, action: FormAction): Promise<void> {
    const reply = (ok: boolean, message?: string) => this.post({ type: 'actionDone', requestId, ok, ...(message ? { message } : {}) });
    try {
      switch (action) {
        case 'signIn':
          await this.deps.executeCommand('planetscalePrivateLink.awsSsoLogin', this.snapshot.profile);
          return reply(true);
        case 'writeConnectionString':
          await this.deps.executeCommand('planetscalePrivateLink.writeConnectionString', ...(this.target.kind === 'branch' ? [{ payload: { ...this.target, kind: 'branch' } }] : []));
          return reply(true);
        case 'showLog':
          this.deps.log.show(true);
          return reply(true);
        case 'refreshVpcs':
          await this.initialize();
          this.snapshot.vpcs = undefined;
          this.snapshot.vpcsError = undefined;
          await this.loadVpcs();
          if (this.vpcFacts) await this.loadVpcDetails(this.vpcFacts.vpc.id);
          await this.post({ type: 'snapshot', state: this.snapshot });
          return reply(true, this.vpcCount());
      }
    } catch (err) {
      this.deps.log.warn(`Create Endpoint form: ${action} failed: ${this.deps.redact(String(err))}`);
      return reply(false, this.deps.redact(err instanceof Error ? err.message : String(err)));
    }
  }

  private vpcCount(): string | undefined {
    return this.snapshot.vpcs ? `Reloaded ${this.snapshot.vpcs.length} VPC${this.snapshot.vpcs.length === 1 ? '' : 's'}.` : undefined;
  }

  // -------------------------------------------------------------------------------------------

  /** Posts to the page (if it is still there); every string passes the redactor first. */
  private async post(message: HostToWebviewMessage): Promise<void> {
    if (this.disposed) return;
    try {
      await this.channel.postMessage(redactStrings(message, this.deps.redact));
    } catch (err) {
      // The panel closed between the check and the post: nothing to tell.
      this.deps.log.debug(`Create Endpoint form: message not delivered (${err instanceof Error ? err.message : String(err)}).`);
    }
  }
}

/** A copy of a JSON-like value with every string redacted. */
export function redactStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactStrings(v, redact)])) as T;
  }
  return value;
}
