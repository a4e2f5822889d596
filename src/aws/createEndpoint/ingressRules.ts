// The inbound rules the create flow adds, one permission per port and source, so that rules an
// earlier (interrupted) submit already added can be skipped one by one.
import type { IpPermission } from '@aws-sdk/client-ec2';
import type { SecurityGroupSummary } from '../types';

/** One permission per port and source, so existing ones can be skipped individually. */
export function splitPermissions(permissions: IpPermission[]): IpPermission[] {
  return permissions.flatMap((p) => [
    ...(p.UserIdGroupPairs ?? []).map((pair) => ({ IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort, UserIdGroupPairs: [pair] })),
    ...(p.IpRanges ?? []).map((range) => ({ IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort, IpRanges: [range] })),
  ]);
}

/** True when the group's ingress already admits this (single-port, single-source) permission. */
export function permissionPresent(permission: IpPermission, ingress: SecurityGroupSummary['ingress']): boolean {
  const port = permission.FromPort!;
  return ingress.some(
    (rule) =>
      (rule.protocol === 'tcp' || rule.protocol === 'all') &&
      (rule.protocol === 'all' || (rule.fromPort <= port && port <= rule.toPort)) &&
      ((permission.UserIdGroupPairs ?? []).every((pair) => rule.referencedGroupIds.includes(pair.GroupId!)) &&
        (permission.IpRanges ?? []).every((range) => rule.cidrs.includes(range.CidrIp!))),
  );
}
