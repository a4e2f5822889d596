// Plain data shapes of the AWS layer. Type-only SDK imports keep this module free of runtime
// dependencies, so the main bundle, the views and the pure helpers can all import it.
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { STSClient } from '@aws-sdk/client-sts';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { ClassifiedAwsError } from './awsErrorTypes';

/** Tags as a plain map; AWS tag keys are unique per resource. */
export type Tags = Readonly<Record<string, string>>;

/** Options every query takes. */
export interface QueryOptions {
  /** Aborts the in-flight request (and stops pagination). */
  signal?: AbortSignal;
  /** MaxResults per page for paginated calls; the query's own default when absent. */
  pageSize?: number;
}

// ---------------------------------------------------------------------------------------------
// Profiles

/** How the SDK will obtain credentials for a profile, in the order the SDK checks them. */
export type ProfileKind =
  | 'static' // aws_access_key_id + aws_secret_access_key
  | 'assumeRole' // role_arn + source_profile or credential_source
  | 'webIdentity' // role_arn + web_identity_token_file
  | 'credentialProcess' // credential_process
  | 'sso' // sso_session (IAM Identity Center) or legacy sso_* keys
  | 'login' // login_session (`aws login`)
  | 'unknown';

export interface AwsProfile {
  name: string;
  kind: ProfileKind;
  /** The profile's `region`, its default region. */
  region?: string;
  /** Absolute paths of the files that define the profile (config and/or credentials). */
  sourceFiles: string[];
  /** For `assumeRole`: the profile the role is assumed from (never a secret). */
  sourceProfile?: string;
  roleArn?: string;
  /** For `sso`: the `[sso-session X]` name, when the profile uses one. */
  ssoSession?: string;
}

