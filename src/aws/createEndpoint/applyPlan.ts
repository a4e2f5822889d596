// Runs an EndpointPlan: each plan step's module (steps/) executes it and, where it creates
// something, undoes it. This module only runs the steps in order and, on a failure, the undo of
// the completed ones newest first; what cannot be undone is reported with its id and the command
// that removes it. Cancelling stops the waiting only: an endpoint that exists is kept (AWS goes on
// creating it) and the result says so.
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ApplyProgress, ApplyResult, LeftBehindResource, RemovedResource } from './applyTypes';
import { explainEc2Error, type Ec2Operation } from './awsErrorMessages';
import { findUnconfirmed, keptResult, undoneResult } from './applyLeftovers';
import type { EndpointPlan, PlanStep, PlanStepId } from './endpointPlan';
import { systemClock, type Clock, type WaitOptions } from './endpointWaiter';
import { isOutcomeUnknown } from './ownResources';
import type { CleanupTiming } from './securityGroupCleanup';
import { StepStop, type RunState, type StepRun } from './steps/planStep';
import { planStepModule } from './steps/planSteps';
import { stepAws } from './steps/stepAws';

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

export async function applyEndpointPlan(ec2: EC2Client, plan: EndpointPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { request } = plan;
  const region = request.region;
  const signal = options.signal;
  const emit = (stepId: PlanStepId, status: ApplyProgress['status'], message: string, resourceId?: string) =>
    options.onProgress?.({ stepId, status, message, ...(resourceId ? { resourceId } : {}) });
  const state: RunState = { ownsSecurityGroup: false, reusedSecurityGroup: false, existingIngress: [], reusedEndpoint: false };
  if (request.securityGroup.mode === 'existing') state.securityGroupId = request.securityGroup.groupId;
  /** What an EC2 error message may name about this run. */
  const context = (operation: Ec2Operation) => ({
    operation,
    region,
    profile: options.profile,
    vpcId: request.vpcId,
    serviceName: request.serviceName,
    securityGroupId: state.securityGroupId,
    endpointId: state.endpointId,
  });
  const run: StepRun = {
    aws: stepAws(ec2),
    plan,
    state,
    options: { ...options, clock: options.clock ?? systemClock },
    emit,
    explain: (error, operation) => explainEc2Error(error, context(operation)),
    async call(operation, send) {
      try {
        return await send();
      } catch (err) {
        const explained = explainEc2Error(err, context(operation));
        const creates = operation === 'CreateSecurityGroup' ? 'securityGroup' : operation === 'CreateVpcEndpoint' ? 'vpcEndpoint' : undefined;
        if (!creates || !isOutcomeUnknown(err)) throw new StepStop('failed', explained);
        state.unconfirmed = creates;
        throw new StepStop('failed', { ...explained, message: `${explained.message} No answer reached the extension, so AWS may have created it anyway; undo looks for it by its tag.` });
      }
    },
  };

  const completed: PlanStep[] = [];
  for (const [index, step] of plan.steps.entries()) {
    try {
      if (signal?.aborted) throw new StepStop('cancelled', { code: 'Cancelled', message: 'Cancelled before this step.', fix: '' });
      emit(step.id, 'running', step.title);
      const { message, resourceId } = await planStepModule(step.id).execute(run);
      emit(step.id, 'done', message, resourceId);
      completed.push(step);
    } catch (err) {
      const stop = err instanceof StepStop ? err : new StepStop('failed', { code: 'InternalError', message: err instanceof Error ? err.message : String(err), fix: 'Report this problem; the log has details.' });
      // The stopped step first, then the steps that will not run, then any undo.
      const keepsEndpoint = state.endpointId !== undefined && stop.kind !== 'failed';
      emit(step.id, stop.kind === 'failed' || stop.kind === 'lostTrack' ? 'failed' : 'skipped', stop.error.message, state.endpointId ?? state.securityGroupId);
      for (const later of plan.steps.slice(index + 1)) emit(later.id, 'skipped', 'Not run.');
      return keepsEndpoint ? keptResult(run, step, stop, new Set(completed.map((s) => s.id))) : undoAll(step, stop);
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

  /** A failure (or a cancel before the endpoint existed): undo the completed steps, newest first. */
  async function undoAll(step: PlanStep, stop: StepStop): Promise<ApplyResult> {
    const undone: RemovedResource[] = [];
    const leftBehind: LeftBehindResource[] = [];
    const toUndo = [...completed].reverse();
    const unconfirmed = await findUnconfirmed(ec2, run);
    if (unconfirmed.found) toUndo.unshift(step);
    if (unconfirmed.left) leftBehind.push(unconfirmed.left);
    for (const done of toUndo) {
      const module = planStepModule(done.id);
      if (!module.undo) continue;
      // A resource left behind blocks the undo of what it depends on (the group of a kept endpoint).
      const kept = module.keptFor?.(run, leftBehind);
      if (kept) {
        leftBehind.push(...kept);
        continue;
      }
      emit(done.id, 'undoing', `Undoing: ${done.undo ?? done.title}`);
      const outcome = await module.undo(run);
      if (outcome.removed) {
        undone.push(outcome.removed);
        emit(done.id, 'undone', `Removed ${outcome.removed.id}.`, outcome.removed.id);
      } else if (outcome.left) {
        leftBehind.push(outcome.left);
        emit(done.id, 'failed', `${outcome.left.id} is left: ${outcome.left.reason}`, outcome.left.id);
      }
    }
    return undoneResult(step, stop, undone, leftBehind);
  }
}
