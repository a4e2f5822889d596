// Runs an EndpointPlan: each plan step has an executor and, where it creates something, an undo.
// A failure undoes the completed steps newest first; what cannot be undone is reported with its id
// and the command that removes it. Cancelling stops the waiting only: an endpoint that exists is
// kept (AWS goes on creating it) and the result says so.
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  ModifyVpcEndpointCommand,
  type EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import type { EndpointState, SecurityGroupSummary } from '../types';
import type { ApplyProgress, ApplyResult, FriendlyAwsError, LeftBehindResource, RemovedResource } from './applyTypes';
import { ec2ErrorCode, explainEc2Error, isEndpointNotFoundCode, type Ec2Operation } from './awsErrorMessages';
import { deleteEndpointCli, deleteSecurityGroupCli, enablePrivateDnsCli, ingressPermissions } from './cliCommands';
import type { EndpointPlan, PlanStep, PlanStepId } from './endpointPlan';
import { systemClock, waitForEndpoint, type Clock, type WaitOptions, type WaitTarget } from './endpointWaiter';
import { splitPermissions, permissionPresent } from './ingressRules';
import { findLostCreate, findOurEndpoints, findOurSecurityGroup, isOutcomeUnknown, type OwnResourceKind } from './ownResources';
import { TAG_REQUEST } from './resourceTags';
import { endpointClientToken } from './requestFingerprint';
import { deleteSecurityGroupWhenFree, type CleanupTiming } from './securityGroupCleanup';

export interface ApplyOptions {
  onProgress?: (event: ApplyProgress) => void;
  /** Cancels waiting (and undo's waiting); never deletes an endpoint that exists. */
  signal?: AbortSignal;
  clock?: Clock;
  /** Tuning of the waits for acceptance/availability (defaults: 2 s growing to 15 s, 20 min). */
  wait?: Pick<WaitOptions, 'initialDelayMs' | 'maxDelayMs' | 'timeoutMs' | 'notFoundGraceMs'>;
  /** Tuning of the security-group delete retries during undo. */
  cleanup?: Pick<CleanupTiming, 'attempts' | 'initialDelayMs' | 'maxDelayMs'>;
  /** For messages only (e.g. which profile lacks a permission). */
  profile?: string;
}

/** What the run has made or adopted so far. */
interface RunState {
  securityGroupId?: string;
  /** True when this run (or an earlier submit of the same form) created the group. */
  ownsSecurityGroup: boolean;
  reusedSecurityGroup: boolean;
  existingIngress: SecurityGroupSummary['ingress'];
  endpointId?: string;
  reusedEndpoint: boolean;
  endpointState?: EndpointState;
  /** A create whose every attempt lost AWS's answer: the resource may exist; undo looks for it. */
  unconfirmed?: OwnResourceKind;
}

/** Why a step stopped the run. */
class StepStop extends Error {
  constructor(
    readonly kind: 'failed' | 'cancelled' | 'timedOut' | 'lostTrack',
    readonly error: FriendlyAwsError,
  ) {
    super(error.message);
  }
}

interface StepExecutor {
  execute(): Promise<{ message: string; resourceId?: string }>;
  /** Undo of a completed step; absent when there is nothing to remove. */
  undo?(): Promise<{ removed?: RemovedResource; left?: LeftBehindResource }>;
}

