// VPC-level reads and the one VPC write the flow needs (DNS attributes).
import {
  DescribeDhcpOptionsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { toDhcpOptionsSummary, toSubnetSummary, toVpcSummary } from './ec2Normalize';
import { collectPages, sendOptions, throwIfAborted } from './queryHelpers';
import type { DhcpOptionsSummary, QueryOptions, SubnetSummary, VpcDnsAttributes, VpcSummary } from './types';

const DEFAULT_PAGE_SIZE = 1000;

/** Every VPC of the client's region: one paginated DescribeVpcs. Sorted by name, then id. */
export async function listVpcs(ec2: EC2Client, options: QueryOptions = {}): Promise<VpcSummary[]> {
  const vpcs = await collectPages(
    paginateDescribeVpcs({ client: ec2, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE }, {}, sendOptions(options.signal)),
    (page) => page.Vpcs,
    options.signal,
  );
  return vpcs.map(toVpcSummary).sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.id.localeCompare(b.id));
}

/** Both DNS attributes private DNS needs; EC2 answers one attribute per call, so two in parallel. */
export async function getVpcDnsAttributes(ec2: EC2Client, vpcId: string, options: QueryOptions = {}): Promise<VpcDnsAttributes> {
  throwIfAborted(options.signal);
  const [support, hostnames] = await Promise.all([
    ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' }), sendOptions(options.signal)),
    ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }), sendOptions(options.signal)),
  ]);
  return {
    enableDnsSupport: support.EnableDnsSupport?.Value === true,
    enableDnsHostnames: hostnames.EnableDnsHostnames?.Value === true,
  };
}

/**
 * Sets the DNS attributes given (one ModifyVpcAttribute per attribute, as EC2 requires). Support
 * is switched on before hostnames and off after them: EC2 refuses hostnames without support.
 */
export async function setVpcDnsAttributes(ec2: EC2Client, vpcId: string, attributes: Partial<VpcDnsAttributes>, options: QueryOptions = {}): Promise<void> {
  const setSupport = async (value: boolean) => {
    throwIfAborted(options.signal);
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: value } }), sendOptions(options.signal));
  };
  const setHostnames = async (value: boolean) => {
    throwIfAborted(options.signal);
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: value } }), sendOptions(options.signal));
  };
  if (attributes.enableDnsSupport === true) await setSupport(true);
  if (attributes.enableDnsHostnames !== undefined) await setHostnames(attributes.enableDnsHostnames);
  if (attributes.enableDnsSupport === false) await setSupport(false);
}

/** The VPC's subnets (filter vpc-id), sorted by AZ then CIDR. */
export async function listSubnets(ec2: EC2Client, vpcId: string, options: QueryOptions = {}): Promise<SubnetSummary[]> {
  const subnets = await collectPages(
    paginateDescribeSubnets(
      { client: ec2, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE },
      { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] },
      sendOptions(options.signal),
    ),
    (page) => page.Subnets,
    options.signal,
  );
  return subnets
    .map(toSubnetSummary)
    .sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone) || a.cidrBlock.localeCompare(b.cidrBlock, undefined, { numeric: true }));
}

/**
 * The DHCP options set of a VPC (pass `dhcpOptionsId` from listVpcs). Undefined for a VPC with
 * no DHCP options (`default` means none, which is AWS's own resolver).
 */
export async function describeDhcpOptions(ec2: EC2Client, dhcpOptionsId: string, options: QueryOptions = {}): Promise<DhcpOptionsSummary | undefined> {
  if (!dhcpOptionsId || dhcpOptionsId === 'default') return undefined;
  throwIfAborted(options.signal);
  const out = await ec2.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [dhcpOptionsId] }), sendOptions(options.signal));
  const first = out.DhcpOptions?.[0];
  return first ? toDhcpOptionsSummary(first) : undefined;
}

/** The DHCP options of a VPC given only its id: one DescribeVpcs, then describeDhcpOptions. */
export async function describeVpcDhcpOptions(ec2: EC2Client, vpcId: string, options: QueryOptions = {}): Promise<DhcpOptionsSummary | undefined> {
  throwIfAborted(options.signal);
  const out = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }), sendOptions(options.signal));
  const dhcpOptionsId = out.Vpcs?.[0]?.DhcpOptionsId;
  return dhcpOptionsId ? describeDhcpOptions(ec2, dhcpOptionsId, options) : undefined;
}
