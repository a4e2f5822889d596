// Step: the interface endpoint. Idempotent through its ClientToken (the form's fingerprint and the
// group); a token spent on an endpoint deleted since gets a fresh one. Undo deletes the endpoint
// and waits until it is gone, so the group can be deleted after it.
import { ec2ErrorCode, isEndpointNotFoundCode } from '../awsErrorMessages';
import { createEndpointCli, deleteEndpointCli, shellVariable } from '../cliCommands';
import type { EndpointPlan } from '../endpointPlan';
import type { EndpointRequest } from '../endpointRequest';
import { endpointClientToken } from '../requestFingerprint';
import type { LeftBehindResource } from '../applyTypes';
import { hcl, tagsBlock, terraformTags } from './terraformText';
import { StepStop, type PlanStepModule, type StepRun } from './planStep';

export const endpointStep: PlanStepModule = {
  id: 'createEndpoint',
  isIn: () => true,

  describe({ request, fingerprint, endpointTags, privateDnsAfterAcceptance }) {
    const createsGroup = request.securityGroup.mode === 'create';
    const groupText = request.securityGroup.mode === 'create' ? `${request.securityGroup.groupName} (new)` : request.securityGroup.groupId;
    return {
      title: 'Create the interface endpoint',
      creates:
        `Interface endpoint for ${request.serviceName} in ${request.vpcId}, subnets ${request.subnetIds.join(', ')}, ` +
        `security group ${groupText}, private DNS ${request.privateDns && !privateDnsAfterAcceptance ? 'on' : privateDnsAfterAcceptance ? 'on after acceptance' : 'off'}` +
        (request.nameTag ? `, Name "${request.nameTag}"` : ''),
      cli: createEndpointCli(request, endpointTags, {
        privateDns: request.privateDns && !privateDnsAfterAcceptance,
        // The group id is the script's variable when the script creates the group.
        clientToken: createsGroup ? shellVariable('SG_ID', `${fingerprint}-`) : `${fingerprint}-${groupIdOf(request)}`,
        securityGroup: createsGroup ? shellVariable('SG_ID') : groupIdOf(request),
      }),
      undo: 'Delete the endpoint and wait until it is gone',
      undoCli: deleteEndpointCli(request.region, shellVariable('ENDPOINT_ID')),
    };
  },

  terraform(plan: EndpointPlan) {
    const { request } = plan;
    const groupRef = request.securityGroup.mode === 'create' ? 'aws_security_group.planetscale_endpoint.id' : hcl(groupIdOf(request));
    const out = [
      'resource "aws_vpc_endpoint" "planetscale" {',
      `  vpc_id              = ${hcl(request.vpcId)}`,
      `  service_name        = ${hcl(request.serviceName)}`,
      '  vpc_endpoint_type   = "Interface"',
      `  subnet_ids          = [${request.subnetIds.map(hcl).join(', ')}]`,
      `  security_group_ids  = [${groupRef}]`,
    ];
    if (!plan.privateDnsAfterAcceptance) out.push(`  private_dns_enabled = ${request.privateDns ? 'true' : 'false'}`);
    out.push(...tagsBlock(terraformTags(plan.endpointTags)), '}', '');
    return out;
  },

  scriptEcho: 'echo "Endpoint: $ENDPOINT_ID"',

  async execute(run: StepRun) {
    const { plan, state, aws } = run;
    const { request } = plan;
    const groupId = state.securityGroupId!;
    const before = await run.call('DescribeVpcEndpoints', () => aws.findOurEndpoints(request.vpcId, request.serviceName, plan.fingerprint));
    const create = (token: string) =>
      run.call('CreateVpcEndpoint', () =>
        aws.createVpcEndpoint({
          VpcEndpointType: 'Interface',
          VpcId: request.vpcId,
          ServiceName: request.serviceName,
          SubnetIds: request.subnetIds,
          SecurityGroupIds: [groupId],
          PrivateDnsEnabled: request.privateDns && !plan.privateDnsAfterAcceptance,
          TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: plan.endpointTags }],
          ClientToken: token,
        }),
      );
    const freshToken = () => endpointClientToken(plan.fingerprint, groupId, String(run.options.clock.now()));
    let out;
    try {
      out = await create(endpointClientToken(plan.fingerprint, groupId));
    } catch (err) {
      // The token was spent on an endpoint that is gone now (deleted since): use a fresh one.
      if (!(err instanceof StepStop && err.error.code === 'IdempotentParameterMismatch' && before.length === 0)) throw err;
      out = await create(freshToken());
    }
    // The token may also still name an endpoint the user deleted since.
    if (/^delet/i.test(out.VpcEndpoint?.State ?? '')) out = await create(freshToken());
    const endpointId = out.VpcEndpoint?.VpcEndpointId;
    if (!endpointId) throw new StepStop('failed', { code: 'NoEndpointId', message: 'EC2 accepted the request but returned no endpoint id.', fix: 'Refresh the explorer to find the endpoint.' });
    state.endpointId = endpointId;
    state.reusedEndpoint = before.includes(endpointId);
    return {
      message: state.reusedEndpoint ? `Endpoint ${endpointId} already exists from an earlier submit of this form; following it.` : `Created endpoint ${endpointId}.`,
      resourceId: endpointId,
    };
  },

  async undo(run: StepRun) {
    const endpointId = run.state.endpointId;
    if (!endpointId) return {};
    const region = run.plan.request.region;
    const left = (reason: string): { left: LeftBehindResource } => ({
      left: { kind: 'vpcEndpoint', id: endpointId, region, reason, removeCommand: deleteEndpointCli(region, endpointId) },
    });
    try {
      const out = await run.aws.deleteVpcEndpoint(endpointId);
      const failure = out.Unsuccessful?.find((u) => u.ResourceId === endpointId);
      if (failure && !isEndpointNotFoundCode(failure.Error?.Code)) {
        return left(`Could not delete it: ${failure.Error?.Message ?? failure.Error?.Code ?? 'unknown error'}.`);
      }
    } catch (err) {
      if (!isEndpointNotFoundCode(ec2ErrorCode(err))) return left(`Could not delete it: ${run.explain(err, 'DeleteVpcEndpoints').message}`);
    }
    const gone = await run.aws.waitForEndpoint(endpointId, { ...run.options.wait, target: 'deleted', clock: run.options.clock });
    if (gone.outcome !== 'reached') return left(`Deletion was requested but not confirmed (${gone.outcome}); check it in the console.`);
    return { removed: { kind: 'vpcEndpoint', id: endpointId } };
  },
};

function groupIdOf(request: EndpointRequest): string {
  return request.securityGroup.mode === 'existing' ? request.securityGroup.groupId : '';
}
