// Public types of the EC2/STS emulator: options, faults, seed file shape and the read model
// that the sandbox's DNS server and TCP forwarders use in-process.

export interface Ec2EmulatorOptions {
  /** Seed data, or a path to a seed JSON file. Default: sandbox/seed/default.json. */
  seed?: Ec2Seed | string;
  /** Port on 127.0.0.1; 0 or absent picks a free port. */
  port?: number;
  /** Time an endpoint stays `pending` before it becomes `available` (default 4000). */
  endpointAvailableAfterMs?: number;
  /** Time an endpoint stays `deleting` before it becomes `deleted` (default 2000). */
  deleteAfterMs?: number;
  /** Time the endpoint's network interfaces remain after it reached `deleted` (default 2000). */
  eniLingerMs?: number;
  /** Time a `deleted` endpoint stays describable (default 600000). */
  deletedVisibleMs?: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
}

export type EndpointOutcome = 'available' | 'failed' | 'rejected' | 'pendingAcceptance';

export interface Ec2Faults {
  /** Actions answered with UnauthorizedOperation (also for DryRun), e.g. "CreateVpcEndpoint" or "ec2:CreateVpcEndpoint". */
  denyActions: string[];
  /** The next N EC2 calls answer RequestLimitExceeded (503). */
  throttleNextCalls: number;
  /** Limit throttling to these actions (empty: every EC2 action). */
  throttleActions: string[];
  /** Extra delay before every answer (EC2 and STS). */
  latencyMs: number;
  /** Limit latency to these actions (empty: every action). */
  latencyActions: string[];
  /** What the next created endpoint turns into instead of `available` (consumed by one create). */
  nextEndpointOutcome: EndpointOutcome | null;
  /**
   * Lost replies: these actions are performed, then the connection is dropped without an answer
   * (every call, so every SDK retry too), as when a reply is lost on the network.
   */
  dropReplyActions: string[];
  /**
   * EC2 is eventually consistent: for this long after an endpoint is created, DescribeVpcEndpoints
   * naming it answers InvalidVpcEndpointId.NotFound.
   */
  endpointNotFoundForMs: number;
}

// ---- seed file -------------------------------------------------------------------------

export interface SeedRule {
  protocol: string; // "tcp", "udp", "icmp", "-1"
  fromPort?: number;
  toPort?: number;
  cidr?: string;
  /** Name of a security group in the same VPC, or "self". */
  group?: string;
  description?: string;
}

export interface SeedSecurityGroup {
  name: string;
  description?: string;
  ingress?: SeedRule[];
  /** Default: allow all outbound. */
  egress?: SeedRule[];
  tags?: Record<string, string>;
}

export interface SeedNaclEntry {
  ruleNumber: number;
  egress: boolean;
  protocol: string; // "-1", "6", "tcp", ...
  ruleAction: 'allow' | 'deny';
  cidrBlock: string;
  portRange?: { from: number; to: number };
}

export interface SeedSubnet {
  name?: string;
  cidrBlock: string;
  availabilityZone: string;
  tags?: Record<string, string>;
}

export interface SeedVpc {
  name: string;
  cidrBlock: string;
  isDefault?: boolean;
  enableDnsSupport?: boolean;
  enableDnsHostnames?: boolean;
  subnets: SeedSubnet[];
  securityGroups?: SeedSecurityGroup[];
  /** Replaces the default NACL's entries (the `*` deny rules are always added). */
  defaultNetworkAclEntries?: SeedNaclEntry[];
  tags?: Record<string, string>;
}

export interface SeedEndpointService {
  serviceName: string;
  serviceId?: string;
  availabilityZones: string[];
  privateDnsName?: string;
  acceptanceRequired?: boolean;
  serviceType?: 'Interface' | 'Gateway' | 'GatewayLoadBalancer';
  owner?: string;
  /** Also an interface service of AWS itself (for listing realism). */
  managesVpcEndpoints?: boolean;
}