export async function applyEndpointPlan(ec2: EC2Client, plan: EndpointPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { request } = plan;
  const region = request.region;
  const clock = options.clock ?? systemClock;
  const signal = options.signal;
  const emit = (stepId: PlanStepId, status: ApplyProgress['status'], message: string, resourceId?: string) =>
    options.onProgress?.({ stepId, status, message, ...(resourceId ? { resourceId } : {}) });
  const state: RunState = { ownsSecurityGroup: false, reusedSecurityGroup: false, existingIngress: [], reusedEndpoint: false };
  if (request.securityGroup.mode === 'existing') state.securityGroupId = request.securityGroup.groupId;

  const context = (operation: Ec2Operation) => ({
    operation,
    region,
    profile: options.profile,
    vpcId: request.vpcId,
    serviceName: request.serviceName,
    securityGroupId: state.securityGroupId,
    endpointId: state.endpointId,
  });
  const call = async <T>(operation: Ec2Operation, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      const explained = explainEc2Error(err, context(operation));
      const creates = operation === 'CreateSecurityGroup' ? 'securityGroup' : operation === 'CreateVpcEndpoint' ? 'vpcEndpoint' : undefined;
      if (!creates || !isOutcomeUnknown(err)) throw new StepStop('failed', explained);
      state.unconfirmed = creates;
      throw new StepStop('failed', { ...explained, message: `${explained.message} No answer reached the extension, so AWS may have created it anyway; undo looks for it by its tag.` });
    }
  };

  const waitStep = async (stepId: PlanStepId, target: WaitTarget) => {
    const endpointId = state.endpointId!;
    const result = await waitForEndpoint(ec2, endpointId, {
      ...options.wait,
      target,
      clock,
      signal,
      onState: (s, _e, explanation) => {
        state.endpointState = s;
        emit(stepId, 'running', `Endpoint ${endpointId} is ${s}: ${explanation}.`, endpointId);
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
        throw new StepStop('lostTrack', explainEc2Error(result.error, context('DescribeVpcEndpoints')));
    }
  };

  const executors: Record<PlanStepId, StepExecutor> = {
    createSecurityGroup: {
      execute: async () => {
        if (request.securityGroup.mode !== 'create') throw new Error('no security group to create');
        const { groupName, description } = request.securityGroup;
        const earlier = await call('DescribeSecurityGroups', () => findOurSecurityGroup(ec2, request.vpcId, groupName, plan.fingerprint));
        state.ownsSecurityGroup = true;
        if (earlier) {
          state.securityGroupId = earlier.id;
          state.reusedSecurityGroup = true;
          state.existingIngress = earlier.ingress;
          return { message: `Reusing security group ${earlier.id}, created by an earlier submit of this form.`, resourceId: earlier.id };
        }
        let out;
        try {
          out = await call('CreateSecurityGroup', () =>
            ec2.send(
              new CreateSecurityGroupCommand({
                GroupName: groupName,
                Description: description,
                VpcId: request.vpcId,
                TagSpecifications: [{ ResourceType: 'security-group', Tags: plan.securityGroupTags }],
              }),
            ),
          );
        } catch (err) {
          // An SDK retry after a lost first reply meets the group that attempt made: ours by its tag.
          const duplicate = err instanceof StepStop && err.error.code === 'InvalidGroup.Duplicate';
          const made = duplicate ? await findOurSecurityGroup(ec2, request.vpcId, groupName, plan.fingerprint).catch(() => undefined) : undefined;
          if (!made) throw err;
          out = { GroupId: made.id };
        }
        if (!out.GroupId) throw new StepStop('failed', { code: 'NoGroupId', message: 'EC2 created the security group but returned no id.', fix: 'Refresh and look for it by name.' });
        state.securityGroupId = out.GroupId;
        return { message: `Created security group ${out.GroupId}.`, resourceId: out.GroupId };
      },
      undo: async () => {
        const groupId = state.securityGroupId;
        if (!groupId || !state.ownsSecurityGroup) return {};
        const result = await deleteSecurityGroupWhenFree(ec2, groupId, { ...options.cleanup, clock });
        if (result.outcome === 'deleted' || result.outcome === 'alreadyGone') return { removed: { kind: 'securityGroup', id: groupId } };
        const why =
          result.outcome === 'inUse'
            ? `still used by ${result.interfaces.map((i) => i.id).join(', ') || 'network interfaces'}`
            : result.outcome === 'failed'
              ? explainEc2Error(result.error, { ...context('DeleteSecurityGroup'), securityGroupId: groupId }).message
              : 'cancelled';
        return { left: { kind: 'securityGroup', id: groupId, region, reason: `Could not delete it: ${why}.`, removeCommand: deleteSecurityGroupCli(region, groupId) } };
      },
    },
    authorizeIngress: {
      execute: async () => {
        const groupId = state.securityGroupId!;
        const wanted = splitPermissions(ingressPermissions(request) as IpPermission[]);
        const missing = wanted.filter((p) => !permissionPresent(p, state.existingIngress));
        if (missing.length === 0) return { message: `Inbound 5432 and 6432 are already allowed on ${groupId}.`, resourceId: groupId };
        try {
          await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: missing }));
        } catch (err) {
          if (ec2ErrorCode(err) !== 'InvalidPermission.Duplicate') throw new StepStop('failed', explainEc2Error(err, context('AuthorizeSecurityGroupIngress')));
          // Some rules exist already (an earlier, interrupted submit): add the others one by one.
          for (const permission of missing) {
            try {
              await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [permission] }));
            } catch (inner) {
              if (ec2ErrorCode(inner) !== 'InvalidPermission.Duplicate') throw new StepStop('failed', explainEc2Error(inner, context('AuthorizeSecurityGroupIngress')));
            }
          }
        }
        return { message: `Allowed inbound TCP 5432 and 6432 on ${groupId}.`, resourceId: groupId };
      },
    },
    createEndpoint: {
      execute: async () => {
        const groupId = state.securityGroupId!;
        const before = await call('DescribeVpcEndpoints', () => findOurEndpoints(ec2, request.vpcId, request.serviceName, plan.fingerprint));
        const create = (token: string) =>
          call('CreateVpcEndpoint', () =>
            ec2.send(
              new CreateVpcEndpointCommand({
                VpcEndpointType: 'Interface',
                VpcId: request.vpcId,
                ServiceName: request.serviceName,
                SubnetIds: request.subnetIds,
                SecurityGroupIds: [groupId],
                PrivateDnsEnabled: request.privateDns && !plan.privateDnsAfterAcceptance,
                TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: plan.endpointTags }],
                ClientToken: token,
              }),
            ),
          );
        const freshToken = () => endpointClientToken(plan.fingerprint, groupId, String(clock.now()));
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
      undo: async () => {
        const endpointId = state.endpointId;
        if (!endpointId) return {};
        const left = (reason: string): { left: LeftBehindResource } => ({
          left: { kind: 'vpcEndpoint', id: endpointId, region, reason, removeCommand: deleteEndpointCli(region, endpointId) },
        });
        try {
          const out = await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
          const failure = out.Unsuccessful?.find((u) => u.ResourceId === endpointId);
          if (failure && !isEndpointNotFoundCode(failure.Error?.Code)) {
            return left(`Could not delete it: ${failure.Error?.Message ?? failure.Error?.Code ?? 'unknown error'}.`);
          }
        } catch (err) {
          if (!isEndpointNotFoundCode(ec2ErrorCode(err))) return left(`Could not delete it: ${explainEc2Error(err, context('DeleteVpcEndpoints')).message}`);
        }
        const gone = await waitForEndpoint(ec2, endpointId, { ...options.wait, target: 'deleted', clock });
        if (gone.outcome !== 'reached') return left(`Deletion was requested but not confirmed (${gone.outcome}); check it in the console.`);
        return { removed: { kind: 'vpcEndpoint', id: endpointId } };
      },
    },
    waitForAcceptance: { execute: () => waitStep('waitForAcceptance', 'accepted') },
    enablePrivateDns: {
      execute: async () => {
        const endpointId = state.endpointId!;
        await call('ModifyVpcEndpoint', () => ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpointId, PrivateDnsEnabled: true })));
        return { message: `Turned on private DNS for ${endpointId}.`, resourceId: endpointId };
      },
    },
    waitAvailable: { execute: () => waitStep('waitAvailable', 'available') },
  };

  const completed: PlanStep[] = [];
  for (const [index, step] of plan.steps.entries()) {
    try {
      if (signal?.aborted) throw new StepStop('cancelled', { code: 'Cancelled', message: 'Cancelled before this step.', fix: '' });
      emit(step.id, 'running', step.title);
      const { message, resourceId } = await executors[step.id].execute();
      emit(step.id, 'done', message, resourceId);
      completed.push(step);
    } catch (err) {
      const stop = err instanceof StepStop ? err : new StepStop('failed', { code: 'InternalError', message: err instanceof Error ? err.message : String(err), fix: 'Report this problem; the log has details.' });
      // The stopped step first, then the steps that will not run, then any undo.
      const keepsEndpoint = state.endpointId !== undefined && stop.kind !== 'failed';
      emit(step.id, stop.kind === 'failed' || stop.kind === 'lostTrack' ? 'failed' : 'skipped', stop.error.message, state.endpointId ?? state.securityGroupId);
      for (const later of plan.steps.slice(index + 1)) emit(later.id, 'skipped', 'Not run.');
      return keepsEndpoint ? keepAll(step, stop) : undoAll(step, stop);
    }
  }
  return {
    outcome: 'succeeded',
    endpointId: state.endpointId!,
    securityGroupId: state.securityGroupId!,
    state: state.endpointState ?? 'available',
    reusedEndpoint: state.reusedEndpoint,
    reusedSecurityGroup: state.reusedSecurityGroup,
    message: `Endpoint ${state.endpointId} is ${state.endpointState ?? 'available'} in ${request.vpcId}${request.privateDns ? ' with private DNS' : ''}.`,
  };

  /** Cancelled, timed out, or lost track while waiting: the endpoint may be fine. Keep everything and say exactly what exists. */
  function keepAll(step: PlanStep, stop: StepStop): ApplyResult {
    const leftBehind = keptResources(stop.kind === 'lostTrack' ? 'kept: its state could not be read' : 'kept: AWS goes on creating it');
    if (stop.kind === 'lostTrack') {
      return { outcome: 'failed', failedStepId: step.id, error: stop.error, undone: [], leftBehind, message: `${stop.error.message} Nothing was deleted.` };
    }
    const dnsLater = plan.privateDnsAfterAcceptance && !completedIds().has('enablePrivateDns')
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

  /** A failure (or a cancel before the endpoint existed): undo the completed steps, newest first. */
  async function undoAll(step: PlanStep, stop: StepStop): Promise<ApplyResult> {
    const undone: RemovedResource[] = [];
    const leftBehind: LeftBehindResource[] = [];
    const toUndo = [...completed].reverse();
    if (state.unconfirmed) {
      const lost = await findLostCreate(ec2, { kind: state.unconfirmed, region, vpcId: request.vpcId, serviceName: request.serviceName, fingerprint: plan.fingerprint, ...(request.securityGroup.mode === 'create' ? { groupName: request.securityGroup.groupName } : {}) });
      if (lost.outcome === 'found' && state.unconfirmed === 'securityGroup') Object.assign(state, { securityGroupId: lost.id, ownsSecurityGroup: true });
      if (lost.outcome === 'found' && state.unconfirmed === 'vpcEndpoint') state.endpointId = lost.id;
      if (lost.outcome === 'found') toUndo.unshift(step);
      if (lost.outcome === 'unknown') {
        const what = state.unconfirmed === 'securityGroup' ? 'security group' : 'endpoint';
        leftBehind.push({
          kind: state.unconfirmed,
          id: `a ${what} tagged ${TAG_REQUEST}=${plan.fingerprint}`,
          region,
          reason: `The reply to its creation was lost and looking for it failed too (${explainEc2Error(lost.error, context('DescribeVpcEndpoints')).message}); it may exist.`,
          removeCommand: `${lost.findCommand}  # then delete what it lists`,
        });
      }
    }
    for (const done of toUndo) {
      const executor = executors[done.id];
      if (!executor.undo) continue;
      // A resource left behind blocks the undo of what it depends on (the group of a kept endpoint).
      if (done.id === 'createSecurityGroup' && leftBehind.some((l) => l.kind === 'vpcEndpoint')) {
        leftBehind.push(...groupLeft('kept: the endpoint that uses it could not be deleted'));
        continue;
      }
      emit(done.id, 'undoing', `Undoing: ${done.undo ?? done.title}`);
      const outcome = await executor.undo();
      if (outcome.removed) {
        undone.push(outcome.removed);
        emit(done.id, 'undone', `Removed ${outcome.removed.id}.`, outcome.removed.id);
      } else if (outcome.left) {
        leftBehind.push(outcome.left);
        emit(done.id, 'failed', `${outcome.left.id} is left: ${outcome.left.reason}`, outcome.left.id);
      }
    }
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

  function completedIds(): Set<PlanStepId> {
    return new Set(completed.map((s) => s.id));
  }

  function groupLeft(reason: string): LeftBehindResource[] {
    const groupId = state.securityGroupId;
    if (!groupId || !state.ownsSecurityGroup) return [];
    return [{ kind: 'securityGroup', id: groupId, region, reason, removeCommand: deleteSecurityGroupCli(region, groupId) }];
  }

  function keptResources(reason: string): LeftBehindResource[] {
    return [
      { kind: 'vpcEndpoint', id: state.endpointId!, region, reason, removeCommand: deleteEndpointCli(region, state.endpointId!) },
      ...groupLeft('kept: the endpoint uses it (delete it after the endpoint)'),
    ];
  }
}
