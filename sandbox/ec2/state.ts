// The emulator's state: one RegionState per region (EC2 state is regional), with lookups that
// throw the NotFound errors EC2 answers for unknown ids.
import { stableId } from './ids';
import type {
  AvailabilityZoneRec,
  DhcpOptionsRec,
  EndpointRec,
  EndpointServiceRec,
  EniRec,
  InstanceRec,
  NetworkAclRec,
  SecurityGroupRec,
  SubnetRec,
  VpcRec,
} from './model';
import { Ec2Error } from './queryProtocol';

export class RegionState {
  zones: AvailabilityZoneRec[];
  readonly vpcs = new Map<string, VpcRec>();
  readonly subnets = new Map<string, SubnetRec>();
  readonly securityGroups = new Map<string, SecurityGroupRec>();
  readonly networkAcls = new Map<string, NetworkAclRec>();
  /** By service name. */
  readonly services = new Map<string, EndpointServiceRec>();
  readonly endpoints = new Map<string, EndpointRec>();
  readonly enis = new Map<string, EniRec>();
  readonly instances = new Map<string, InstanceRec>();
  /** ClientToken → endpoint id. */
  readonly clientTokens = new Map<string, string>();
  readonly dhcpOptions: DhcpOptionsRec;
  /** How many bulk-seed VPC ranges were handed out (each a /20 under 127.128.0.0/9). */
  bulkVpcCount = 0;
  /** Seeded regions are the ones DescribeRegions lists; others exist only once asked for. */
  seeded = false;

  constructor(readonly name: string, zoneNames?: string[]) {
    this.zones = (zoneNames ?? ['a', 'b', 'c'].map((s) => `${name}${s}`)).map((zoneName, i) => ({
      zoneName,
      zoneId: `${zoneIdPrefix(name)}-az${i + 1}`,
    }));
    this.dhcpOptions = {
      dhcpOptionsId: stableId('dopt', name),
      domainName: name === 'us-east-1' ? 'ec2.internal' : `${name}.compute.internal`,
      tags: new Map(),
    };
  }

  zone(zoneName: string): AvailabilityZoneRec | undefined {
    return this.zones.find((z) => z.zoneName === zoneName);
  }

  vpc(id: string): VpcRec {
    const vpc = this.vpcs.get(id);
    if (!vpc) throw new Ec2Error('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
    return vpc;
  }

  subnet(id: string): SubnetRec {
    const subnet = this.subnets.get(id);
    if (!subnet) throw new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
    return subnet;
  }

  group(id: string): SecurityGroupRec {
    const group = this.securityGroups.get(id);
    if (!group) throw new Ec2Error('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    return group;
  }

  networkAcl(id: string): NetworkAclRec {
    const acl = this.networkAcls.get(id);
    if (!acl) throw new Ec2Error('InvalidNetworkAclID.NotFound', `The network ACL '${id}' does not exist`);
    return acl;
  }

  endpoint(id: string): EndpointRec {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) throw new Ec2Error('InvalidVpcEndpointId.NotFound', `The VpcEndpoint Id '${id}' does not exist`);
    return endpoint;
  }

  defaultVpc(): VpcRec | undefined {
    return [...this.vpcs.values()].find((v) => v.isDefault);
  }

  defaultGroup(vpcId: string): SecurityGroupRec | undefined {
    return [...this.securityGroups.values()].find((g) => g.vpcId === vpcId && g.groupName === 'default');
  }

  groupByName(vpcId: string, name: string): SecurityGroupRec | undefined {
    return [...this.securityGroups.values()].find((g) => g.vpcId === vpcId && g.groupName === name);
  }

  aclForSubnet(subnetId: string): NetworkAclRec | undefined {
    return [...this.networkAcls.values()].find((a) => a.associations.has(subnetId));
  }

  /** Addresses taken in a subnet (interfaces of endpoints and instances). */
  usedIps(subnetId: string): Set<string> {
    const used = new Set<string>();
    for (const eni of this.enis.values()) if (eni.subnetId === subnetId) used.add(eni.privateIpAddress);
    for (const inst of this.instances.values()) if (inst.subnetId === subnetId) used.add(inst.privateIpAddress);
    return used;
  }
}

/** "us-east-1" → "use1", as AWS's zone ids read. */
function zoneIdPrefix(region: string): string {
  const [area, direction, number] = region.split('-');
  return `${area ?? ''}${(direction ?? '').charAt(0)}${number ?? ''}`;
}

export interface Identity {
  accountId: string;
  callerArn: string;
  callerUserId: string;
}

export class Ec2State {
  readonly regions = new Map<string, RegionState>();

  constructor(readonly identity: Identity) {}

  /** A region's state; regions outside the seed start empty (with three AZs), as moto does. */
  region(name: string): RegionState {
    let region = this.regions.get(name);
    if (!region) {
      region = new RegionState(name);
      this.regions.set(name, region);
    }
    return region;
  }
}
