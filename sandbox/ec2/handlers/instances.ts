// DescribeInstances: the seeded instances, grouped in reservations as EC2 answers, with the
// filters a caller uses to find the instances of a VPC (`vpc-id`, `instance-state-name`, …).
import type { Handler } from '../context';
import { applyFilters } from '../filters';
import { stableId } from '../ids';
import type { InstanceRec } from '../model';
import { paginate } from '../pagination';
import { Ec2Error } from '../queryProtocol';
import type { RegionState } from '../state';
import { tagSet } from '../shapes';
import { isoTime, type XmlObject } from '../xml';

const STATE_CODES: Record<InstanceRec['state'], number> = { running: 16, stopped: 80 };

export const describeInstances: Handler = (ctx) => {
  const region = ctx.region;
  const ids = ctx.params.list('InstanceId');
  // As in EC2: MaxResults cannot be combined with InstanceIds.
  if (ids.length > 0 && ctx.params.get('MaxResults') !== undefined) {
    throw new Ec2Error('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  const selected = ids.length === 0 ? [...region.instances.values()] : [...new Set(ids)].map((id) => {
    const instance = region.instances.get(id);
    if (!instance) throw new Ec2Error('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    return instance;
  });
  const tags = (i: InstanceRec) => new Map([['Name', i.name]]);
  const filtered = applyFilters(
    selected,
    ctx.params.filters(),
    {
      'instance-id': (i) => i.instanceId,
      'vpc-id': (i) => i.vpcId,
      'subnet-id': (i) => i.subnetId,
      'instance-state-name': (i) => i.state,
      'instance-state-code': (i) => STATE_CODES[i.state],
      'private-ip-address': (i) => i.privateIpAddress,
      'instance.group-id': (i) => i.groupIds,
      'group-id': (i) => i.groupIds,
      'platform': (i) => (i.platform === 'Windows' ? 'windows' : undefined),
      'platform-details': (i) => platformDetails(i),
      'availability-zone': (i) => region.subnets.get(i.subnetId)?.availabilityZone,
      'owner-id': () => ctx.accountId,
    },
    tags,
  );
  const page = paginate(filtered, ctx.params, ctx.action, { min: 5, max: 1000 });
  return {
    reservationSet: page.items.map((i) => ({
      reservationId: stableId('r', `${region.name}/reservation/${i.instanceId}`),
      ownerId: ctx.accountId,
      groupSet: [],
      instancesSet: [instanceShape(i, region, ctx.accountId, tags(i))],
    })),
    nextToken: page.nextToken,
  };
};

function platformDetails(i: InstanceRec): string {
  return i.platform === 'Windows' ? 'Windows' : 'Linux/UNIX';
}

function instanceShape(i: InstanceRec, region: RegionState, accountId: string, tags: Map<string, string>): XmlObject {
  const subnet = region.subnets.get(i.subnetId);
  return {
    instanceId: i.instanceId,
    imageId: stableId('ami', `${region.name}/${i.platform}`),
    instanceState: { code: STATE_CODES[i.state], name: i.state },
    privateDnsName: `ip-${i.privateIpAddress.replace(/\./g, '-')}.ec2.internal`,
    instanceType: 't3.micro',
    launchTime: isoTime(i.launchTime),
    placement: { availabilityZone: subnet?.availabilityZone, tenancy: 'default' },
    platform: i.platform === 'Windows' ? 'windows' : undefined,
    platformDetails: platformDetails(i),
    subnetId: i.subnetId,
    vpcId: i.vpcId,
    privateIpAddress: i.privateIpAddress,
    groupSet: i.groupIds.map((groupId) => ({ groupId, groupName: region.securityGroups.get(groupId)?.groupName })),
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    iamInstanceProfile: i.ssm ? { arn: `arn:aws:iam::${accountId}:instance-profile/SSMInstanceProfile`, id: `AIPA${i.instanceId.slice(2, 19).toUpperCase()}` } : undefined,
    networkInterfaceSet: [{
      networkInterfaceId: i.eniId,
      subnetId: i.subnetId,
      vpcId: i.vpcId,
      privateIpAddress: i.privateIpAddress,
      status: 'in-use',
      groupSet: i.groupIds.map((groupId) => ({ groupId, groupName: region.securityGroups.get(groupId)?.groupName })),
    }],
    tagSet: tagSet(tags),
  };
}