export interface SeedInstance {
  name: string;
  vpc: string;
  subnet: string; // subnet Name tag or CIDR
  privateIpAddress: string;
  securityGroups: string[];
  /** Operating system family (default Linux). */
  platform?: InstancePlatform;
  /** EC2 instance state (default running). */
  state?: InstanceStateName;
  /** Present when the instance runs the SSM agent and is registered with Systems Manager. */
  ssm?: SeedManagedNode;
}

export type InstancePlatform = 'Linux' | 'Windows';
export type InstanceStateName = 'running' | 'stopped';

/** What Systems Manager knows of a managed node (the DescribeInstanceInformation fields). */
export interface SeedManagedNode {
  pingStatus: 'Online' | 'ConnectionLost';
  agentVersion?: string;
  platformName?: string;
  platformVersion?: string;
}

export interface SeedRegion {
  name: string;
  availabilityZones: string[];
  vpcs: SeedVpc[];
  endpointServices?: SeedEndpointService[];
  instances?: SeedInstance[];
}

export interface Ec2Seed {
  accountId: string;
  /** ARN GetCallerIdentity answers with. */
  callerArn?: string;
  callerUserId?: string;
  regions: SeedRegion[];
  faults?: Partial<Ec2Faults> & { endpointAvailableAfterMs?: number };
}

// ---- read model ------------------------------------------------------------------------

export interface SandboxInterfaceView {
  eniId: string;
  ip: string;
  subnetId: string;
  availabilityZone: string;
  securityGroupIds: string[];
}

export interface SandboxEndpointView {
  region: string;
  endpointId: string;
  vpcId: string;
  serviceName: string;
  endpointType: string;
  state: string;
  privateDnsEnabled: boolean;
  /** The service's private DNS name, e.g. "*.private-pg.psdb.cloud" (even when not enabled). */
  servicePrivateDnsName?: string;
  securityGroupIds: string[];
  subnetIds: string[];
  interfaces: SandboxInterfaceView[];
  dnsNames: string[];
  tags: Record<string, string>;
  createdAt: number;
}

export interface SandboxSgRule {
  ruleId: string;
  egress: boolean;
  /** "-1" for all, otherwise "tcp", "udp", "icmp" or a protocol number as a string. */
  ipProtocol: string;
  fromPort: number;
  toPort: number;
  cidrIpv4?: string;
  referencedGroupId?: string;
  description?: string;
}

export interface SandboxSecurityGroup {
  region: string;
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ingress: SandboxSgRule[];
  egress: SandboxSgRule[];
  tags: Record<string, string>;
}

export interface SandboxNaclEntry {
  ruleNumber: number;
  egress: boolean;
  /** "-1" for all, "6" tcp, "17" udp, "1" icmp. */
  protocol: string;
  portRange?: { from: number; to: number };
  cidrBlock: string;
  ruleAction: 'allow' | 'deny';
}

export interface SandboxNetworkAcl {
  region: string;
  networkAclId: string;
  vpcId: string;
  isDefault: boolean;
  subnetIds: string[];
  /** Sorted by rule number, ingress and egress mixed. */
  entries: SandboxNaclEntry[];
}

export interface SandboxSubnet {
  region: string;
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  availabilityZoneId: string;
  tags: Record<string, string>;
}

export interface SandboxVpc {
  region: string;
  vpcId: string;
  cidrBlock: string;
  isDefault: boolean;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
  tags: Record<string, string>;
}

/** The sandbox's "application instance": the client the VPC rules are evaluated for. */
export interface SandboxInstance {
  region: string;
  instanceId: string;
  name: string;
  vpcId: string;
  subnetId: string;
  privateIpAddress: string;
  securityGroupIds: string[];
  eniId: string;
  platform: InstancePlatform;
  state: InstanceStateName;
  ssm?: SeedManagedNode;
}
