// DescribeVpcs, DescribeVpcAttribute, ModifyVpcAttribute and DescribeDhcpOptions.
import type { Handler } from '../context';
import { applyFilters } from '../filters';
import type { VpcRec } from '../model';
import { paginate } from '../pagination';
import { Ec2Error } from '../queryProtocol';
import { tagSet, vpcShape } from '../shapes';
import { selectByIds } from './common';

export const describeVpcs: Handler = (ctx) => {
  const selected = selectByIds(ctx.region.vpcs, ctx.params.list('VpcId'), (id) => new Ec2Error('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`));
  const filtered = applyFilters(
    selected,
    ctx.params.filters(),
    {
      'vpc-id': (v) => v.vpcId,
      cidr: (v) => v.cidrBlock,
      'cidr-block-association.cidr-block': (v) => v.cidrBlock,
      'cidr-block-association.association-id': (v) => v.cidrAssociationId,
      'cidr-block-association.state': () => 'associated',
      'dhcp-options-id': (v) => v.dhcpOptionsId,
      'is-default': (v) => v.isDefault,
      isDefault: (v) => v.isDefault,
      'owner-id': () => ctx.accountId,
      state: () => 'available',
    },
    (v) => v.tags,
  );
  const page = paginate(filtered, ctx.params, ctx.action, { min: 5, max: 1000 });
  return { vpcSet: page.items.map((v) => vpcShape(v, ctx.accountId)), nextToken: page.nextToken };
};

const VPC_ATTRIBUTES = ['enableDnsSupport', 'enableDnsHostnames', 'enableNetworkAddressUsageMetrics'] as const;
type VpcAttribute = (typeof VPC_ATTRIBUTES)[number];

export const describeVpcAttribute: Handler = (ctx) => {
  const vpc = ctx.region.vpc(ctx.params.required('VpcId'));
  const attribute = ctx.params.required('Attribute') as VpcAttribute;
  if (!VPC_ATTRIBUTES.includes(attribute)) {
    throw new Ec2Error('InvalidParameterValue', `Value (${attribute}) for parameter attribute is invalid. Unknown attribute; valid values are ${VPC_ATTRIBUTES.join(', ')}.`);
  }
  return { vpcId: vpc.vpcId, [attribute]: { value: vpc[attribute] } };
};

export const modifyVpcAttribute: Handler = (ctx) => {
  const vpc: VpcRec = ctx.region.vpc(ctx.params.required('VpcId'));
  const given = VPC_ATTRIBUTES.filter((a) => ctx.params.hasAny(a.charAt(0).toUpperCase() + a.slice(1)));
  if (given.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain one of the parameters EnableDnsSupport, EnableDnsHostnames or EnableNetworkAddressUsageMetrics');
  if (given.length > 1) throw new Ec2Error('InvalidParameterCombination', 'Fields for multiple attribute types specified: ' + given.join(', '));
  const attribute = given[0];
  const value = ctx.params.bool(`${attribute.charAt(0).toUpperCase()}${attribute.slice(1)}.Value`);
  if (value === undefined) throw new Ec2Error('MissingParameter', `The request must contain the parameter ${attribute}.Value`);
  if (attribute === 'enableDnsHostnames' && value && !vpc.enableDnsSupport) {
    throw new Ec2Error('InvalidParameterCombination', 'Enabling DNS hostnames requires DNS support (enableDnsSupport) to be enabled first.');
  }
  ctx.checkDryRun();
  vpc[attribute] = value;
  return { return: true };
};

export const describeDhcpOptions: Handler = (ctx) => {
  const dopt = ctx.region.dhcpOptions;
  const options = [
    { key: 'domain-name', values: [dopt.domainName] },
    { key: 'domain-name-servers', values: ['AmazonProvidedDNS'] },
  ];
  const selected = selectByIds(new Map([[dopt.dhcpOptionsId, dopt]]), ctx.params.list('DhcpOptionsId'), (id) => new Ec2Error('InvalidDhcpOptionID.NotFound', `The dhcpOption ID '${id}' does not exist`));
  const filtered = applyFilters(
    selected,
    ctx.params.filters(),
    {
      'dhcp-options-id': (d) => d.dhcpOptionsId,
      key: () => options.map((o) => o.key),
      value: () => options.flatMap((o) => o.values),
      'owner-id': () => ctx.accountId,
    },
    (d) => d.tags,
  );
  const page = paginate(filtered, ctx.params, ctx.action, { min: 5, max: 1000 });
  return {
    dhcpOptionsSet: page.items.map((d) => ({
      dhcpOptionsId: d.dhcpOptionsId,
      ownerId: ctx.accountId,
      dhcpConfigurationSet: options.map((o) => ({ key: o.key, valueSet: o.values.map((value) => ({ value })) })),
      tagSet: tagSet(d.tags),
    })),
    nextToken: page.nextToken,
  };
};
