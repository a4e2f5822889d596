// Bulk seeding for benchmarks: N more VPCs and M more available endpoints in a region, all on
// loopback ranges of their own (one /20 per VPC under 127.128.0.0/9) so interface IPs stay
// unique 127.x addresses.
import { allocateIp, formatCidr, formatIpv4, parseIpv4 } from './cidr';
import { createEndpointEni, createSubnet, createVpc, randomIds } from './factory';
import { randomId } from './ids';
import type { EndpointRec, SubnetRec, VpcRec } from './model';
import type { RegionState } from './state';

const BULK_BASE = parseIpv4('127.128.0.0') as number;
const VPC_SIZE = 4096; // a /20
const MAX_BULK_VPCS = (2 ** 31 - BULK_BASE) / VPC_SIZE; // up to 127.255.255.255
const ENDPOINTS_PER_VPC_WHEN_NONE_ASKED = 100;

export class BulkSeedError extends Error {}

function addBulkVpc(region: RegionState): VpcRec {
  const k = region.bulkVpcCount;
  if (k >= MAX_BULK_VPCS) throw new BulkSeedError(`No loopback range left for more bulk VPCs in ${region.name}.`);
  region.bulkVpcCount += 1;
  const base = BULK_BASE + k * VPC_SIZE;
  const name = `bulk-vpc-${k + 1}`;
  const vpc = createVpc(
    region,
    { key: `bulk/${k}`, cidrBlock: formatCidr({ base, prefix: 20, size: VPC_SIZE }), enableDnsSupport: true, enableDnsHostnames: true, tags: new Map([['Name', name]]) },
    randomIds,
  );
  region.zones.slice(0, 3).forEach((zone, i) => {
    createSubnet(region, vpc, `${formatIpv4(base + i * 256)}/24`, zone.zoneName, new Map([['Name', `${name}-${zone.zoneName}`]]), randomIds, `bulk/${k}/${i}`);
  });
  return vpc;
}

/** A subnet of the VPC in the zone with a free address, adding a /24 when all are full. */
function subnetWithRoom(region: RegionState, vpc: VpcRec, zoneName: string): SubnetRec | undefined {
  const inZone = [...region.subnets.values()].filter((s) => s.vpcId === vpc.vpcId && s.availabilityZone === zoneName);
  const free = inZone.find((s) => allocateIp(s.cidrBlock, region.usedIps(s.subnetId)) !== undefined);
  if (free) return free;
  const base = parseIpv4(vpc.cidrBlock.split('/')[0]) as number;
  const taken = new Set([...region.subnets.values()].filter((s) => s.vpcId === vpc.vpcId).map((s) => s.cidrBlock));
  for (let i = 0; i < 16; i++) {
    const cidr = `${formatIpv4(base + i * 256)}/24`;
    if (!taken.has(cidr)) return createSubnet(region, vpc, cidr, zoneName, new Map(), randomIds, `bulk-extra/${cidr}`);
  }
  return undefined;
}

export function bulkSeed(region: RegionState, vpcCount: number, endpointCount: number, now: number): { vpcIds: string[]; endpointIds: string[] } {
  if (!Number.isInteger(vpcCount) || vpcCount < 0 || !Number.isInteger(endpointCount) || endpointCount < 0) {
    throw new BulkSeedError('bulk-seed needs whole, non-negative numbers of vpcs and endpoints.');
  }
  const service = [...region.services.values()].find((s) => s.owner !== 'amazon' && s.serviceTypes.includes('Interface'));
  if (endpointCount > 0 && !service) throw new BulkSeedError(`Region ${region.name} has no partner endpoint service to create bulk endpoints for.`);
  const vpcs: VpcRec[] = [];
  for (let i = 0; i < vpcCount; i++) vpcs.push(addBulkVpc(region));
  if (endpointCount > 0 && vpcs.length === 0) {
    for (let i = 0; i < Math.ceil(endpointCount / ENDPOINTS_PER_VPC_WHEN_NONE_ASKED); i++) vpcs.push(addBulkVpc(region));
  }
  const endpointIds: string[] = [];
  for (let n = 0; n < endpointCount && service; n++) {
    const vpc = vpcs[n % vpcs.length];
    const zones = service.availabilityZones.slice(0, 2);
    const subnets = zones.map((z) => subnetWithRoom(region, vpc, z)).filter((s): s is SubnetRec => s !== undefined);
    const group = region.defaultGroup(vpc.vpcId);
    const endpoint: EndpointRec = {
      vpcEndpointId: randomId('vpce'),
      vpcEndpointType: 'Interface',
      vpcId: vpc.vpcId,
      serviceName: service.serviceName,
      state: 'available',
      subnetIds: subnets.map((s) => s.subnetId),
      groupIds: group ? [group.groupId] : [],
      privateDnsEnabled: false,
      ipAddressType: 'ipv4',
      dnsRecordIpType: 'ipv4',
      eniBySubnet: new Map(),
      creationTimestamp: now,
      tags: new Map([['Name', `bulk-endpoint-${n + 1}`]]),
    };
    for (const subnet of subnets) createEndpointEni(region, endpoint, subnet);
    region.endpoints.set(endpoint.vpcEndpointId, endpoint);
    endpointIds.push(endpoint.vpcEndpointId);
  }
  return { vpcIds: vpcs.map((v) => v.vpcId), endpointIds };
}
