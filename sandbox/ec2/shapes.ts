// The XML shapes of EC2 resources, with the element names of the EC2 API (the names
// @aws-sdk/client-ec2 and botocore read: vpcSet/item, ipPermissions, groups, entrySet, …).
import { privateDnsName } from './factory';
import type { EndpointRec, EndpointServiceRec, EniRec, NetworkAclRec, SecurityGroupRec, SgRuleRec, SubnetRec, Tags, VpcRec } from './model';
import type { RegionState } from './state';
import { isoTime, type XmlObject } from './xml';
import { parseCidr } from './cidr';

export function tagSet(tags: Tags): XmlObject[] {
  return [...tags].map(([key, value]) => ({ key, value }));
}

export function vpcShape(vpc: VpcRec, ownerId: string): XmlObject {
  return {
    vpcId: vpc.vpcId,
    ownerId,
    state: 'available',
    cidrBlock: vpc.cidrBlock,
    cidrBlockAssociationSet: [{ cidrBlock: vpc.cidrBlock, associationId: vpc.cidrAssociationId, cidrBlockState: { state: 'associated' } }],
    ipv6CidrBlockAssociationSet: [],
    dhcpOptionsId: vpc.dhcpOptionsId,
    tagSet: tagSet(vpc.tags),
    instanceTenancy: 'default',
    isDefault: vpc.isDefault,
    blockPublicAccessStates: { internetGatewayBlockMode: 'off' },
  };
}

export function subnetShape(subnet: SubnetRec, region: RegionState, ownerId: string): XmlObject {
  const size = parseCidr(subnet.cidrBlock)?.size ?? 0;
  return {
    subnetId: subnet.subnetId,
    subnetArn: `arn:aws:ec2:${region.name}:${ownerId}:subnet/${subnet.subnetId}`,
    state: 'available',
    ownerId,
    vpcId: subnet.vpcId,
    cidrBlock: subnet.cidrBlock,
    ipv6CidrBlockAssociationSet: [],
    availableIpAddressCount: Math.max(0, size - 5 - region.usedIps(subnet.subnetId).size),
    availabilityZone: subnet.availabilityZone,
    availabilityZoneId: subnet.availabilityZoneId,
    defaultForAz: subnet.defaultForAz,
    mapPublicIpOnLaunch: subnet.defaultForAz,
    mapCustomerOwnedIpOnLaunch: false,
    assignIpv6AddressOnCreation: false,
    enableDns64: false,
    ipv6Native: false,
    privateDnsNameOptionsOnLaunch: { hostnameType: 'ip-name', enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false },
    blockPublicAccessStates: { internetGatewayBlockMode: 'off' },
    tagSet: tagSet(subnet.tags),
  };
}

