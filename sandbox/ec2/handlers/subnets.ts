// DescribeSubnets.
import type { Handler } from '../context';
import { applyFilters } from '../filters';
import { paginate } from '../pagination';
import { Ec2Error } from '../queryProtocol';
import { subnetShape } from '../shapes';
import { selectByIds } from './common';

export const describeSubnets: Handler = (ctx) => {
  const region = ctx.region;
  const selected = selectByIds(region.subnets, ctx.params.list('SubnetId'), (id) => new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`));
  const filtered = applyFilters(
    selected,
    ctx.params.filters(),
    {
      'subnet-id': (s) => s.subnetId,
      'vpc-id': (s) => s.vpcId,
      'availability-zone': (s) => s.availabilityZone,
      availabilityZone: (s) => s.availabilityZone,
      'availability-zone-id': (s) => s.availabilityZoneId,
      availabilityZoneId: (s) => s.availabilityZoneId,
      cidr: (s) => s.cidrBlock,
      'cidr-block': (s) => s.cidrBlock,
      cidrBlock: (s) => s.cidrBlock,
      'default-for-az': (s) => s.defaultForAz,
      defaultForAz: (s) => s.defaultForAz,
      'map-public-ip-on-launch': (s) => s.defaultForAz,
      'owner-id': () => ctx.accountId,
      state: () => 'available',
      'subnet-arn': (s) => `arn:aws:ec2:${region.name}:${ctx.accountId}:subnet/${s.subnetId}`,
    },
    (s) => s.tags,
  );
  const page = paginate(filtered, ctx.params, ctx.action, { min: 5, max: 1000 });
  return { subnetSet: page.items.map((s) => subnetShape(s, region, ctx.accountId)), nextToken: page.nextToken };
};
