// Deleting a security group the extension created. Right after its endpoint is deleted, EC2 keeps
// the endpoint's network interfaces for a while and answers DependencyViolation; so: wait until no
// interface uses the group, then delete with a bounded number of retries.
import {
  DeleteSecurityGroupCommand,
  DescribeNetworkInterfacesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsErrorCode } from '../awsErrors';
import { systemClock, type Clock } from './endpointWaiter';

export interface CleanupTiming {
  clock?: Clock;
  signal?: AbortSignal;
  /** DeleteSecurityGroup attempts while EC2 answers DependencyViolation. */
  attempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface InterfaceUse {
  id: string;
  description?: string;
}

/** Network interfaces that still use the group (DescribeNetworkInterfaces, filter group-id). */
export async function interfacesUsingGroup(ec2: EC2Client, groupId: string, signal?: AbortSignal): Promise<InterfaceUse[]> {
  const found: InterfaceUse[] = [];
  let NextToken: string | undefined;
  do {
    const out = await ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }], NextToken }),
      { abortSignal: signal },
    );
    for (const eni of out.NetworkInterfaces ?? []) {
      if (eni.NetworkInterfaceId) found.push({ id: eni.NetworkInterfaceId, description: eni.Description });
    }
    NextToken = out.NextToken;
  } while (NextToken);
  return found;
}

export type GroupDeletion =
  | { outcome: 'deleted' | 'alreadyGone' }
  | { outcome: 'inUse'; interfaces: InterfaceUse[]; error?: unknown }
  | { outcome: 'failed'; error: unknown }
  | { outcome: 'cancelled' };

/**
 * Deletes `groupId`, first waiting for interfaces to go away (only those `mayWaitFor` accepts,
 * e.g. the deleted endpoint's own; anything else using the group means it is not ours to delete).
 */
export async function deleteSecurityGroupWhenFree(
  ec2: EC2Client,
  groupId: string,
  timing: CleanupTiming & { mayWaitFor?: (eni: InterfaceUse) => boolean } = {},
): Promise<GroupDeletion> {
  const clock = timing.clock ?? systemClock;
  // About seven minutes in all: AWS can keep an endpoint's interfaces for several minutes.
  const attempts = timing.attempts ?? 20;
  const maxDelay = timing.maxDelayMs ?? 30_000;
  let delay = timing.initialDelayMs ?? 2_000;
  let lastError: unknown;
  let lastInterfaces: InterfaceUse[] = [];

  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (timing.signal?.aborted) return { outcome: 'cancelled' };
    try {
      lastInterfaces = await interfacesUsingGroup(ec2, groupId, timing.signal);
    } catch (err) {
      // Not being able to list interfaces must not stop the delete itself: EC2 decides.
      lastError = err;
      lastInterfaces = [];
    }
    const foreign = lastInterfaces.filter((eni) => timing.mayWaitFor && !timing.mayWaitFor(eni));
    if (foreign.length > 0) return { outcome: 'inUse', interfaces: foreign };
    if (lastInterfaces.length === 0) {
      try {
        await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
        return { outcome: 'deleted' };
      } catch (err) {
        const code = awsErrorCode(err);
        if (code === 'InvalidGroup.NotFound') return { outcome: 'alreadyGone' };
        if (code !== 'DependencyViolation') return { outcome: 'failed', error: err };
        lastError = err;
      }
    }
    if (attempt < attempts) {
      await clock.sleep(delay, timing.signal);
      delay = Math.min(maxDelay, delay * 1.5);
    }
  }
  return { outcome: 'inUse', interfaces: lastInterfaces, error: lastError };
}