/** Rules grouped into IpPermissions the way EC2 shows them (one entry per protocol/port range). */
function ipPermissions(rules: SgRuleRec[], region: RegionState, ownerId: string): XmlObject[] {
  const groups = new Map<string, SgRuleRec[]>();
  for (const r of rules) {
    const key = `${r.ipProtocol}/${r.fromPort}/${r.toPort}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((list) => {
    const first = list[0];
    const ported = ['tcp', 'udp', 'icmp', 'icmpv6'].includes(first.ipProtocol);
    return {
      ipProtocol: first.ipProtocol,
      fromPort: ported ? first.fromPort : undefined,
      toPort: ported ? first.toPort : undefined,
      groups: list
        .filter((r) => r.referencedGroupId)
        .map((r) => ({
          userId: ownerId,
          groupId: r.referencedGroupId,
          groupName: region.securityGroups.get(r.referencedGroupId as string)?.groupName,
          description: r.description,
        })),
      ipRanges: list.filter((r) => r.cidrIpv4).map((r) => ({ cidrIp: r.cidrIpv4, description: r.description })),
      ipv6Ranges: list.filter((r) => r.cidrIpv6).map((r) => ({ cidrIpv6: r.cidrIpv6, description: r.description })),
      prefixListIds: list.filter((r) => r.prefixListId).map((r) => ({ prefixListId: r.prefixListId, description: r.description })),
    };
  });
}

export function securityGroupShape(group: SecurityGroupRec, region: RegionState, ownerId: string): XmlObject {
  return {
    ownerId,
    groupId: group.groupId,
    groupName: group.groupName,
    groupDescription: group.description,
    vpcId: group.vpcId,
    securityGroupArn: `arn:aws:ec2:${region.name}:${ownerId}:security-group/${group.groupId}`,
    ipPermissions: ipPermissions(group.rules.filter((r) => !r.egress), region, ownerId),
    ipPermissionsEgress: ipPermissions(group.rules.filter((r) => r.egress), region, ownerId),
    tagSet: tagSet(group.tags),
  };
}

export function securityGroupRuleShape(group: SecurityGroupRec, rule: SgRuleRec, region: RegionState, ownerId: string): XmlObject {
  return {
    securityGroupRuleId: rule.ruleId,
    groupId: group.groupId,
    groupOwnerId: ownerId,
    isEgress: rule.egress,
    ipProtocol: rule.ipProtocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    cidrIpv4: rule.cidrIpv4,
    cidrIpv6: rule.cidrIpv6,
    prefixListId: rule.prefixListId,
    referencedGroupInfo: rule.referencedGroupId ? { groupId: rule.referencedGroupId, userId: ownerId } : undefined,
    description: rule.description,
    tagSet: tagSet(rule.tags),
    securityGroupRuleArn: `arn:aws:ec2:${region.name}:${ownerId}:security-group-rule/${rule.ruleId}`,
  };
}

export function networkAclShape(acl: NetworkAclRec, ownerId: string): XmlObject {
  return {
    networkAclId: acl.networkAclId,
    vpcId: acl.vpcId,
    default: acl.isDefault,
    entrySet: [...acl.entries]
      .sort((a, b) => Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber)
      .map((e) => ({
        ruleNumber: e.ruleNumber,
        protocol: e.protocol,
        ruleAction: e.ruleAction,
        egress: e.egress,
        cidrBlock: e.cidrBlock,
        ipv6CidrBlock: e.ipv6CidrBlock,
        icmpTypeCode: e.icmpTypeCode,
        portRange: e.portRange,
      })),
    associationSet: [...acl.associations].map(([subnetId, associationId]) => ({
      networkAclAssociationId: associationId,
      networkAclId: acl.networkAclId,
      subnetId,
    })),
    tagSet: tagSet(acl.tags),
    ownerId,
  };
}

export function networkInterfaceShape(eni: EniRec, region: RegionState, ownerId: string): XmlObject {
  const dnsName = privateDnsName(region.name, eni.privateIpAddress);
  return {
    networkInterfaceId: eni.networkInterfaceId,
    subnetId: eni.subnetId,
    vpcId: eni.vpcId,
    availabilityZone: eni.availabilityZone,
    availabilityZoneId: eni.availabilityZoneId,
    description: eni.description,
    ownerId,
    requesterId: eni.requesterId,
    requesterManaged: eni.requesterManaged,
    status: eni.status,
    macAddress: eni.macAddress,
    privateIpAddress: eni.privateIpAddress,
    privateDnsName: dnsName,
    sourceDestCheck: true,
    groupSet: eni.groupIds.map((id) => ({ groupId: id, groupName: region.securityGroups.get(id)?.groupName })),
    attachment: eni.attachment
      ? {
          attachmentId: eni.attachment.attachmentId,
          instanceId: eni.attachment.instanceId,
          instanceOwnerId: ownerId,
          deviceIndex: eni.attachment.deviceIndex,
          networkCardIndex: 0,
          status: 'attached',
          attachTime: isoTime(eni.attachment.attachTime),
          deleteOnTermination: true,
        }
      : undefined,
    tagSet: tagSet(eni.tags),
    privateIpAddressesSet: [{ privateIpAddress: eni.privateIpAddress, privateDnsName: dnsName, primary: true }],
    ipv6AddressesSet: [],
    interfaceType: eni.interfaceType,
  };
}

export function endpointDnsNames(endpoint: EndpointRec, service: EndpointServiceRec | undefined, region: RegionState): string[] {
  const base = service?.baseEndpointDnsName ?? `${endpoint.serviceName}.${region.name}.vpce.amazonaws.com`;
  const names = [`${endpoint.vpcEndpointId}-${shortSuffix(endpoint.vpcEndpointId)}.${base}`];
  for (const subnetId of endpoint.subnetIds) {
    const az = region.subnets.get(subnetId)?.availabilityZone;
    if (az) names.push(`${endpoint.vpcEndpointId}-${shortSuffix(endpoint.vpcEndpointId)}-${az}.${base}`);
  }
  if (endpoint.privateDnsEnabled && service?.privateDnsName) names.push(service.privateDnsName);
  return names;
}

/** AWS adds a short random-looking suffix to an endpoint's DNS names; derive it from the id. */
function shortSuffix(endpointId: string): string {
  let h = 0;
  for (const c of endpointId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(36).padStart(8, '0').slice(0, 8);
}

/** Route 53 hosted zone ids of the regional vpce names (fixed per region in AWS). */
function vpceHostedZoneId(region: string): string {
  let h = 7;
  for (const c of region) h = (h * 131 + c.charCodeAt(0)) >>> 0;
  return `Z${h.toString(36).toUpperCase().padStart(12, '7')}`;
}

export function endpointShape(endpoint: EndpointRec, region: RegionState, ownerId: string): XmlObject {
  const service = region.services.get(endpoint.serviceName);
  const interfaceType = endpoint.vpcEndpointType === 'Interface';
  const names = interfaceType ? endpointDnsNames(endpoint, service, region) : [];
  const privateZone = `Z${endpoint.vpcEndpointId.slice(5, 18).toUpperCase()}`;
  return {
    vpcEndpointId: endpoint.vpcEndpointId,
    vpcEndpointType: endpoint.vpcEndpointType,
    vpcId: endpoint.vpcId,
    serviceName: endpoint.serviceName,
    state: endpoint.state,
    policyDocument: endpoint.policyDocument,
    routeTableIdSet: [],
    subnetIdSet: endpoint.subnetIds,
    groupSet: endpoint.groupIds.map((id) => ({ groupId: id, groupName: region.securityGroups.get(id)?.groupName })),
    ipAddressType: endpoint.ipAddressType,
    dnsOptions: interfaceType ? { dnsRecordIpType: endpoint.dnsRecordIpType } : undefined,
    privateDnsEnabled: endpoint.privateDnsEnabled,
    requesterManaged: false,
    networkInterfaceIdSet: [...endpoint.eniBySubnet.values()],
    dnsEntrySet: names.map((dnsName) => ({
      dnsName,
      hostedZoneId: dnsName === service?.privateDnsName ? privateZone : vpceHostedZoneId(region.name),
    })),
    creationTimestamp: isoTime(endpoint.creationTimestamp),
    tagSet: tagSet(endpoint.tags),
    ownerId,
    lastError: endpoint.lastError,
    failureReason: endpoint.failureReason,
  };
}

export function serviceDetailShape(service: EndpointServiceRec): XmlObject {
  return {
    serviceName: service.serviceName,
    serviceId: service.serviceId,
    serviceType: service.serviceTypes.map((serviceType) => ({ serviceType })),
    availabilityZoneSet: service.availabilityZones,
    owner: service.owner,
    baseEndpointDnsNameSet: [service.baseEndpointDnsName],
    privateDnsName: service.privateDnsName,
    privateDnsNameSet: service.privateDnsName ? [{ privateDnsName: service.privateDnsName }] : [],
    vpcEndpointPolicySupported: service.owner === 'amazon',
    acceptanceRequired: service.acceptanceRequired,
    managesVpcEndpoints: service.managesVpcEndpoints,
    privateDnsNameVerificationState: service.privateDnsName ? 'verified' : undefined,
    supportedIpAddressTypeSet: ['ipv4'],
    tagSet: tagSet(service.tags),
  };
}
