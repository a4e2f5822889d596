// Deleting an endpoint (issue 7): DeleteVpcEndpoints, follow it to `deleted` (or gone), then, when
// asked, delete the security groups this extension created for it once no network interface uses
// them any more. Groups the user chose (no created-by tag) are never touched.
import { DeleteVpcEndpointsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { describeEndpoints, describeSecurityGroups } from '../ec2Queries';
import type { InterfaceEndpoint } from '../types';
import type { DeleteProgress, DeleteResult, LeftBehindResource, RemovedResource } from './applyTypes';
import { awsErrorCode } from '../awsErrors';
import { explainEc2Error, isEndpointNotFoundCode } from './awsErrorMessages';
import { deleteEndpointCli, deleteSecurityGroupCli } from './cliCommands';
import { systemClock, waitForEndpoint, type Clock, type WaitOptions } from './endpointWaiter';
import { isCreatedByExtension } from './resourceTags';
import { deleteSecurityGroupWhenFree, type CleanupTiming } from './securityGroupCleanup';

export interface DeleteEndpointOptions {
  /** Also delete the security groups the extension created for this endpoint (found by tag). */
  deleteCreatedSecurityGroups?: boolean;
  onProgress?: (event: DeleteProgress) => void;
  /** Stops waiting; a requested deletion goes on in AWS. */
  signal?: AbortSignal;
  clock?: Clock;
  wait?: Pick<WaitOptions, 'initialDelayMs' | 'maxDelayMs' | 'timeoutMs'>;
  cleanup?: Pick<CleanupTiming, 'attempts' | 'initialDelayMs' | 'maxDelayMs'>;
  /** For messages (which profile lacks a permission). */
  profile?: string;
}

export async function deleteEndpoint(ec2: EC2Client, endpointId: string, options: DeleteEndpointOptions = {}): Promise<DeleteResult> {
  const clock = options.clock ?? systemClock;
  const signal = options.signal;
  const region = await ec2.config.region();
  const emit = (stepId: DeleteProgress['stepId'], status: DeleteProgress['status'], message: string, resourceId?: string) =>
    options.onProgress?.({ stepId, status, message, ...(resourceId ? { resourceId } : {}) });
  const removed: RemovedResource[] = [];
  const leftBehind: LeftBehindResource[] = [];
  const context = { region, profile: options.profile, endpointId };

  // Read the endpoint first: its groups (and their tags) decide what else may be deleted.
  let endpoint: InterfaceEndpoint | undefined;
  try {
    endpoint = (await describeEndpoints(ec2, [endpointId], { signal })).found.get(endpointId);
  } catch (err) {
    const error = explainEc2Error(err, { ...context, operation: 'DescribeVpcEndpoints' });
    return { outcome: 'failed', endpointId, removed, leftBehind, error, message: error.message };
  }
  let ownGroupIds: string[] = [];
  if (options.deleteCreatedSecurityGroups && endpoint) {
    try {
      ownGroupIds = await createdGroupIds(ec2, endpoint, signal);
    } catch (err) {
      // Decide before deleting: afterwards the endpoint no longer says which groups it used.
      const error = explainEc2Error(err, { ...context, operation: 'DescribeSecurityGroups' });
      return { outcome: 'failed', endpointId, endpointState: endpoint.state, removed, leftBehind, error, message: `Nothing was deleted: ${error.message}` };
    }
  }

  if (endpoint && endpoint.state !== 'deleted') {
    emit('deleteEndpoint', 'running', `Deleting endpoint ${endpointId}.`, endpointId);
    try {
      const out = await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
      const failure = out.Unsuccessful?.find((u) => u.ResourceId === endpointId);
      if (failure && !isEndpointNotFoundCode(failure.Error?.Code)) {
        const error = explainEc2Error(Object.assign(new Error(failure.Error?.Message ?? ''), { Code: failure.Error?.Code }), { ...context, operation: 'DeleteVpcEndpoints' });
        emit('deleteEndpoint', 'failed', error.message, endpointId);
        return { outcome: 'failed', endpointId, endpointState: endpoint.state, removed, leftBehind, error, message: error.message };
      }
    } catch (err) {
      if (!isEndpointNotFoundCode(awsErrorCode(err))) {
        const error = explainEc2Error(err, { ...context, operation: 'DeleteVpcEndpoints' });
        emit('deleteEndpoint', 'failed', error.message, endpointId);
        return { outcome: 'failed', endpointId, endpointState: endpoint.state, removed, leftBehind, error, message: error.message };
      }
    }
    emit('deleteEndpoint', 'done', `Deletion of ${endpointId} requested; AWS stops billing it.`, endpointId);
  } else {
    emit('deleteEndpoint', 'skipped', `Endpoint ${endpointId} is already deleted.`, endpointId);
  }

  emit('waitDeleted', 'running', `Waiting until ${endpointId} is deleted.`, endpointId);
  const waited = await waitForEndpoint(ec2, endpointId, {
    ...options.wait,
    target: 'deleted',
    clock,
    signal,
    onState: (state) => emit('waitDeleted', 'running', `Endpoint ${endpointId} is ${state}.`, endpointId),
  });
  if (waited.outcome !== 'reached') {
    const stillThere: LeftBehindResource = {
      kind: 'vpcEndpoint',
      id: endpointId,
      region,
      reason: waited.outcome === 'cancelled' ? 'stopped waiting; AWS goes on deleting it' : `its deletion was not confirmed (${waited.outcome})`,
      removeCommand: deleteEndpointCli(region, endpointId),
    };
    const groups = ownGroupIds.map((id) => groupLeft(id, 'kept: delete it once the endpoint is gone'));
    emit('waitDeleted', waited.outcome === 'cancelled' ? 'skipped' : 'failed', stillThere.reason, endpointId);
    return {
      outcome: waited.outcome === 'cancelled' ? 'cancelled' : waited.outcome === 'timedOut' ? 'timedOut' : 'failed',
      endpointId,
      endpointState: 'state' in waited ? waited.state : undefined,
      removed,
      leftBehind: [stillThere, ...groups],
      message: `Deletion of ${endpointId} was requested but is not confirmed yet (${stillThere.reason}).${groups.length ? ` Security group ${ownGroupIds.join(', ')} was kept; delete it later.` : ''}`,
    };
  }
  removed.push({ kind: 'vpcEndpoint', id: endpointId });
  emit('waitDeleted', 'done', `Endpoint ${endpointId} is deleted.`, endpointId);

  for (const groupId of ownGroupIds) {
    emit('waitInterfacesGone', 'running', `Waiting until no network interface uses ${groupId}.`, groupId);
    const result = await deleteSecurityGroupWhenFree(ec2, groupId, {
      ...options.cleanup,
      clock,
      signal,
      // The deleted endpoint's interfaces linger for a while: wait for those, but not for others.
      mayWaitFor: (eni) => !eni.description || eni.description.includes(endpointId) || (endpoint?.networkInterfaceIds ?? []).includes(eni.id),
    });
    if (result.outcome === 'deleted' || result.outcome === 'alreadyGone') {
      removed.push({ kind: 'securityGroup', id: groupId });
      emit('deleteSecurityGroup', 'done', `Deleted security group ${groupId}.`, groupId);
    } else {
      const reason =
        result.outcome === 'inUse'
          ? `still used by ${result.interfaces.map((i) => `${i.id}${i.description ? ` (${i.description})` : ''}`).join(', ') || 'network interfaces'}`
          : result.outcome === 'failed'
            ? explainEc2Error(result.error, { ...context, operation: 'DeleteSecurityGroup', securityGroupId: groupId }).message
            : 'stopped waiting';
      leftBehind.push(groupLeft(groupId, reason));
      emit('deleteSecurityGroup', result.outcome === 'cancelled' ? 'skipped' : 'failed', `Security group ${groupId} was not deleted: ${reason}.`, groupId);
    }
  }

  const groupsText = removed.filter((r) => r.kind === 'securityGroup').map((r) => r.id);
  return {
    outcome: leftBehind.length === 0 ? 'deleted' : signal?.aborted ? 'cancelled' : 'failed',
    endpointId,
    endpointState: 'deleted',
    removed,
    leftBehind,
    message:
      `Endpoint ${endpointId} is deleted${groupsText.length ? ` and security group ${groupsText.join(', ')} removed` : ''}.` +
      (leftBehind.length ? ` Left: ${leftBehind.map((l) => `${l.id} (${l.reason}; remove with: ${l.removeCommand})`).join('; ')}.` : ''),
  };

  function groupLeft(groupId: string, reason: string): LeftBehindResource {
    return { kind: 'securityGroup', id: groupId, region, reason, removeCommand: deleteSecurityGroupCli(region, groupId) };
  }
}

/** The endpoint's groups that carry this extension's created-by tag. */
async function createdGroupIds(ec2: EC2Client, endpoint: InterfaceEndpoint, signal: AbortSignal | undefined): Promise<string[]> {
  if (endpoint.securityGroupIds.length === 0) return [];
  const groups = await describeSecurityGroups(ec2, endpoint.securityGroupIds, { signal });
  return groups.filter((g) => isCreatedByExtension(g.tags)).map((g) => g.id);
}
