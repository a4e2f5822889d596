// The read model handed to the rest of the sandbox (DNS, forwarders): plain copies of the
// state, so callers cannot change the emulator's records by accident.
import type { EndpointRec, NetworkAclRec, SecurityGroupRec, SgRuleRec, SubnetRec, Tags, VpcRec, InstanceRec } from './model';
import { endpointDnsNames } from './shapes';
import type { RegionState } from './state';
import type {
  SandboxEndpointView,
  SandboxInstance,
  SandboxNetworkAcl,
  SandboxSecurityGroup,
  SandboxSgRule,
  SandboxSubnet,
  SandboxVpc,
} from './types';

function tagObject(tags: Tags): Record<string, string> {
  return Object.fromEntries(tags);
}

export function endpointView(region: RegionState, e: EndpointRec): SandboxEndpointView {
  const service = region.services.get(e.serviceName);
  const interfaces = [...e.eniBySubnet.values()]
    .map((id) => region.enis.get(id))
    .filter((eni) => eni !== undefined)
    .map((eni) => ({ eniId: eni.networkInterfaceId, ip: eni.privateIpAddress, subnetId: eni.subnetId, availabilityZone: eni.availabilityZone, securityGroupIds: [...eni.groupIds] }));
  return {
    region: region.name,
    endpointId: e.vpcEndpointId,
    vpcId: e.vpcId,
    serviceName: e.serviceName,
    endpointType: e.vpcEndpointType,
    state: e.state,
    privateDnsEnabled: e.privateDnsEnabled,
    servicePrivateDnsName: service?.privateDnsName,
    securityGroupIds: [...e.groupIds],
    subnetIds: [...e.subnetIds],
    interfaces,
    dnsNames: e.vpcEndpointType === 'Interface' ? endpointDnsNames(e, service, region) : [],
    tags: tagObject(e.tags),
    createdAt: e.creationTimestamp,
  };
}

function ruleView(r: SgRuleRec): SandboxSgRule {
  return {
    ruleId: r.ruleId,
    egress: r.egress,
    ipProtocol: r.ipProtocol,
    fromPort: r.fromPort,
    toPort: r.toPort,
    cidrIpv4: r.cidrIpv4,
    referencedGroupId: r.referencedGroupId,
    description: r.description,
  };
}

export function securityGroupView(region: RegionState, g: SecurityGroupRec): SandboxSecurityGroup {
  return {
    region: region.name,
    groupId: g.groupId,
    groupName: g.groupName,
    description: g.description,
    vpcId: g.vpcId,
    ingress: g.rules.filter((r) => !r.egress).map(ruleView),
    egress: g.rules.filter((r) => r.egress).map(ruleView),
    tags: tagObject(g.tags),
  };
}

export function networkAclView(region: RegionState, a: NetworkAclRec): SandboxNetworkAcl {
  return {
    region: region.name,
    networkAclId: a.networkAclId,
    vpcId: a.vpcId,
    isDefault: a.isDefault,
    subnetIds: [...a.associations.keys()],
    entries: a.entries
      .filter((e) => e.cidrBlock !== undefined)
      .map((e) => ({ ruleNumber: e.ruleNumber, egress: e.egress, protocol: e.protocol, portRange: e.portRange ? { ...e.portRange } : undefined, cidrBlock: e.cidrBlock as string, ruleAction: e.ruleAction }))
      .sort((x, y) => x.ruleNumber - y.ruleNumber || Number(x.egress) - Number(y.egress)),
  };
}

export function subnetView(region: RegionState, s: SubnetRec): SandboxSubnet {
  return { region: region.name, subnetId: s.subnetId, vpcId: s.vpcId, cidrBlock: s.cidrBlock, availabilityZone: s.availabilityZone, availabilityZoneId: s.availabilityZoneId, tags: tagObject(s.tags) };
}

export function vpcView(region: RegionState, v: VpcRec): SandboxVpc {
  return { region: region.name, vpcId: v.vpcId, cidrBlock: v.cidrBlock, isDefault: v.isDefault, enableDnsSupport: v.enableDnsSupport, enableDnsHostnames: v.enableDnsHostnames, tags: tagObject(v.tags) };
}

export function instanceView(region: RegionState, i: InstanceRec): SandboxInstance {
  return { region: region.name, instanceId: i.instanceId, name: i.name, vpcId: i.vpcId, subnetId: i.subnetId, privateIpAddress: i.privateIpAddress, securityGroupIds: [...i.groupIds], eniId: i.eniId,
    platform: i.platform, state: i.state, ssm: i.ssm ? { ...i.ssm } : undefined };
}
