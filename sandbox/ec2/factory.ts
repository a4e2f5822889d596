// Builders for resources with the companions AWS creates alongside them: a VPC gets its
// default security group and default network ACL, a subnet its NACL association, a security
// group its allow-all egress rule, an endpoint one network interface per subnet.
import { allocateIp } from './cidr';
import { randomId, randomMac, stableId } from './ids';
import type { EndpointRec, EniRec, NaclEntryRec, SecurityGroupRec, SgRuleRec, SubnetRec, Tags, VpcRec } from './model';
import { Ec2Error } from './queryProtocol';
import type { RegionState } from './state';

/** Seeded resources get stable ids from a key; created ones random ids. */
export type IdSource = (prefix: string, key: string) => string;
export const stableIds: IdSource = (prefix, key) => stableId(prefix, key);
export const randomIds: IdSource = (prefix) => randomId(prefix);

export const ALL_TRAFFIC_DENY_RULE = 32767;

export function defaultNaclEntries(): NaclEntryRec[] {
  return [false, true].flatMap((egress) => [
    { ruleNumber: 100, egress, protocol: '-1', ruleAction: 'allow' as const, cidrBlock: '0.0.0.0/0' },
    { ruleNumber: ALL_TRAFFIC_DENY_RULE, egress, protocol: '-1', ruleAction: 'deny' as const, cidrBlock: '0.0.0.0/0' },
  ]);
}

export interface VpcSpec {
  key: string;
  cidrBlock: string;
  isDefault?: boolean;
  enableDnsSupport?: boolean;
  enableDnsHostnames?: boolean;
  tags?: Tags;
  naclEntries?: NaclEntryRec[];
}

export function createVpc(region: RegionState, spec: VpcSpec, ids: IdSource): VpcRec {
  const key = `${region.name}/${spec.key}`;
  const vpc: VpcRec = {
    vpcId: ids('vpc', key),
    cidrBlock: spec.cidrBlock,
    cidrAssociationId: ids('vpc-cidr-assoc', key),
    isDefault: spec.isDefault ?? false,
    // AWS defaults: DNS support on; DNS hostnames on only for the default VPC.
    enableDnsSupport: spec.enableDnsSupport ?? true,
    enableDnsHostnames: spec.enableDnsHostnames ?? spec.isDefault ?? false,
    enableNetworkAddressUsageMetrics: false,
    dhcpOptionsId: region.dhcpOptions.dhcpOptionsId,
    tags: spec.tags ?? new Map(),
  };
  region.vpcs.set(vpc.vpcId, vpc);
  const group = createSecurityGroup(region, vpc.vpcId, 'default', 'default VPC security group', new Map(), ids, `${key}/sg/default`);
  group.rules.unshift({
    ruleId: ids('sgr', `${key}/sg/default/self`),
    egress: false,
    ipProtocol: '-1',
    fromPort: -1,
    toPort: -1,
    referencedGroupId: group.groupId,
    tags: new Map(),
  });
  const aclId = ids('acl', key);
  region.networkAcls.set(aclId, {
    networkAclId: aclId,
    vpcId: vpc.vpcId,
    isDefault: true,
    associations: new Map(),
    entries: spec.naclEntries ?? defaultNaclEntries(),
    tags: new Map(),
  });
  return vpc;
}

export function createSubnet(region: RegionState, vpc: VpcRec, cidrBlock: string, zoneName: string, tags: Tags, ids: IdSource, key: string): SubnetRec {
  const zone = region.zone(zoneName);
  if (!zone) throw new Ec2Error('InvalidParameterValue', `Value (${zoneName}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${region.zones.map((z) => z.zoneName).join(', ')}.`);
  const fullKey = `${region.name}/${key}`;
  const subnet: SubnetRec = {
    subnetId: ids('subnet', fullKey),
    vpcId: vpc.vpcId,
    cidrBlock,
    availabilityZone: zone.zoneName,
    availabilityZoneId: zone.zoneId,
    defaultForAz: vpc.isDefault,
    tags,
  };
  region.subnets.set(subnet.subnetId, subnet);
  const acl = [...region.networkAcls.values()].find((a) => a.vpcId === vpc.vpcId && a.isDefault);
  acl?.associations.set(subnet.subnetId, ids('aclassoc', fullKey));
  return subnet;
}

export function createSecurityGroup(region: RegionState, vpcId: string, name: string, description: string, tags: Tags, ids: IdSource, key: string): SecurityGroupRec {
  const group: SecurityGroupRec = {
    groupId: ids('sg', key),
    groupName: name,
    description,
    vpcId,
    tags,
    rules: [
      {
        ruleId: ids('sgr', `${key}/egress-all`),
        egress: true,
        ipProtocol: '-1',
        fromPort: -1,
        toPort: -1,
        cidrIpv4: '0.0.0.0/0',
        tags: new Map(),
      },
    ],
  };
  region.securityGroups.set(group.groupId, group);
  return group;
}

export function sameRule(a: SgRuleRec, b: SgRuleRec): boolean {
  return (
    a.egress === b.egress &&
    a.ipProtocol === b.ipProtocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    a.cidrIpv4 === b.cidrIpv4 &&
    a.cidrIpv6 === b.cidrIpv6 &&
    a.referencedGroupId === b.referencedGroupId &&
    a.prefixListId === b.prefixListId
  );
}

/** AWS's account that owns endpoint interfaces (shown as `requesterId`). */
const ENDPOINT_REQUESTER_ID = '727180483921';

/** Creates the endpoint's interface in one subnet, with the next free IP from .10 upward. */
export function createEndpointEni(region: RegionState, endpoint: EndpointRec, subnet: SubnetRec): EniRec {
  const ip = allocateIp(subnet.cidrBlock, region.usedIps(subnet.subnetId));
  if (!ip) {
    throw new Ec2Error('InsufficientFreeAddressesInSubnet', `The specified subnet ${subnet.subnetId} has insufficient free addresses to satisfy the request.`);
  }
  const eni: EniRec = {
    networkInterfaceId: randomId('eni'),
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    availabilityZoneId: subnet.availabilityZoneId,
    privateIpAddress: ip,
    macAddress: randomMac(),
    description: `VPC Endpoint Interface ${endpoint.vpcEndpointId}`,
    interfaceType: 'vpc_endpoint',
    requesterManaged: true,
    requesterId: ENDPOINT_REQUESTER_ID,
    groupIds: [...endpoint.groupIds],
    status: 'in-use',
    endpointId: endpoint.vpcEndpointId,
    tags: new Map(),
  };
  region.enis.set(eni.networkInterfaceId, eni);
  endpoint.eniBySubnet.set(subnet.subnetId, eni.networkInterfaceId);
  return eni;
}

/** The private DNS host name EC2 gives an address ("ip-127-10-1-10.ec2.internal"). */
export function privateDnsName(region: string, ip: string): string {
  const domain = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
  return `ip-${ip.replace(/\./g, '-')}.${domain}`;
}
