// The instances of the endpoint's VPC that could verify from inside it: running EC2 instances
// (DescribeInstances by vpc-id) that Systems Manager manages (DescribeInstanceInformation by
// instance id), each with why it is or is not suitable — Online, Linux, and admitted on every
// port by the endpoint's security groups. Runtime SDK imports: reach it through coreEntry.ts.
import { paginateDescribeInstances, type EC2Client } from '@aws-sdk/client-ec2';
import { paginateDescribeInstanceInformation, type SSMClient } from '@aws-sdk/client-ssm';
import { evaluateSecurityGroupsInbound } from '../../diagnose/securityGroupEvaluator';
import { batches, collectPages, sendOptions } from '../queryHelpers';
import { classifySsmError } from '../ssmErrors';
import type { QueryOptions, SecurityGroupSummary } from '../types';

export interface VantageCandidate {
  instanceId: string;
  name?: string;
  subnetId?: string;
  privateIp?: string;
  securityGroupIds: string[];
  /** EC2's PlatformDetails ("Linux/UNIX", "Windows", …). */
  platformDetails?: string;
  /** What Systems Manager says, when it manages the instance. */
  ssm?: { pingStatus: string; platformType?: string; platformName?: string; agentVersion?: string };
  /** Whether the endpoint's security groups let it in on every probed port. */
  admitted: boolean;
  /** Can run the probe (managed, Online, Linux), admitted or not: what Diagnose needs, as it shows why a path is blocked. */
  probeable: boolean;
  suitable: boolean;
  /** Why it is not suitable (empty when it is). */
  reasons: string[];
}

export interface CandidateQuery {
  region?: string;
  vpcId: string;
  /** The endpoint's security groups, with their rules. */
  endpointGroups: readonly SecurityGroupSummary[];
  ports: readonly number[];
}

/** Suitable and admitted first, then by name. */
export async function listVantageCandidates(clients: { ec2: EC2Client; ssm: SSMClient }, query: CandidateQuery, options: QueryOptions = {}): Promise<VantageCandidate[]> {
  const reservations = await collectPages(
    paginateDescribeInstances(
      { client: clients.ec2, pageSize: 1000 },
      { Filters: [{ Name: 'vpc-id', Values: [query.vpcId] }, { Name: 'instance-state-name', Values: ['running'] }] },
      sendOptions(options.signal),
    ),
    (page) => page.Reservations,
    options.signal,
  );
  const instances = reservations.flatMap((r) => r.Instances ?? []).filter((i) => i.InstanceId);
  const managed = new Map<string, NonNullable<VantageCandidate['ssm']>>();
  for (const batch of batches(instances.map((i) => i.InstanceId as string), 50)) {
    const infos = await collectPages(
      paginateDescribeInstanceInformation({ client: clients.ssm, pageSize: 50 }, { Filters: [{ Key: 'InstanceIds', Values: batch }] }, sendOptions(options.signal)),
      (page) => page.InstanceInformationList,
      options.signal,
    ).catch((error: unknown) => {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw classifySsmError(error, { instanceId: batch.join(', '), action: 'ssm:DescribeInstanceInformation', region: query.region });
    });
    for (const info of infos) {
      if (info.InstanceId) managed.set(info.InstanceId, { pingStatus: info.PingStatus ?? 'Unknown', platformType: info.PlatformType, platformName: info.PlatformName, agentVersion: info.AgentVersion });
    }
  }
  const candidates = instances.map((i): VantageCandidate => {
    const instanceId = i.InstanceId as string;
    const securityGroupIds = (i.SecurityGroups ?? []).map((g) => g.GroupId).filter((id): id is string => !!id);
    const privateIp = i.PrivateIpAddress;
    const admitted = query.ports.every((port) => evaluateSecurityGroupsInbound(query.endpointGroups, { securityGroupIds, cidrs: privateIp ? [`${privateIp}/32`] : [] }, port).outcome === 'allowed');
    const ssm = managed.get(instanceId);
    const reasons: string[] = [];
    if (!ssm) reasons.push('not managed by Systems Manager (no SSM agent, or no instance profile with AmazonSSMManagedInstanceCore)');
    else if (ssm.pingStatus !== 'Online') reasons.push(`its SSM agent is ${ssm.pingStatus}`);
    const platform = ssm?.platformType ?? (/windows/i.test(i.PlatformDetails ?? '') ? 'Windows' : undefined);
    if (platform && platform !== 'Linux') reasons.push(`${platform}: the probe is a bash script`);
    const probeable = reasons.length === 0;
    if (!admitted) reasons.push(`the endpoint's security groups do not admit it on ${query.ports.join(' and ')}`);
    return {
      instanceId,
      name: i.Tags?.find((t) => t.Key === 'Name')?.Value,
      subnetId: i.SubnetId,
      privateIp,
      securityGroupIds,
      platformDetails: i.PlatformDetails,
      ssm,
      admitted,
      probeable,
      suitable: reasons.length === 0,
      reasons,
    };
  });
  return candidates.sort((a, b) => Number(b.suitable) - Number(a.suitable) || (a.name ?? a.instanceId).localeCompare(b.name ?? b.instanceId));
}
