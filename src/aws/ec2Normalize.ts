// Maps the SDK's EC2 shapes (everything optional, enums capitalised) to the plain types of
// types.ts. Type-only SDK imports: pure functions, usable anywhere.
import type {
  DhcpOptions,
  IpPermission,
  NetworkAcl as SdkNetworkAcl,
  NetworkAclEntry as SdkNetworkAclEntry,
  NetworkInterface,
  SecurityGroup,
  ServiceDetail,
  Subnet,
  Tag,
  Vpc,
  VpcEndpoint,
} from '@aws-sdk/client-ec2';
import type {
  DhcpOptionsSummary,
  EndpointServiceDetails,
  EndpointState,
  InterfaceEndpoint,
  IpProtocolName,
  NetworkAcl,
  NetworkAclEntry,
  NetworkInterfaceSummary,
  SecurityGroupRule,
  SecurityGroupSummary,
  SubnetSummary,
  Tags,
  VpcSummary,
} from './types';

export function tagsOf(tags: Tag[] | undefined): Tags {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) {
    if (tag.Key !== undefined) map[tag.Key] = tag.Value ?? '';
  }
  return map;
}

function nameOf(tags: Tags): string | undefined {
  const name = tags.Name?.trim();
  return name ? name : undefined;
}

const ENDPOINT_STATES: readonly EndpointState[] = [
  'pendingAcceptance',
  'pending',
  'available',
  'deleting',
  'deleted',
  'rejected',
  'failed',
  'expired',
  'partial',
];

/** EC2 sends lower camel case, the SDK enum is capitalised: compare without case. */
export function normalizeEndpointState(raw: string | undefined): EndpointState {
  const lower = raw?.toLowerCase();
  return ENDPOINT_STATES.find((s) => s.toLowerCase() === lower) ?? 'unknown';
}

export function normalizeProtocol(raw: string | undefined): IpProtocolName {
  switch ((raw ?? '').toLowerCase()) {
    case '-1':
    case 'all':
      return 'all';
    case '6':
    case 'tcp':
      return 'tcp';
    case '17':
    case 'udp':
      return 'udp';
    case '1':
    case 'icmp':
      return 'icmp';
    case '58':
    case 'icmpv6':
      return 'icmpv6';
    default:
      return raw ?? 'unknown';
  }
}

export function toVpcSummary(vpc: Vpc): VpcSummary {
  const tags = tagsOf(vpc.Tags);
  const primary = vpc.CidrBlock ?? '';
  const associated = (vpc.CidrBlockAssociationSet ?? [])
    .filter((a) => a.CidrBlock && (a.CidrBlockState?.State ?? 'associated') === 'associated')
    .map((a) => a.CidrBlock as string);
  const cidrBlocks = [primary, ...associated.filter((c) => c !== primary)].filter((c) => c !== '');
  return {
    id: vpc.VpcId ?? '',
    ...(nameOf(tags) ? { name: nameOf(tags) } : {}),
    cidrBlock: primary,
    cidrBlocks,
    isDefault: vpc.IsDefault === true,
    ...(vpc.State ? { state: vpc.State } : {}),
    ...(vpc.DhcpOptionsId ? { dhcpOptionsId: vpc.DhcpOptionsId } : {}),
    ...(vpc.OwnerId ? { ownerId: vpc.OwnerId } : {}),
    tags,
  };
}

