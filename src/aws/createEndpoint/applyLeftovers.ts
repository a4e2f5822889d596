// What a run that did not end as planned leaves, in words: a create whose answer was lost is
// looked for by its request tag (found: undone like any other; not findable: reported with the
// command that finds it), and a run stopped while waiting keeps the endpoint and its group.
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ApplyResult, LeftBehindResource, RemovedResource } from './applyTypes';
import { deleteEndpointCli, enablePrivateDnsCli } from './cliCommands';
import type { PlanStep, PlanStepId } from './endpointPlan';
import { findLostCreate } from './ownResources';
import { TAG_REQUEST } from './resourceTags';
import type { StepRun, StepStop } from './steps/planStep';
import { ownGroupLeft } from './steps/securityGroupStep';

/** Looks for the resource of an unconfirmed create; `found` puts its id into the run's state. */
export async function findUnconfirmed(ec2: EC2Client, run: StepRun): Promise<{ found: boolean; left?: LeftBehindResource }> {
  const { state, plan } = run;
  const { request } = plan;
  const kind = state.unconfirmed;
  if (!kind) return { found: false };
  const region = request.region;
  const lost = await findLostCreate(ec2, { kind, region, vpcId: request.vpcId, serviceName: request.serviceName, fingerprint: plan.fingerprint, ...(request.securityGroup.mode === 'create' ? { groupName: request.securityGroup.groupName } : {}) });
  if (lost.outcome === 'found' && kind === 'securityGroup') Object.assign(state, { securityGroupId: lost.id, ownsSecurityGroup: true });
  if (lost.outcome === 'found' && kind === 'vpcEndpoint') state.endpointId = lost.id;
  if (lost.outcome === 'found') return { found: true };
  if (lost.outcome === 'unknown') {
    const what = kind === 'securityGroup' ? 'security group' : 'endpoint';
    return {
      found: false,
      left: {
        kind,
        id: `a ${what} tagged ${TAG_REQUEST}=${plan.fingerprint}`,
        region,
        reason: `The reply to its creation was lost and looking for it failed too (${run.explain(lost.error, 'DescribeVpcEndpoints').message}); it may exist.`,
        removeCommand: `${lost.findCommand}  # then delete what it lists`,
      },
    };
  }
  return { found: false };
}

/** Cancelled, timed out, or lost track while waiting: the endpoint may be fine. Keep everything and say exactly what exists. */
export function keptResult(run: StepRun, step: PlanStep, stop: StepStop, completed: ReadonlySet<PlanStepId>): ApplyResult {
  const { state, plan } = run;
  const { request } = plan;
  const region = request.region;
  const leftBehind = keptResources(run, stop.kind === 'lostTrack' ? 'kept: its state could not be read' : 'kept: AWS goes on creating it');
  if (stop.kind === 'lostTrack') {
    return { outcome: 'failed', failedStepId: step.id, error: stop.error, undone: [], leftBehind, message: `${stop.error.message} Nothing was deleted.` };
  }
  const dnsLater = plan.privateDnsAfterAcceptance && !completed.has('enablePrivateDns')
    ? ` Private DNS is not on yet; once PlanetScale accepts, run: ${enablePrivateDnsCli(request).replace(/"\$ENDPOINT_ID"/, state.endpointId!).replace(/ \\\n\s+/g, ' ')}`
    : '';
  return {
    outcome: stop.kind === 'timedOut' ? 'timedOut' : 'cancelled',
    endpointId: state.endpointId,
    securityGroupId: state.securityGroupId,
    state: state.endpointState,
    undone: [],
    leftBehind,
    message:
      `${stop.kind === 'timedOut' ? 'Stopped waiting (time limit)' : 'Stopped waiting (cancelled)'}; endpoint ${state.endpointId} was NOT deleted and is ${state.endpointState ?? 'still being created'}. ` +
      `AWS keeps creating it and bills it once available; the status bar follows it. To remove it: ${deleteEndpointCli(region, state.endpointId!)}.${dnsLater}`,
  };
}

/** The result after undo: what was removed and, with the command for each, what is left. */
export function undoneResult(step: PlanStep, stop: StepStop, undone: RemovedResource[], leftBehind: LeftBehindResource[]): ApplyResult {
  const cancelled = stop.kind === 'cancelled';
  const summary = cancelled ? 'Cancelled before the endpoint was created.' : `${stop.error.message}`;
  const tail =
    leftBehind.length > 0
      ? ` Left in your account: ${leftBehind.map((l) => `${l.id} (remove with: ${l.removeCommand})`).join('; ')}.`
      : undone.length > 0
        ? ` Undone: ${undone.map((u) => u.id).join(', ')}; nothing is left behind.`
        : ' Nothing was created.';
  if (cancelled) {
    return { outcome: 'cancelled', undone, leftBehind, message: summary + tail };
  }
  return { outcome: 'failed', failedStepId: step.id, error: stop.error, undone, leftBehind, message: summary + tail };
}

function keptResources(run: StepRun, reason: string): LeftBehindResource[] {
  const endpointId = run.state.endpointId!;
  const region = run.plan.request.region;
  return [
    { kind: 'vpcEndpoint', id: endpointId, region, reason, removeCommand: deleteEndpointCli(region, endpointId) },
    ...ownGroupLeft(run, 'kept: the endpoint uses it (delete it after the endpoint)'),
  ];
}
