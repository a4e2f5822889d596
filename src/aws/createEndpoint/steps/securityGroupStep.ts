// Step: the security group the endpoint gets, when the form asks for a new one. Idempotent
// through its request tag: an earlier submit's group (or one a lost-reply retry made) is reused.
import { deleteSecurityGroupCli, createSecurityGroupCli, shellVariable } from '../cliCommands';
import type { LeftBehindResource } from '../applyTypes';
import type { EndpointPlan } from '../endpointPlan';
import { hcl, tagsBlock, terraformTags } from './terraformText';
import { StepStop, type PlanStepModule, type StepRun } from './planStep';

export const securityGroupStep: PlanStepModule = {
  id: 'createSecurityGroup',
  isIn: ({ request }) => request.securityGroup.mode === 'create',

  describe({ request, securityGroupTags }) {
    if (request.securityGroup.mode !== 'create') throw new Error('no security group to create');
    const sg = request.securityGroup;
    return {
      title: `Create security group ${sg.groupName}`,
      creates: `Security group "${sg.groupName}" in ${request.vpcId}, tagged as created by this extension`,
      cli: createSecurityGroupCli(request, securityGroupTags),
      undo: `Delete security group ${sg.groupName} (retrying while AWS still sees it in use)`,
      undoCli: deleteSecurityGroupCli(request.region, shellVariable('SG_ID')),
    };
  },

  terraform(plan: EndpointPlan) {
    const { request } = plan;
    if (request.securityGroup.mode !== 'create') return [];
    const sg = request.securityGroup;
    return [
      'resource "aws_security_group" "planetscale_endpoint" {',
      `  name        = ${hcl(sg.groupName)}`,
      `  description = ${hcl(sg.description)}`,
      `  vpc_id      = ${hcl(request.vpcId)}`,
      ...tagsBlock(terraformTags(plan.securityGroupTags)),
      '}',
      '',
    ];
  },

  scriptEcho: 'echo "Security group: $SG_ID"',

  async execute(run: StepRun) {
    const { plan, state, aws } = run;
    const { request } = plan;
    if (request.securityGroup.mode !== 'create') throw new Error('no security group to create');
    const { groupName, description } = request.securityGroup;
    const earlier = await run.call('DescribeSecurityGroups', () => aws.findOurSecurityGroup(request.vpcId, groupName, plan.fingerprint));
    state.ownsSecurityGroup = true;
    if (earlier) {
      state.securityGroupId = earlier.id;
      state.reusedSecurityGroup = true;
      state.existingIngress = earlier.ingress;
      return { message: `Reusing security group ${earlier.id}, created by an earlier submit of this form.`, resourceId: earlier.id };
    }
    let out;
    try {
      out = await run.call('CreateSecurityGroup', () =>
        aws.createSecurityGroup({
          GroupName: groupName,
          Description: description,
          VpcId: request.vpcId,
          TagSpecifications: [{ ResourceType: 'security-group', Tags: plan.securityGroupTags }],
        }),
      );
    } catch (err) {
      // An SDK retry after a lost first reply meets the group that attempt made: ours by its tag.
      const duplicate = err instanceof StepStop && err.error.code === 'InvalidGroup.Duplicate';
      const made = duplicate ? await aws.findOurSecurityGroup(request.vpcId, groupName, plan.fingerprint).catch(() => undefined) : undefined;
      if (!made) throw err;
      out = { GroupId: made.id };
    }
    if (!out.GroupId) throw new StepStop('failed', { code: 'NoGroupId', message: 'EC2 created the security group but returned no id.', fix: 'Refresh and look for it by name.' });
    state.securityGroupId = out.GroupId;
    return { message: `Created security group ${out.GroupId}.`, resourceId: out.GroupId };
  },

  keptFor: (run, leftBehind) => (leftBehind.some((l) => l.kind === 'vpcEndpoint') ? ownGroupLeft(run, 'kept: the endpoint that uses it could not be deleted') : undefined),

  async undo(run: StepRun) {
    const { state, options } = run;
    const region = run.plan.request.region;
    const groupId = state.securityGroupId;
    if (!groupId || !state.ownsSecurityGroup) return {};
    const result = await run.aws.deleteSecurityGroupWhenFree(groupId, { ...options.cleanup, clock: options.clock });
    if (result.outcome === 'deleted' || result.outcome === 'alreadyGone') return { removed: { kind: 'securityGroup', id: groupId } };
    const why =
      result.outcome === 'inUse'
        ? `still used by ${result.interfaces.map((i) => i.id).join(', ') || 'network interfaces'}`
        : result.outcome === 'failed'
          ? run.explain(result.error, 'DeleteSecurityGroup').message
          : 'cancelled';
    return { left: { kind: 'securityGroup', id: groupId, region, reason: `Could not delete it: ${why}.`, removeCommand: deleteSecurityGroupCli(region, groupId) } };
  },
};

/** The group this run (or an earlier submit) made, as left in the account; none when it was not ours. */
export function ownGroupLeft(run: StepRun, reason: string): LeftBehindResource[] {
  const groupId = run.state.securityGroupId;
  const region = run.plan.request.region;
  if (!groupId || !run.state.ownsSecurityGroup) return [];
  return [{ kind: 'securityGroup', id: groupId, region, reason, removeCommand: deleteSecurityGroupCli(region, groupId) }];
}
