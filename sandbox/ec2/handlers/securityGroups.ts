// Security groups: create, describe (groups and rules), authorize/revoke rules, delete.
import type { HandlerContext, Handler } from '../context';
import { createSecurityGroup, randomIds, sameRule } from '../factory';
import { applyFilters } from '../filters';
import type { SecurityGroupRec, SgRuleRec } from '../model';
import { paginate } from '../pagination';
import { Ec2Error } from '../queryProtocol';
import { describeRule, parseIpPermissions } from '../ruleParsing';
import { securityGroupRuleShape, securityGroupShape, tagSet } from '../shapes';
import { selectByIds } from './common';

const groupNotFound = (id: string): Ec2Error => new Ec2Error('InvalidGroup.NotFound', `The security group '${id}' does not exist`);

// EC2 accepts only these characters in group names and descriptions.
const GROUP_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;

export const createSecurityGroupHandler: Handler = (ctx) => {
  const name = ctx.params.required('GroupName');
  const description = ctx.params.required('GroupDescription');
  if (name.length > 255 || !GROUP_TEXT.test(name)) {
    throw new Ec2Error('InvalidParameterValue', `Value (${name}) for parameter GroupName is invalid. Use at most 255 characters from a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*`);
  }
  if (/^sg-/i.test(name)) throw new Ec2Error('InvalidParameterValue', `Value (${name}) for parameter GroupName is invalid. Group names may not be in the format sg-*.`);
  if (description.length > 255 || !GROUP_TEXT.test(description)) {
    throw new Ec2Error('InvalidParameterValue', `Value (${description}) for parameter GroupDescription is invalid. Use at most 255 characters from a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*`);
  }
  if (name === 'default') throw new Ec2Error('InvalidGroup.Reserved', "The security group 'default' is reserved");
  const vpcIdParam = ctx.params.get('VpcId');
  const vpc = vpcIdParam ? ctx.region.vpc(vpcIdParam) : ctx.region.defaultVpc();
  if (!vpc) throw new Ec2Error('VPCIdNotSpecified', 'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.');
  if (ctx.region.groupByName(vpc.vpcId, name)) {
    throw new Ec2Error('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpc.vpcId}'`);
  }
  const tags = ctx.params.tagSpecifications('security-group');
  ctx.checkDryRun();
  const group = createSecurityGroup(ctx.region, vpc.vpcId, name, description, tags, randomIds, '');
  return {
    return: true,
    groupId: group.groupId,
    securityGroupArn: `arn:aws:ec2:${ctx.region.name}:${ctx.accountId}:security-group/${group.groupId}`,
    tagSet: tags.size > 0 ? tagSet(tags) : undefined,
  };
};

/** The group a rule/delete call names, by GroupId, or by GroupName in the default VPC. */
function targetGroup(ctx: HandlerContext): SecurityGroupRec {
  const id = ctx.params.get('GroupId');
  if (id) return ctx.region.group(id);
  const name = ctx.params.get('GroupName');
  if (!name) throw new Ec2Error('MissingParameter', 'The request must contain the parameter groupId or groupName');
  const vpc = ctx.region.defaultVpc();
  const group = vpc && ctx.region.groupByName(vpc.vpcId, name);
  if (!group) throw new Ec2Error('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${vpc?.vpcId ?? 'none'}'`);
  return group;
}

function parseRules(ctx: HandlerContext, group: SecurityGroupRec, egress: boolean): SgRuleRec[] {
  return parseIpPermissions(ctx.params, egress, ({ groupId, groupName }) => {
    if (groupId) return ctx.region.group(groupId).groupId;
    const ref = groupName ? ctx.region.groupByName(group.vpcId, groupName) : undefined;
    if (!ref) throw groupNotFound(groupName ?? '');
    return ref.groupId;
  });
}

function authorize(egress: boolean): Handler {
  return (ctx) => {
    const group = targetGroup(ctx);
    const rules = parseRules(ctx, group, egress);
    rules.forEach((rule, i) => {
      const clash = group.rules.find((r) => sameRule(r, rule)) ?? rules.slice(0, i).find((r) => sameRule(r, rule));
      if (clash) throw new Ec2Error('InvalidPermission.Duplicate', `the specified rule "${describeRule(rule)}" already exists`);
    });
    const tags = ctx.params.tagSpecifications('security-group-rule');
    ctx.checkDryRun();
    for (const rule of rules) {
      rule.tags = new Map(tags);
      group.rules.push(rule);
    }
    return { return: true, securityGroupRuleSet: rules.map((r) => securityGroupRuleShape(group, r, ctx.region, ctx.accountId)) };
  };
}

function revoke(egress: boolean): Handler {
  return (ctx) => {
    const group = targetGroup(ctx);
    const ruleIds = ctx.params.list('SecurityGroupRuleId');
    let toRemove: SgRuleRec[];
    let unknown: SgRuleRec[] = [];
    if (ruleIds.length > 0) {
      toRemove = ruleIds.map((id) => {
        const rule = group.rules.find((r) => r.ruleId === id && r.egress === egress);
        if (!rule) throw new Ec2Error('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
        return rule;
      });
    } else {
      const wanted = parseRules(ctx, group, egress);
      toRemove = wanted.map((w) => group.rules.find((r) => sameRule(r, w))).filter((r): r is SgRuleRec => !!r);
      unknown = wanted.filter((w) => !group.rules.some((r) => sameRule(r, w)));
      if (toRemove.length === 0) {
        throw new Ec2Error('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
      }
    }
    ctx.checkDryRun();
    group.rules = group.rules.filter((r) => !toRemove.includes(r));
    return {
      return: true,
      unknownIpPermissionSet: unknown.length
        ? unknown.map((r) => ({
            ipProtocol: r.ipProtocol,
            fromPort: r.fromPort,
            toPort: r.toPort,
            groups: r.referencedGroupId ? [{ groupId: r.referencedGroupId }] : [],
            ipRanges: r.cidrIpv4 ? [{ cidrIp: r.cidrIpv4 }] : [],
          }))
        : undefined,
      revokedSecurityGroupRuleSet: toRemove.map((r) => ({
        securityGroupRuleId: r.ruleId,
        groupId: group.groupId,
        isEgress: r.egress,
        ipProtocol: r.ipProtocol,
        fromPort: r.fromPort,
        toPort: r.toPort,
        cidrIpv4: r.cidrIpv4,
        referencedGroupId: r.referencedGroupId,
        prefixListId: r.prefixListId,
        description: r.description,
      })),
    };
  };
}

export const authorizeIngress = authorize(false);
export const authorizeEgress = authorize(true);
export const revokeIngress = revoke(false);
export const revokeEgress = revoke(true);

export const deleteSecurityGroup: Handler = (ctx) => {
  const group = targetGroup(ctx);
  if (group.groupName === 'default') {
    throw new Ec2Error('CannotDelete', `the specified group: "${group.groupId}" name: "default" cannot be deleted by a user`);
  }
  const usedByEni = [...ctx.region.enis.values()].some((eni) => eni.groupIds.includes(group.groupId));
  const usedByEndpoint = [...ctx.region.endpoints.values()].some((e) => e.state !== 'deleted' && e.groupIds.includes(group.groupId));
  const referenced = [...ctx.region.securityGroups.values()].some((g) => g !== group && g.rules.some((r) => r.referencedGroupId === group.groupId));
  if (usedByEni || usedByEndpoint || referenced) {
    throw new Ec2Error('DependencyViolation', `resource ${group.groupId} has a dependent object`);
  }
  ctx.checkDryRun();
  ctx.region.securityGroups.delete(group.groupId);
  return { return: true, groupId: group.groupId };
};

function permissionFields(prefix: string, egress: boolean, ctx: HandlerContext) {
  const rules = (g: SecurityGroupRec) => g.rules.filter((r) => r.egress === egress);
  return {
    [`${prefix}ip-permission.protocol`]: (g: SecurityGroupRec) => rules(g).map((r) => r.ipProtocol),
    [`${prefix}ip-permission.from-port`]: (g: SecurityGroupRec) => rules(g).map((r) => r.fromPort),
    [`${prefix}ip-permission.to-port`]: (g: SecurityGroupRec) => rules(g).map((r) => r.toPort),
    [`${prefix}ip-permission.cidr`]: (g: SecurityGroupRec) => rules(g).map((r) => r.cidrIpv4),
    [`${prefix}ip-permission.ipv6-cidr`]: (g: SecurityGroupRec) => rules(g).map((r) => r.cidrIpv6),
    [`${prefix}ip-permission.prefix-list-id`]: (g: SecurityGroupRec) => rules(g).map((r) => r.prefixListId),
    [`${prefix}ip-permission.group-id`]: (g: SecurityGroupRec) => rules(g).map((r) => r.referencedGroupId),
    [`${prefix}ip-permission.group-name`]: (g: SecurityGroupRec) =>
      rules(g).map((r) => (r.referencedGroupId ? ctx.region.securityGroups.get(r.referencedGroupId)?.groupName : undefined)),
    [`${prefix}ip-permission.user-id`]: (g: SecurityGroupRec) => rules(g).map((r) => (r.referencedGroupId ? ctx.accountId : undefined)),
  };
}

export const describeSecurityGroups: Handler = (ctx) => {
  const region = ctx.region;
  let selected = selectByIds(region.securityGroups, ctx.params.list('GroupId'), groupNotFound);
  const names = ctx.params.list('GroupName');
  if (names.length > 0) {
    // By name only in the default VPC, as EC2 does; other VPCs need the group-name filter.
    const vpc = region.defaultVpc();
    for (const name of names) {
      if (!vpc || !region.groupByName(vpc.vpcId, name)) throw new Ec2Error('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${vpc?.vpcId ?? 'none'}'`);
    }
    selected = selected.filter((g) => g.vpcId === vpc?.vpcId && names.includes(g.groupName));
  }
  const filtered = applyFilters(
    selected,
    ctx.params.filters(),
    {
      'group-id': (g) => g.groupId,
      'group-name': (g) => g.groupName,
      'vpc-id': (g) => g.vpcId,
      description: (g) => g.description,
      'owner-id': () => ctx.accountId,
      ...permissionFields('', false, ctx),
      ...permissionFields('egress.', true, ctx),
    },
    (g) => g.tags,
  );
  const page = paginate(filtered, ctx.params, ctx.action, { min: 5, max: 1000 });
  return { securityGroupInfo: page.items.map((g) => securityGroupShape(g, region, ctx.accountId)), nextToken: page.nextToken };
};

export const describeSecurityGroupRules: Handler = (ctx) => {
  const all = [...ctx.region.securityGroups.values()].flatMap((group) => group.rules.map((rule) => ({ group, rule })));
  const ids = ctx.params.list('SecurityGroupRuleId');
  for (const id of ids) {
    if (!all.some((x) => x.rule.ruleId === id)) throw new Ec2Error('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
  }
  const selected = ids.length ? all.filter((x) => ids.includes(x.rule.ruleId)) : all;
  const filtered = applyFilters(
    selected,
    ctx.params.filters(),
    {
      'group-id': (x) => x.group.groupId,
      'security-group-rule-id': (x) => x.rule.ruleId,
    },
    (x) => x.rule.tags,
  );
  const page = paginate(filtered, ctx.params, ctx.action, { min: 5, max: 1000 });
  return {
    securityGroupRuleSet: page.items.map((x) => securityGroupRuleShape(x.group, x.rule, ctx.region, ctx.accountId)),
    nextToken: page.nextToken,
  };
};
