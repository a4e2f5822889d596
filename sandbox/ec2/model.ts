// Internal records of the emulator's state, one region at a time. Field names follow EC2's
// own (lower camel case) so the XML shapes map onto them directly.
import type { InstancePlatform, InstanceStateName, SeedManagedNode } from './types';

export type Tags = Map<string, string>;

export interface AvailabilityZoneRec {
  zoneName: string;
  zoneId: string;
}

export interface VpcRec {
  vpcId: string;
  cidrBlock: string;
  cidrAssociationId: string;
  isDefault: boolean;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
  enableNetworkAddressUsageMetrics: boolean;
  dhcpOptionsId: string;
  tags: Tags;
}

export interface SubnetRec {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  availabilityZoneId: string;
  defaultForAz: boolean;
  tags: Tags;
}

export interface SgRuleRec {
  ruleId: string;
  egress: boolean;
  ipProtocol: string; // normalized: "-1", "tcp", "udp", "icmp", "icmpv6" or a number
  fromPort: number; // -1 when not applicable
  toPort: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  referencedGroupId?: string;
  prefixListId?: string;
  description?: string;
  tags: Tags;
}

export interface SecurityGroupRec {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  rules: SgRuleRec[];
  tags: Tags;
}

export interface NaclEntryRec {
  ruleNumber: number;
  egress: boolean;
  protocol: string; // "-1" or a protocol number
  ruleAction: 'allow' | 'deny';
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  portRange?: { from: number; to: number };
  icmpTypeCode?: { type: number; code: number };
}

export interface NetworkAclRec {
  networkAclId: string;
  vpcId: string;
  isDefault: boolean;
  /** subnetId → association id */
  associations: Map<string, string>;
  entries: NaclEntryRec[];
  tags: Tags;
}

export interface EndpointServiceRec {
  serviceName: string;
  serviceId: string;
  serviceTypes: string[];
  availabilityZones: string[];
  privateDnsName?: string;
  acceptanceRequired: boolean;
  managesVpcEndpoints: boolean;
  owner: string;
  baseEndpointDnsName: string;
  tags: Tags;
}

export interface EniRec {
  networkInterfaceId: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  availabilityZoneId: string;
  privateIpAddress: string;
  macAddress: string;
  description: string;
  interfaceType: string; // "vpc_endpoint" | "interface"
  requesterManaged: boolean;
  requesterId?: string;
  groupIds: string[];
  status: 'in-use' | 'available';
  attachment?: { attachmentId: string; instanceId: string; deviceIndex: number; attachTime: number };
  /** The endpoint this interface belongs to, if any. */
  endpointId?: string;
  tags: Tags;
}

export interface EndpointRec {
  vpcEndpointId: string;
  vpcEndpointType: string;
  vpcId: string;
  serviceName: string;
  state: string;
  policyDocument?: string;
  subnetIds: string[];
  groupIds: string[];
  privateDnsEnabled: boolean;
  ipAddressType: string;
  dnsRecordIpType: string;
  /** subnetId → eni id */
  eniBySubnet: Map<string, string>;
  creationTimestamp: number;
  clientToken?: string;
  /** Fingerprint of the create request, for ClientToken idempotency. */
  requestFingerprint?: string;
  failureReason?: string;
  lastError?: { code: string; message: string };
  tags: Tags;
  deletedAt?: number;
}

export interface InstanceRec {
  instanceId: string;
  name: string;
  vpcId: string;
  subnetId: string;
  privateIpAddress: string;
  groupIds: string[];
  eniId: string;
  platform: InstancePlatform;
  state: InstanceStateName;
  ssm?: SeedManagedNode;
  launchTime: number;
}

export interface DhcpOptionsRec {
  dhcpOptionsId: string;
  domainName: string;
  tags: Tags;
}
