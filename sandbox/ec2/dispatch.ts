// The EC2 action table: which handler answers an action and whether the action changes state
// (mutating actions must honour DryRun before they change anything, and notify listeners).
import type { Handler } from './context';
import { createVpcEndpoint, deleteVpcEndpoints, describeVpcEndpoints, describeVpcEndpointServices, modifyVpcEndpoint } from './handlers/endpoints';
import { createNetworkAclEntry, deleteNetworkAclEntry, describeNetworkAcls, replaceNetworkAclEntry } from './handlers/networkAcls';
import { describeInstances } from './handlers/instances';
import { describeNetworkInterfaces } from './handlers/networkInterfaces';
import { describeAvailabilityZones, describeRegions } from './handlers/regions';
import {
  authorizeEgress,
  authorizeIngress,
  createSecurityGroupHandler,
  deleteSecurityGroup,
  describeSecurityGroupRules,
  describeSecurityGroups,
  revokeEgress,
  revokeIngress,
} from './handlers/securityGroups';
import { describeSubnets } from './handlers/subnets';
import { createTags, deleteTags } from './handlers/tags';
import { describeDhcpOptions, describeVpcAttribute, describeVpcs, modifyVpcAttribute } from './handlers/vpcs';

export interface ActionEntry {
  handler: Handler;
  mutating: boolean;
}

const read = (handler: Handler): ActionEntry => ({ handler, mutating: false });
const write = (handler: Handler): ActionEntry => ({ handler, mutating: true });

export const EC2_ACTIONS: Record<string, ActionEntry> = {
  DescribeRegions: read(describeRegions),
  DescribeAvailabilityZones: read(describeAvailabilityZones),
  DescribeVpcs: read(describeVpcs),
  DescribeVpcAttribute: read(describeVpcAttribute),
  ModifyVpcAttribute: write(modifyVpcAttribute),
  DescribeDhcpOptions: read(describeDhcpOptions),
  DescribeSubnets: read(describeSubnets),
  DescribeSecurityGroups: read(describeSecurityGroups),
  DescribeSecurityGroupRules: read(describeSecurityGroupRules),
  CreateSecurityGroup: write(createSecurityGroupHandler),
  AuthorizeSecurityGroupIngress: write(authorizeIngress),
  AuthorizeSecurityGroupEgress: write(authorizeEgress),
  RevokeSecurityGroupIngress: write(revokeIngress),
  RevokeSecurityGroupEgress: write(revokeEgress),
  DeleteSecurityGroup: write(deleteSecurityGroup),
  DescribeNetworkAcls: read(describeNetworkAcls),
  CreateNetworkAclEntry: write(createNetworkAclEntry),
  ReplaceNetworkAclEntry: write(replaceNetworkAclEntry),
  DeleteNetworkAclEntry: write(deleteNetworkAclEntry),
  DescribeNetworkInterfaces: read(describeNetworkInterfaces),
  DescribeInstances: read(describeInstances),
  DescribeVpcEndpointServices: read(describeVpcEndpointServices),
  CreateVpcEndpoint: write(createVpcEndpoint),
  ModifyVpcEndpoint: write(modifyVpcEndpoint),
  DescribeVpcEndpoints: read(describeVpcEndpoints),
  DeleteVpcEndpoints: write(deleteVpcEndpoints),
  CreateTags: write(createTags),
  DeleteTags: write(deleteTags),
};

/** The resource an action is checked against, for UnauthorizedOperation messages. */
export function resourceArnFor(action: string, region: string, accountId: string): string {
  if (action.includes('SecurityGroup')) return `arn:aws:ec2:${region}:${accountId}:security-group/*`;
  if (action.includes('VpcEndpoint')) return `arn:aws:ec2:${region}:${accountId}:vpc-endpoint/*`;
  if (action.includes('NetworkAcl')) return `arn:aws:ec2:${region}:${accountId}:network-acl/*`;
  if (action === 'DescribeInstances') return '*';
  if (action.includes('Vpc')) return `arn:aws:ec2:${region}:${accountId}:vpc/*`;
  return '*';
}
