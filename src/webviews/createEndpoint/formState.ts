// The Create Endpoint form's state model: everything the form shows, in one HostSnapshot (re-sent
// whole on `ready`, so a panel that was hidden, and so reloaded, gets its data back), and the AWS
// facts behind it: profile and region, the VPC list, the chosen VPC's details, the verified
// service. It loads and changes these; the controller (the message router) decides what to send.
import type { InterfaceEndpoint, SecurityGroupSummary, SubnetSummary, VpcDnsAttributes, VpcSummary } from '../../aws/types';
import { checkServiceName, serviceNameRegion } from '../../aws/createEndpoint/formValidation';
import { preselectVpc } from '../../aws/createEndpoint/vpcPreselection';
import type { ErrorView, HostSnapshot } from '../protocol/createEndpointProtocol';
import type { RevivedCreateForm } from '../protocol/createEndpointRevival';
import { awsErrorView } from './errorViews';
import type { ControllerDeps } from './formDeps';
import { suggestedNameTag, type CreateEndpointTarget } from './openTarget';
import { endpointView, serviceView, vpcView } from './planViews';

/** The chosen VPC as loaded from AWS (full shapes, for validation). */
export interface VpcFacts {
  vpc: VpcSummary;
  dns: VpcDnsAttributes;
  subnets: SubnetSummary[];
  securityGroups: SecurityGroupSummary[];
  endpoints: InterfaceEndpoint[];
}

type StateDeps = Pick<ControllerDeps, 'log' | 'redact' | 'aws' | 'core' | 'planetscale' | 'ui'>;

export function initialSnapshot(target: CreateEndpointTarget): HostSnapshot {
  return {
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
}

export class FormState {
  snapshot: HostSnapshot;
  vpcFacts: VpcFacts | undefined;
  private initialized: Promise<void> | undefined;
  private vpcsLoading: Promise<void> | undefined;

  constructor(
    private readonly deps: StateDeps,
    readonly target: CreateEndpointTarget,
    revived?: Pick<RevivedCreateForm, 'profile' | 'region' | 'prefill'>,
  ) {
    this.snapshot = initialSnapshot(target);
    // A form restored after a reload keeps the profile, region and values it had.
    if (revived) {
      this.snapshot.profile = revived.profile ?? this.snapshot.profile;
      this.snapshot.region = revived.region ?? this.snapshot.region;
      this.snapshot.prefill = { ...this.snapshot.prefill, ...revived.prefill };
    }
  }

  // -------------------------------------------------------------------------------------------
  // Context: profile, region, VPC list

  initialize(): Promise<void> {
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

  loadVpcs(): Promise<void> {
    this.vpcsLoading ??= (async () => {
      const { profile, region } = this.snapshot;
      try {
        const core = this.deps.core.get();
        const { ec2 } = this.deps.aws.clients(profile, region);
        const vpcs = await core.listVpcs(ec2);
        // A form opened on a VPC keeps it; otherwise the clear candidate, if any, is chosen for the user.
        const pick = this.target.kind === 'vpc' ? undefined : await preselectVpc(vpcs, (id) => core.getVpcDnsAttributes(ec2, id));
        if (profile !== this.snapshot.profile || region !== this.snapshot.region) return;
        this.snapshot.vpcs = vpcs.map(vpcView);
        if (this.target.kind !== 'vpc') this.snapshot.prefill.vpcId = pick?.vpcId;
        if (pick) this.deps.log.info(`Create Endpoint form: preselected ${pick.vpcId}, ${pick.reason}.`);
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

  /** Another profile or region: everything learned in the old one is dropped, the VPC list reloaded. */
  async switchContext(profile: string, region: string): Promise<void> {
    this.snapshot = { ...this.snapshot, profile: profile.trim(), region: region.trim(), vpcs: undefined, vpcsError: undefined, vpcDetails: undefined, vpcDetailsError: undefined, service: undefined, serviceError: undefined, plan: undefined };
    if (!this.snapshot.regions.includes(this.snapshot.region)) this.snapshot.regions = [...this.snapshot.regions, this.snapshot.region];
    this.vpcFacts = undefined;
    await this.loadVpcs();
  }

  /** The refresh button: the VPC list and the chosen VPC's details, loaded again. */
  async reloadVpcs(): Promise<void> {
    await this.initialize();
    this.snapshot.vpcs = undefined;
    this.snapshot.vpcsError = undefined;
    await this.loadVpcs();
    if (this.vpcFacts) await this.loadVpcDetails(this.vpcFacts.vpc.id);
  }

  // -------------------------------------------------------------------------------------------
  // Service and VPC facts

  async verifyService(serviceName: string): Promise<void> {
    const name = serviceName.trim();
    const { profile, region } = this.snapshot;
    const formatProblem = checkServiceName(name, region);
    if (formatProblem) {
      this.snapshot.service = undefined;
      this.snapshot.serviceError = { message: formatProblem, field: 'serviceName' };
      return;
    }
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

  /** Why `vpcId` is not a VPC of the current list, or undefined. */
  knownVpc(vpcId: string): string | undefined {
    if (!/^vpc-[0-9a-f]+$/.test(vpcId)) return `"${vpcId}" is not a VPC id.`;
    if (this.snapshot.vpcs && !this.snapshot.vpcs.some((v) => v.id === vpcId)) {
      return `${vpcId} is not among the VPCs of ${this.snapshot.region} for profile "${this.snapshot.profile}"; reload the list and choose again.`;
    }
    return undefined;
  }

  async selectVpc(vpcId: string): Promise<void> {
    if (!this.snapshot.vpcs) await this.loadVpcs();
    const unknown = this.knownVpc(vpcId);
    if (unknown) {
      this.snapshot.vpcDetails = undefined;
      this.snapshot.vpcDetailsError = { message: unknown, field: 'vpcId' };
      return;
    }
    await this.loadVpcDetails(vpcId);
  }

  async loadVpcDetails(vpcId: string): Promise<void> {
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

  /** Turns on both DNS attributes of the VPC after the user's confirmation; the error to show, if any. */
  async enableVpcDns(vpcId: string): Promise<ErrorView | undefined> {
    const unknown = this.knownVpc(vpcId);
    if (unknown) return { message: unknown, field: 'vpcId' };
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
      return undefined;
    }
    try {
      await this.deps.core.get().setVpcDnsAttributes(this.deps.aws.clients(profile, region).ec2, vpcId, { enableDnsSupport: true, enableDnsHostnames: true });
      this.deps.log.info(`Turned on enableDnsSupport and enableDnsHostnames for ${vpcId} (${region}).`);
    } catch (err) {
      const error = { ...awsErrorView(err, { profile, region, operation: 'ec2:ModifyVpcAttribute' }, this.deps.redact), field: 'privateDns' };
      this.deps.log.warn(`Turning on DNS for ${vpcId} failed: ${error.message}`);
      return error;
    }
    await this.loadVpcDetails(vpcId);
    return this.snapshot.vpcDetailsError;
  }
}
