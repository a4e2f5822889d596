// DescribeNetworkInterfaces.
import type { Handler } from '../context';
import { applyFilters } from '../filters';
import { paginate } from '../pagination';
import { Ec2Error } from '../queryProtocol';
import { networkInterfaceShape } from '../shapes';
import { privateDnsName } from '../factory';
import { selectByIds } from './common';

export const describeNetworkInterfaces: Handler = (ctx) => {
  const region = ctx.region;
  const selected = selectByIds(region.enis, ctx.params.list('NetworkInterfaceId'), (id) => new Ec2Error('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${id}' does not exist`));
  const filtered = applyFilters(
    selected,
    ctx.params.filters(),
    {
      'network-interface-id': (e) => e.networkInterfaceId,
      'vpc-id': (e) => e.vpcId,
      'subnet-id': (e) => e.subnetId,
      'availability-zone': (e) => e.availabilityZone,
      'group-id': (e) => e.groupIds,
      'group-name': (e) => e.groupIds.map((id) => region.securityGroups.get(id)?.groupName),
      'interface-type': (e) => e.interfaceType,
      'requester-managed': (e) => e.requesterManaged,
      'requester-id': (e) => e.requesterId,
      status: (e) => e.status,
      description: (e) => e.description,
      'mac-address': (e) => e.macAddress,
      'owner-id': () => ctx.accountId,
      'private-ip-address': (e) => e.privateIpAddress,
      'addresses.private-ip-address': (e) => e.privateIpAddress,
      'addresses.primary': () => true,
      'private-dns-name': (e) => privateDnsName(region.name, e.privateIpAddress),
      'source-dest-check': () => true,
      'attachment.instance-id': (e) => e.attachment?.instanceId,
      'attachment.attachment-id': (e) => e.attachment?.attachmentId,
      'attachment.status': (e) => (e.attachment ? 'attached' : undefined),
      'attachment.device-index': (e) => e.attachment?.deviceIndex,
      'attachment.instance-owner-id': (e) => (e.attachment ? ctx.accountId : undefined),
      'attachment.delete-on-termination': (e) => (e.attachment ? true : undefined),
    },
    (e) => e.tags,
  );
  const page = paginate(filtered, ctx.params, ctx.action, { min: 5, max: 1000 });
  return { networkInterfaceSet: page.items.map((e) => networkInterfaceShape(e, region, ctx.accountId)), nextToken: page.nextToken };
};
