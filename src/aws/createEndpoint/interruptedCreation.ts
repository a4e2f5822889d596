// A creation the window stopped (reload, crash) before it finished: what the form's request tag
// finds of it in the account, and the one step that must still happen after acceptance (private
// DNS), so the next start can adopt the endpoint and finish it, or delete what was made.
import { ModifyVpcEndpointCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { describeEndpoints } from '../ec2Queries';
import { waitForEndpoint, type WaitOptions } from './endpointWaiter';
import { findOurEndpoints, findOurSecurityGroup } from './ownResources';

/** What the extension records before creating anything (kept in workspace state until done). */
export interface CreationInProgress {
  fingerprint: string;
  profile: string;
  region: string;
  vpcId: string;
  serviceName: string;
  /** The group the run creates (found by name and tag), when it creates one. */
  groupName?: string;
  /** Private DNS is turned on with ModifyVpcEndpoint once PlanetScale accepts (and not yet done). */
  privateDnsAfterAcceptance: boolean;
  startedAt: string;
  /** Known as soon as the run saw them; the tag lookup finds them otherwise (lost reply, reload). */
  endpointId?: string;
  securityGroupId?: string;
  privateHost?: string;
  branch?: { organization: string; database: string; branch: string };
}

export interface CreationLeftovers {
  endpointIds: string[];
  securityGroupId?: string;
}

/** The endpoint(s) and security group of the interrupted run, found by its request tag. */
export async function findCreationLeftovers(ec2: EC2Client, record: CreationInProgress): Promise<CreationLeftovers> {
  const endpointIds = await findOurEndpoints(ec2, record.vpcId, record.serviceName, record.fingerprint);
  const group = record.groupName ? await findOurSecurityGroup(ec2, record.vpcId, record.groupName, record.fingerprint) : undefined;
  return { endpointIds, ...(group ? { securityGroupId: group.id } : {}) };
}

export type PrivateDnsOutcome =
  | { outcome: 'enabled' | 'alreadyOn' }
  | { outcome: 'notAccepted'; state: string; reason: string }
  | { outcome: 'cancelled' | 'timedOut' };

/**
 * The step "turn on private DNS after acceptance": waits until the endpoint leaves
 * pendingAcceptance, then turns private DNS on (unless it already is).
 */
export async function enablePrivateDnsAfterAcceptance(
  ec2: EC2Client,
  endpointId: string,
  options: Pick<WaitOptions, 'initialDelayMs' | 'maxDelayMs' | 'timeoutMs' | 'signal' | 'clock' | 'onState'> = {},
): Promise<PrivateDnsOutcome> {
  const accepted = await waitForEndpoint(ec2, endpointId, { ...options, target: 'accepted' });
  if (accepted.outcome === 'cancelled' || accepted.outcome === 'timedOut') return { outcome: accepted.outcome };
  if (accepted.outcome === 'error') throw accepted.error;
  if (accepted.outcome === 'notFound') return { outcome: 'notAccepted', state: 'gone', reason: accepted.reason };
  if (accepted.outcome === 'unreachable') return { outcome: 'notAccepted', state: accepted.state, reason: accepted.reason };
  const endpoint = (await describeEndpoints(ec2, [endpointId])).found.get(endpointId);
  if (endpoint?.privateDnsEnabled) return { outcome: 'alreadyOn' };
  await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpointId, PrivateDnsEnabled: true }));
  return { outcome: 'enabled' };
}
