// What decides whether a packet reaches the endpoint: security groups and network ACLs.
import { paginateDescribeNetworkAcls, paginateDescribeSecurityGroups, type EC2Client, type Filter } from '@aws-sdk/client-ec2';
import { toNetworkAcl, toSecurityGroupSummary } from './ec2Normalize';
import { batches, collectPages, sendOptions, unique } from './queryHelpers';
import type { NetworkAcl, QueryOptions, SecurityGroupSummary } from './types';

const IDS_PER_FILTER = 100;

async function securityGroups(ec2: EC2Client, filters: Filter[], options: QueryOptions): Promise<SecurityGroupSummary[]> {
  const groups = await collectPages(
    paginateDescribeSecurityGroups({ client: ec2, pageSize: options.pageSize ?? 1000 }, { Filters: filters }, sendOptions(options.signal)),
    (page) => page.SecurityGroups,
    options.signal,
  );
  return groups.map(toSecurityGroupSummary).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The VPC's security groups with their rules normalised (protocol, ports, CIDRs, groups). */
export function listSecurityGroups(ec2: EC2Client, vpcId: string, options: QueryOptions = {}): Promise<SecurityGroupSummary[]> {
  return securityGroups(ec2, [{ Name: 'vpc-id', Values: [vpcId] }], options);
}

/** Security groups by id (e.g. an endpoint's); unknown ids are simply absent. */
export async function describeSecurityGroups(ec2: EC2Client, groupIds: readonly string[], options: QueryOptions = {}): Promise<SecurityGroupSummary[]> {
  const out: SecurityGroupSummary[] = [];
  for (const batch of batches(unique(groupIds), IDS_PER_FILTER)) {
    out.push(...(await securityGroups(ec2, [{ Name: 'group-id', Values: batch }], options)));
  }
  return out;
}

/**
 * The network ACLs associated with the given subnets (filter association.subnet-id), entries
 * sorted by direction then rule number. Each subnet has exactly one ACL.
 */
export async function describeNetworkAcls(ec2: EC2Client, subnetIds: readonly string[], options: QueryOptions = {}): Promise<NetworkAcl[]> {
  const byId = new Map<string, NetworkAcl>();
  for (const batch of batches(unique(subnetIds), IDS_PER_FILTER)) {
    const acls = await collectPages(
      // DescribeNetworkAcls caps MaxResults at 100.
      paginateDescribeNetworkAcls(
        { client: ec2, pageSize: Math.min(options.pageSize ?? 100, 100) },
        { Filters: [{ Name: 'association.subnet-id', Values: batch }] },
        sendOptions(options.signal),
      ),
      (page) => page.NetworkAcls,
      options.signal,
    );
    for (const acl of acls) byId.set(acl.NetworkAclId ?? '', toNetworkAcl(acl));
  }
  return [...byId.values()];
}

/** The ACL that governs a subnet, from a describeNetworkAcls result. */
export function aclForSubnet(acls: readonly NetworkAcl[], subnetId: string): NetworkAcl | undefined {
  return acls.find((acl) => acl.subnetIds.includes(subnetId));
}
