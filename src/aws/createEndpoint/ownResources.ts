// Finding what this extension created for a form, by the form's request tag: a re-submit reuses it,
// and after a lost reply (the create happened at AWS, but no attempt got the answer) undo finds it
// to remove it, or says how to find it.
import type { EC2Client } from '@aws-sdk/client-ec2';
import { listInterfaceEndpoints, listSecurityGroups } from '../ec2Queries';
import type { SecurityGroupSummary } from '../types';
import { shellQuote } from './cliCommands';
import { TAG_REQUEST } from './resourceTags';

/** A group this extension created for the same form (same name, our request tag). */
export async function findOurSecurityGroup(ec2: EC2Client, vpcId: string, groupName: string, fingerprint: string): Promise<SecurityGroupSummary | undefined> {
  const groups = await listSecurityGroups(ec2, vpcId);
  return groups.find((g) => g.name === groupName && g.tags[TAG_REQUEST] === fingerprint);
}

/** Ids of live endpoints this form created (by the request tag). */
export async function findOurEndpoints(ec2: EC2Client, vpcId: string, serviceName: string, fingerprint: string): Promise<string[]> {
  const endpoints = await listInterfaceEndpoints(ec2, { filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'service-name', Values: [serviceName] }] });
  return endpoints.filter((e) => e.tags[TAG_REQUEST] === fingerprint && e.state !== 'deleting' && e.state !== 'deleted').map((e) => e.id);
}

/**
 * True when a failed mutating call may still have happened at AWS: no HTTP answer reached us
 * (connection reset, timeout) or AWS answered with an internal error. A 4xx answer means it did not.
 */
export function isOutcomeUnknown(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (e.name === 'AbortError') return false;
  const status = e.$metadata?.httpStatusCode;
  return typeof status !== 'number' || status === 500;
}

/** The AWS CLI command that lists resources of this form, for when the lookup itself failed. */
export function findByRequestTagCli(region: string, kind: 'securityGroup' | 'vpcEndpoint', fingerprint: string): string {
  const filter = shellQuote(`Name=tag:${TAG_REQUEST},Values=${fingerprint}`);
  return kind === 'securityGroup'
    ? `aws ec2 describe-security-groups --region ${shellQuote(region)} --filters ${filter} --query 'SecurityGroups[].GroupId' --output text`
    : `aws ec2 describe-vpc-endpoints --region ${shellQuote(region)} --filters ${filter} --query 'VpcEndpoints[].VpcEndpointId' --output text`;
}

export type OwnResourceKind = 'securityGroup' | 'vpcEndpoint';

/** Where to look for a resource whose create reply was lost. */
export interface LostCreate {
  kind: OwnResourceKind;
  region: string;
  vpcId: string;
  serviceName: string;
  groupName?: string;
  fingerprint: string;
}

/**
 * Looks for the resource a create with a lost reply may have made: `found` when it exists (undo
 * removes it), `absent` when it does not, or `unknown` with the command to look for it by hand.
 */
export async function findLostCreate(
  ec2: EC2Client,
  lost: LostCreate,
): Promise<{ outcome: 'found'; id: string } | { outcome: 'absent' } | { outcome: 'unknown'; findCommand: string; error: unknown }> {
  try {
    if (lost.kind === 'securityGroup') {
      const group = await findOurSecurityGroup(ec2, lost.vpcId, lost.groupName ?? '', lost.fingerprint);
      return group ? { outcome: 'found', id: group.id } : { outcome: 'absent' };
    }
    const [id] = await findOurEndpoints(ec2, lost.vpcId, lost.serviceName, lost.fingerprint);
    return id ? { outcome: 'found', id } : { outcome: 'absent' };
  } catch (error) {
    return { outcome: 'unknown', findCommand: findByRequestTagCli(lost.region, lost.kind, lost.fingerprint), error };
  }
}