export function toInterfaceEndpoint(e: VpcEndpoint): InterfaceEndpoint {
  const tags = tagsOf(e.Tags);
  const groups = (e.Groups ?? []).filter((g) => g.GroupId).map((g) => ({ id: g.GroupId as string, ...(g.GroupName ? { name: g.GroupName } : {}) }));
  const state = normalizeEndpointState(e.State);
  return {
    id: e.VpcEndpointId ?? '',
    ...(nameOf(tags) ? { name: nameOf(tags) } : {}),
    vpcId: e.VpcId ?? '',
    serviceName: e.ServiceName ?? '',
    state,
    ...(e.State ? { rawState: e.State } : {}),
    privateDnsEnabled: e.PrivateDnsEnabled === true,
    subnetIds: [...(e.SubnetIds ?? [])],
    securityGroups: groups,
    securityGroupIds: groups.map((g) => g.id),
    networkInterfaceIds: [...(e.NetworkInterfaceIds ?? [])],
    dnsEntries: (e.DnsEntries ?? [])
      .filter((d) => d.DnsName)
      .map((d) => ({ dnsName: d.DnsName as string, ...(d.HostedZoneId ? { hostedZoneId: d.HostedZoneId } : {}) })),
    tags,
    ...(e.CreationTimestamp ? { creationTimestamp: new Date(e.CreationTimestamp) } : {}),
    ...(e.LastError && (e.LastError.Code || e.LastError.Message)
      ? { lastError: { ...(e.LastError.Code ? { code: e.LastError.Code } : {}), ...(e.LastError.Message ? { message: e.LastError.Message } : {}) } }
      : {}),
  };
}

/** Sorts endpoints the way the tree lists them: by name (unnamed last), then id. */
export function compareEndpoints(a: InterfaceEndpoint, b: InterfaceEndpoint): number {
  if (a.name && b.name) return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  if (a.name) return -1;
  if (b.name) return 1;
  return a.id.localeCompare(b.id);
}

export function toSubnetSummary(s: Subnet): SubnetSummary {
  const tags = tagsOf(s.Tags);
  return {
    id: s.SubnetId ?? '',
    vpcId: s.VpcId ?? '',
    availabilityZone: s.AvailabilityZone ?? '',
    ...(s.AvailabilityZoneId ? { availabilityZoneId: s.AvailabilityZoneId } : {}),
    cidrBlock: s.CidrBlock ?? '',
    ...(nameOf(tags) ? { name: nameOf(tags) } : {}),
    ...(s.AvailableIpAddressCount !== undefined ? { availableIpAddressCount: s.AvailableIpAddressCount } : {}),
    tags,
  };
}

function toRule(p: IpPermission): SecurityGroupRule {
  const protocol = normalizeProtocol(p.IpProtocol);
  const all = protocol === 'all';
  const descriptions = [
    ...(p.IpRanges ?? []).map((r) => r.Description),
    ...(p.Ipv6Ranges ?? []).map((r) => r.Description),
    ...(p.UserIdGroupPairs ?? []).map((r) => r.Description),
  ].filter((d): d is string => !!d);
  return {
    protocol,
    fromPort: all ? 0 : (p.FromPort ?? (protocol === 'tcp' || protocol === 'udp' ? 0 : -1)),
    toPort: all ? 65535 : (p.ToPort ?? (protocol === 'tcp' || protocol === 'udp' ? 65535 : -1)),
    cidrs: (p.IpRanges ?? []).map((r) => r.CidrIp).filter((c): c is string => !!c),
    ipv6Cidrs: (p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6).filter((c): c is string => !!c),
    prefixListIds: (p.PrefixListIds ?? []).map((r) => r.PrefixListId).filter((c): c is string => !!c),
    referencedGroupIds: (p.UserIdGroupPairs ?? []).map((r) => r.GroupId).filter((c): c is string => !!c),
    ...(descriptions.length > 0 ? { description: descriptions.join('; ') } : {}),
  };
}

export function toSecurityGroupSummary(g: SecurityGroup): SecurityGroupSummary {
  return {
    id: g.GroupId ?? '',
    name: g.GroupName ?? '',
    ...(g.Description ? { description: g.Description } : {}),
    ...(g.VpcId ? { vpcId: g.VpcId } : {}),
    tags: tagsOf(g.Tags),
    ingress: (g.IpPermissions ?? []).map(toRule),
    egress: (g.IpPermissionsEgress ?? []).map(toRule),
  };
}