export interface ProfileListing {
  profiles: AwsProfile[];
  /** AWS_PROFILE or `default`: what the SDK uses when nothing is chosen. */
  defaultProfileName: string;
  /** Whether `defaultProfileName` is among `profiles`. */
  defaultProfileExists: boolean;
  configFile: string;
  credentialsFile: string;
  /** Non-fatal findings, e.g. `[foo]` in the config file (should be `[profile foo]`). */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Clients

export interface AwsClientOptions {
  profile: string;
  region: string;
  /** Endpoint override for EC2 and STS (the sandbox, or a VPC interface endpoint for EC2). */
  endpointUrl?: string;
  maxAttempts?: number;
  /** Environment to read AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE from; process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface AwsClients {
  ec2: EC2Client;
  sts: STSClient;
  /** Systems Manager, for verifying from an instance inside the VPC (Run Command). */
  ssm: SSMClient;
  profile: string;
  region: string;
  endpointUrl?: string;
}

/** Creates (or reuses) the clients for one profile and region. */
export type AwsClientsFactory = (options: AwsClientOptions) => AwsClients;

// ---------------------------------------------------------------------------------------------
// EC2 / STS query results

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface RegionInfo {
  name: string;
  /** `opt-in-not-required`, `opted-in` or `not-opted-in`. */
  optInStatus?: string;
}

export interface VpcSummary {
  id: string;
  name?: string;
  /** Primary CIDR block. */
  cidrBlock: string;
  /** Every associated IPv4 CIDR block, primary first. */
  cidrBlocks: string[];
  isDefault: boolean;
  state?: string;
  dhcpOptionsId?: string;
  ownerId?: string;
  tags: Tags;
}

/** Endpoint states as EC2 sends them on the wire; `unknown` for anything else. */
export type EndpointState =
  | 'pendingAcceptance'
  | 'pending'
  | 'available'
  | 'deleting'
  | 'deleted'
  | 'rejected'
  | 'failed'
  | 'expired'
  | 'partial'
  | 'unknown';

export interface SecurityGroupRef {
  id: string;
  name?: string;
}

export interface DnsEntry {
  dnsName: string;
  hostedZoneId?: string;
}

export interface InterfaceEndpoint {
  id: string;
  name?: string;
  vpcId: string;
  serviceName: string;
  state: EndpointState;
  /** The state as received, for display when `state` is `unknown`. */
  rawState?: string;
  privateDnsEnabled: boolean;
  subnetIds: string[];
  securityGroups: SecurityGroupRef[];
  securityGroupIds: string[];
  networkInterfaceIds: string[];
  dnsEntries: DnsEntry[];
  tags: Tags;
  creationTimestamp?: Date;
  /** EC2's reason for a `failed`/`rejected` endpoint, when it gives one. */
  lastError?: { code?: string; message?: string };
}

export interface VpcDnsAttributes {
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
}

export interface SubnetSummary {
  id: string;
  vpcId: string;
  availabilityZone: string;
  availabilityZoneId?: string;
  cidrBlock: string;
  name?: string;
  availableIpAddressCount?: number;
  tags: Tags;
}

/** `tcp`/`udp`/`icmp`/`icmpv6`/`all`, or the raw protocol number for anything else. */
export type IpProtocolName = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'all' | (string & {});

export interface SecurityGroupRule {
  protocol: IpProtocolName;
  /** For `all`: 0–65535. For icmp: type/code as EC2 gives them (-1 = any). */
  fromPort: number;
  toPort: number;
  cidrs: string[];
  ipv6Cidrs: string[];
  prefixListIds: string[];
  referencedGroupIds: string[];
  description?: string;
}

export interface SecurityGroupSummary {
  id: string;
  name: string;
  description?: string;
  vpcId?: string;
  tags: Tags;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
}

export interface EndpointServiceDetails {
  serviceName: string;
  serviceId?: string;
  /** AZ names in the caller's account mapping (compare with subnets' `availabilityZone`). */
  availabilityZones: string[];
  privateDnsName?: string;
  privateDnsNames: string[];
  acceptanceRequired: boolean;
  /** `Interface`, `Gateway` or `GatewayLoadBalancer`. */
  serviceType?: string;
  owner?: string;
  privateDnsNameVerificationState?: string;
}

export interface NetworkInterfaceSummary {
  id: string;
  subnetId?: string;
  vpcId?: string;
  availabilityZone?: string;
  /** The primary private IPv4 address. */
  privateIpAddress?: string;
  privateIpAddresses: string[];
  status?: string;
  securityGroupIds: string[];
}

export interface NetworkAclEntry {
  ruleNumber: number;
  egress: boolean;
  protocol: IpProtocolName;
  /** Absent when the rule covers every port (protocol `all`, or icmp). */
  portRange?: { from: number; to: number };
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  action: 'allow' | 'deny';
}

export interface NetworkAcl {
  id: string;
  vpcId?: string;
  isDefault: boolean;
  /** Subnets associated with this ACL. */
  subnetIds: string[];
  /** Sorted by rule number; the `*` rule is 32767. */
  entries: NetworkAclEntry[];
  tags: Tags;
}

export interface DhcpOptionsSummary {
  id: string;
  domainNameServers: string[];
  domainNames: string[];
  /** True when `domain-name-servers` includes AmazonProvidedDNS (needed for private DNS). */
  usesAmazonProvidedDns: boolean;
}

// ---------------------------------------------------------------------------------------------
// Explorer model

export interface VpcNode {
  vpc: VpcSummary;
  /** The VPC's interface endpoints, sorted by name then id. */
  endpoints: InterfaceEndpoint[];
}

export interface RegionContents {
  region: string;
  vpcs: VpcNode[];
  /** Endpoints whose VPC was not in DescribeVpcs (e.g. a VPC shared from another account). */
  orphanEndpoints: InterfaceEndpoint[];
  loadedAt: Date;
}

export type RegionLoadResult =
  | { region: string; ok: true; contents: RegionContents }
  | { region: string; ok: false; error: ClassifiedAwsError };

export interface AwsExplorerResult {
  profile: string;
  /** From GetCallerIdentity; absent when it failed (then every region carries that error). */
  identity?: CallerIdentity;
  identityError?: ClassifiedAwsError;
  regions: RegionLoadResult[];
}
