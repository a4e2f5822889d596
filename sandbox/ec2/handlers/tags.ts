// CreateTags and DeleteTags across the resource kinds the emulator holds.
import type { Handler, HandlerContext } from '../context';
import { idPrefix } from '../ids';
import type { Tags } from '../model';
import { Ec2Error } from '../queryProtocol';

const MAX_TAGS = 50;

/** The tag map of a resource by id, or the NotFound error EC2 gives for its kind. */
function tagsOfResource(ctx: HandlerContext, id: string): Tags {
  const r = ctx.region;
  const lookups: Record<string, [() => Tags | undefined, string, string]> = {
    vpc: [() => r.vpcs.get(id)?.tags, 'InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`],
    subnet: [() => r.subnets.get(id)?.tags, 'InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`],
    sg: [() => r.securityGroups.get(id)?.tags, 'InvalidGroup.NotFound', `The security group '${id}' does not exist`],
    sgr: [
      () => [...r.securityGroups.values()].flatMap((g) => g.rules).find((x) => x.ruleId === id)?.tags,
      'InvalidSecurityGroupRuleId.NotFound',
      `The security group rule ID '${id}' does not exist`,
    ],
    vpce: [() => r.endpoints.get(id)?.tags, 'InvalidVpcEndpointId.NotFound', `The VpcEndpoint Id '${id}' does not exist`],
    eni: [() => r.enis.get(id)?.tags, 'InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${id}' does not exist`],
    acl: [() => r.networkAcls.get(id)?.tags, 'InvalidNetworkAclID.NotFound', `The network ACL '${id}' does not exist`],
    dopt: [() => (r.dhcpOptions.dhcpOptionsId === id ? r.dhcpOptions.tags : undefined), 'InvalidDhcpOptionID.NotFound', `The dhcpOption ID '${id}' does not exist`],
  };
  const lookup = lookups[idPrefix(id)];
  if (!lookup) throw new Ec2Error('InvalidID', `The ID '${id}' is not valid`);
  const tags = lookup[0]();
  if (!tags) throw new Ec2Error(lookup[1], lookup[2]);
  return tags;
}

function resources(ctx: HandlerContext): Tags[] {
  const ids = ctx.params.list('ResourceId');
  if (ids.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter resourceIdSet');
  return ids.map((id) => tagsOfResource(ctx, id));
}

export const createTags: Handler = (ctx) => {
  const targets = resources(ctx);
  const tags = ctx.params.structs('Tag').map((t) => ({ key: t.required('Key'), value: t.get('Value') ?? '' }));
  if (tags.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter tagSet');
  for (const { key, value } of tags) {
    if (/^aws:/i.test(key)) throw new Ec2Error('InvalidParameterValue', "Value ( aws: ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use");
    if (key.length > 128) throw new Ec2Error('InvalidParameterValue', `Tag key exceeds the maximum length of 128 characters: ${key.slice(0, 20)}…`);
    if (value.length > 256) throw new Ec2Error('InvalidParameterValue', `Tag value exceeds the maximum length of 256 characters for key ${key}`);
  }
  for (const target of targets) {
    const keys = new Set([...target.keys(), ...tags.map((t) => t.key)]);
    if (keys.size > MAX_TAGS) throw new Ec2Error('TagLimitExceeded', `The maximum number of tags (${MAX_TAGS}) per resource would be exceeded.`);
  }
  ctx.checkDryRun();
  for (const target of targets) for (const { key, value } of tags) target.set(key, value);
  return { return: true };
};

export const deleteTags: Handler = (ctx) => {
  const targets = resources(ctx);
  const tags = ctx.params.structs('Tag').map((t) => ({ key: t.required('Key'), value: t.get('Value') }));
  ctx.checkDryRun();
  for (const target of targets) {
    if (tags.length === 0) target.clear();
    for (const { key, value } of tags) if (value === undefined || target.get(key) === value) target.delete(key);
  }
  return { return: true };
};