export function toEndpointServiceDetails(s: ServiceDetail): EndpointServiceDetails {
  const privateDnsNames = (s.PrivateDnsNames ?? []).map((n) => n.PrivateDnsName).filter((n): n is string => !!n);
  const primaryDns = s.PrivateDnsName ?? privateDnsNames[0];
  return {
    serviceName: s.ServiceName ?? '',
    ...(s.ServiceId ? { serviceId: s.ServiceId } : {}),
    availabilityZones: [...(s.AvailabilityZones ?? [])].sort(),
    ...(primaryDns ? { privateDnsName: primaryDns } : {}),
    privateDnsNames: privateDnsNames.length > 0 ? privateDnsNames : primaryDns ? [primaryDns] : [],
    acceptanceRequired: s.AcceptanceRequired === true,
    ...(s.ServiceType?.[0]?.ServiceType ? { serviceType: s.ServiceType[0].ServiceType } : {}),
    ...(s.Owner ? { owner: s.Owner } : {}),
    ...(s.PrivateDnsNameVerificationState ? { privateDnsNameVerificationState: s.PrivateDnsNameVerificationState } : {}),
  };
}

export function toNetworkInterfaceSummary(n: NetworkInterface): NetworkInterfaceSummary {
  const ips = (n.PrivateIpAddresses ?? []).map((p) => p.PrivateIpAddress).filter((ip): ip is string => !!ip);
  const primary = n.PrivateIpAddress ?? ips[0];
  return {
    id: n.NetworkInterfaceId ?? '',
    ...(n.SubnetId ? { subnetId: n.SubnetId } : {}),
    ...(n.VpcId ? { vpcId: n.VpcId } : {}),
    ...(n.AvailabilityZone ? { availabilityZone: n.AvailabilityZone } : {}),
    ...(primary ? { privateIpAddress: primary } : {}),
    privateIpAddresses: ips.length > 0 ? ips : primary ? [primary] : [],
    ...(n.Status ? { status: n.Status } : {}),
    securityGroupIds: (n.Groups ?? []).map((g) => g.GroupId).filter((id): id is string => !!id),
  };
}

function toAclEntry(e: SdkNetworkAclEntry): NetworkAclEntry {
  const protocol = normalizeProtocol(e.Protocol);
  const hasPorts = (protocol === 'tcp' || protocol === 'udp') && e.PortRange?.From !== undefined;
  return {
    ruleNumber: e.RuleNumber ?? 32767,
    egress: e.Egress === true,
    protocol,
    ...(hasPorts ? { portRange: { from: e.PortRange?.From ?? 0, to: e.PortRange?.To ?? e.PortRange?.From ?? 65535 } } : {}),
    ...(e.CidrBlock ? { cidrBlock: e.CidrBlock } : {}),
    ...(e.Ipv6CidrBlock ? { ipv6CidrBlock: e.Ipv6CidrBlock } : {}),
    action: (e.RuleAction ?? '').toLowerCase() === 'allow' ? 'allow' : 'deny',
  };
}

export function toNetworkAcl(a: SdkNetworkAcl): NetworkAcl {
  return {
    id: a.NetworkAclId ?? '',
    ...(a.VpcId ? { vpcId: a.VpcId } : {}),
    isDefault: a.IsDefault === true,
    subnetIds: (a.Associations ?? []).map((s) => s.SubnetId).filter((id): id is string => !!id),
    entries: (a.Entries ?? []).map(toAclEntry).sort((x, y) => Number(x.egress) - Number(y.egress) || x.ruleNumber - y.ruleNumber),
    tags: tagsOf(a.Tags),
  };
}

export function toDhcpOptionsSummary(d: DhcpOptions): DhcpOptionsSummary {
  const values = (key: string) =>
    (d.DhcpConfigurations ?? [])
      .filter((c) => c.Key === key)
      .flatMap((c) => c.Values ?? [])
      .map((v) => v.Value)
      .filter((v): v is string => !!v);
  const servers = values('domain-name-servers');
  return {
    id: d.DhcpOptionsId ?? '',
    domainNameServers: servers,
    domainNames: values('domain-name').flatMap((v) => v.split(/\s+/)).filter((v) => v !== ''),
    usesAmazonProvidedDns: servers.some((s) => s.toLowerCase() === 'amazonprovideddns'),
  };
}
