// Step: inbound TCP 5432 (Postgres) and 6432 (PSBouncer) on the new security group. Rules an
// earlier, interrupted submit already added are skipped, so a second submit completes the set.
import type { IpPermission } from '@aws-sdk/client-ec2';
import { ec2ErrorCode } from '../awsErrorMessages';
import { authorizeIngressCli, ingressPermissions } from '../cliCommands';
import type { EndpointPlan } from '../endpointPlan';
import { ingressRuleDescription, POSTGRES_PORTS } from '../endpointRequest';
import { permissionPresent, splitPermissions } from '../ingressRules';
import { hcl } from './terraformText';
import { StepStop, type PlanStepModule, type StepRun } from './planStep';

export const ingressRulesStep: PlanStepModule = {
  id: 'authorizeIngress',
  isIn: ({ request }) => request.securityGroup.mode === 'create',

  describe({ request }) {
    if (request.securityGroup.mode !== 'create') throw new Error('no security group to add rules to');
    const sg = request.securityGroup;
    const from =
      sg.source.kind === 'securityGroups'
        ? `security group${sg.source.groupIds.length > 1 ? 's' : ''} ${sg.source.groupIds.join(', ')}`
        : sg.source.cidrs.join(', ');
    return {
      title: 'Allow inbound 5432 (Postgres) and 6432 (PSBouncer)',
      creates: `Inbound rules on ${sg.groupName}: TCP 5432 and 6432 from ${from}`,
      cli: authorizeIngressCli(request),
      undo: 'Removed together with the security group',
      undoCli: null,
    };
  },

  terraform({ request }: EndpointPlan) {
    if (request.securityGroup.mode !== 'create') return [];
    const sg = request.securityGroup;
    const out: string[] = [];
    const sources = sg.source.kind === 'securityGroups' ? sg.source.groupIds : sg.source.cidrs;
    for (const port of POSTGRES_PORTS) {
      sources.forEach((source, i) => {
        const label = `${port === 5432 ? 'postgres' : 'psbouncer'}_${sources.length > 1 ? i + 1 : 'from_clients'}`;
        out.push(
          `resource "aws_vpc_security_group_ingress_rule" ${hcl(label)} {`,
          '  security_group_id            = aws_security_group.planetscale_endpoint.id',
          sg.source.kind === 'securityGroups'
            ? `  referenced_security_group_id = ${hcl(source)}`
            : `  cidr_ipv4                    = ${hcl(source)}`,
          '  ip_protocol                  = "tcp"',
          `  from_port                    = ${port}`,
          `  to_port                      = ${port}`,
          `  description                  = ${hcl(ingressRuleDescription(port))}`,
          '}',
          '',
        );
      });
    }
    return out;
  },

  async execute(run: StepRun) {
    const { state, aws } = run;
    const groupId = state.securityGroupId!;
    const wanted = splitPermissions(ingressPermissions(run.plan.request) as IpPermission[]);
    const missing = wanted.filter((p) => !permissionPresent(p, state.existingIngress));
    if (missing.length === 0) return { message: `Inbound 5432 and 6432 are already allowed on ${groupId}.`, resourceId: groupId };
    try {
      await aws.authorizeIngress({ GroupId: groupId, IpPermissions: missing });
    } catch (err) {
      if (ec2ErrorCode(err) !== 'InvalidPermission.Duplicate') throw new StepStop('failed', run.explain(err, 'AuthorizeSecurityGroupIngress'));
      // Some rules exist already (an earlier, interrupted submit): add the others one by one.
      for (const permission of missing) {
        try {
          await aws.authorizeIngress({ GroupId: groupId, IpPermissions: [permission] });
        } catch (inner) {
          if (ec2ErrorCode(inner) !== 'InvalidPermission.Duplicate') throw new StepStop('failed', run.explain(inner, 'AuthorizeSecurityGroupIngress'));
        }
      }
    }
    return { message: `Allowed inbound TCP 5432 and 6432 on ${groupId}.`, resourceId: groupId };
  },
};
