// Following the new endpoint until it reaches a state, shared by the two waiting steps. Every
// outcome but reaching the state stops the run; which kind of stop decides whether the endpoint
// is kept (cancelled, timed out, lost track) or undone (failed).
import type { PlanStepId } from '../endpointPlan';
import type { WaitTarget } from '../endpointWaiter';
import { StepStop, type StepDone, type StepRun } from './planStep';

export async function waitForEndpointState(run: StepRun, stepId: PlanStepId, target: WaitTarget): Promise<StepDone> {
  const { state, options } = run;
  const endpointId = state.endpointId!;
  const result = await run.aws.waitForEndpoint(endpointId, {
    ...options.wait,
    target,
    clock: options.clock,
    signal: options.signal,
    onState: (s, _e, explanation) => {
      state.endpointState = s;
      run.emit(stepId, 'running', `Endpoint ${endpointId} is ${s}: ${explanation}.`, endpointId);
    },
  });
  switch (result.outcome) {
    case 'reached':
      state.endpointState = result.state;
      return { message: `Endpoint ${endpointId} is ${result.state}.`, resourceId: endpointId };
    case 'cancelled':
      throw new StepStop('cancelled', { code: 'Cancelled', message: `Stopped waiting for ${endpointId}.`, fix: '' });
    case 'timedOut':
      throw new StepStop('timedOut', {
        code: 'Timeout',
        message: `Endpoint ${endpointId} is still ${state.endpointState ?? 'not visible'} after the waiting time.`,
        fix: 'It keeps being created by AWS; the status bar follows it.',
      });
    case 'unreachable':
      state.endpointState = result.state;
      throw new StepStop('failed', {
        code: `Endpoint${result.state[0].toUpperCase()}${result.state.slice(1)}`,
        message: `${result.reason} Endpoint ${endpointId}${result.endpoint?.lastError?.message ? `: ${result.endpoint.lastError.message}` : ''}.`,
        fix:
          result.state === 'rejected' || result.state === 'expired'
            ? 'Check with PlanetScale that the service allows your AWS account, then create the endpoint again.'
            : 'Check the subnets and security group, then create the endpoint again.',
      });
    case 'notFound':
      throw new StepStop('failed', { code: 'InvalidVpcEndpointId.NotFound', message: result.reason, fix: 'Refresh the explorer and create the endpoint again if needed.' });
    case 'error':
      throw new StepStop('lostTrack', run.explain(result.error, 'DescribeVpcEndpoints'));
  }
}
