// Step: private DNS after acceptance. A service that requires acceptance allows private DNS only
// once it has accepted, so the endpoint is created without it and this step turns it on.
import { enablePrivateDnsCli } from '../cliCommands';
import type { EndpointPlan } from '../endpointPlan';
import type { PlanStepModule, StepRun } from './planStep';

export const privateDnsStep: PlanStepModule = {
  id: 'enablePrivateDns',
  isIn: ({ privateDnsAfterAcceptance }) => privateDnsAfterAcceptance,
  describe: ({ request }) => ({
    title: 'Turn on private DNS',
    creates: 'Private DNS on the endpoint (the service allows it only after acceptance)',
    cli: enablePrivateDnsCli(request),
    undo: 'Removed together with the endpoint',
    undoCli: null,
  }),

  terraform(plan: EndpointPlan) {
    if (!plan.privateDnsAfterAcceptance) return [];
    return [
      '# The service requires acceptance: private DNS can be turned on only once PlanetScale has',
      '# accepted the connection. Apply again after the endpoint leaves pendingAcceptance.',
      '# (aws_vpc_endpoint_private_dns needs a recent hashicorp/aws 5.x provider.)',
      'resource "aws_vpc_endpoint_private_dns" "planetscale" {',
      '  vpc_endpoint_id     = aws_vpc_endpoint.planetscale.id',
      '  private_dns_enabled = true',
      '}',
      '',
    ];
  },

  async execute(run: StepRun) {
    const endpointId = run.state.endpointId!;
    await run.call('ModifyVpcEndpoint', () => run.aws.enablePrivateDns(endpointId));
    return { message: `Turned on private DNS for ${endpointId}.`, resourceId: endpointId };
  },
};
