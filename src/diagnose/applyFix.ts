// Performs a diagnosis fix through the EC2 API, the same change as its CLI command. Runtime SDK
// import: reach this module only through coreEntry.ts. The caller asks the user first.

import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  ModifyVpcAttributeCommand,
  ModifyVpcEndpointCommand,
  type EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import type { Fix, FixOperation, IpPermissionSpec } from './diagnoseTypes';

export interface AppliedFix {
  /** One line per operation done, for the output log. */
  done: string[];
}

/**
 * Applies the fix's operations in order. Stops at the first failure and rethrows it (classify it
 * with classifyAwsError); the operations already done stay done and are listed on the error.
 * A security-group rule that already exists counts as done: the state the fix wants is there.
 */
export async function applyFix(fix: Fix, ec2: EC2Client, options: { signal?: AbortSignal } = {}): Promise<AppliedFix> {
  if (!fix.apply) {
    throw new Error('This fix is advice only: run its command or follow its description yourself.');
  }
  const clientRegion = await ec2.config.region();
  if (clientRegion !== fix.apply.region) {
    throw new Error(`This fix is for ${fix.apply.region}, but the EC2 client is for ${clientRegion}. Create the client for ${fix.apply.region}.`);
  }
  const done: string[] = [];
  for (const op of fix.apply.operations) {
    try {
      await applyOperation(op, ec2, options.signal);
      done.push(describe(op));
    } catch (error) {
      Object.defineProperty(error, 'completedOperations', { value: [...done], enumerable: false });
      throw error;
    }
  }
  return { done };
}

async function applyOperation(op: FixOperation, ec2: EC2Client, signal: AbortSignal | undefined): Promise<void> {
  const send = { abortSignal: signal };
  switch (op.action) {
    // One permission per call: EC2 refuses the whole call when any one rule already exists.
    case 'authorizeSecurityGroupIngress':
      for (const p of op.permissions) {
        await tolerateDuplicate(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: op.groupId, IpPermissions: [toIpPermission(p)] }), send));
      }
      return;
    case 'authorizeSecurityGroupEgress':
      for (const p of op.permissions) {
        await tolerateDuplicate(ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: op.groupId, IpPermissions: [toIpPermission(p)] }), send));
      }
      return;
    case 'modifyVpcAttribute':
      await ec2.send(
        new ModifyVpcAttributeCommand(
          op.attribute === 'enableDnsSupport'
            ? { VpcId: op.vpcId, EnableDnsSupport: { Value: op.value } }
            : { VpcId: op.vpcId, EnableDnsHostnames: { Value: op.value } },
        ),
        send,
      );
      return;
    case 'enableEndpointPrivateDns':
      await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: op.endpointId, PrivateDnsEnabled: true }), send);
      return;
    case 'createNetworkAclEntry':
      await ec2.send(
        new CreateNetworkAclEntryCommand({
          NetworkAclId: op.networkAclId,
          RuleNumber: op.ruleNumber,
          Egress: op.egress,
          Protocol: '6',
          PortRange: { From: op.portRange.from, To: op.portRange.to },
          CidrBlock: op.cidrBlock,
          RuleAction: 'allow',
        }),
        send,
      );
      return;
  }
}

function toIpPermission(p: IpPermissionSpec): IpPermission {
  const base = { IpProtocol: 'tcp', FromPort: p.fromPort, ToPort: p.toPort };
  return p.sourceGroupId
    ? { ...base, UserIdGroupPairs: [{ GroupId: p.sourceGroupId, ...(p.description ? { Description: p.description } : {}) }] }
    : { ...base, IpRanges: [{ CidrIp: p.cidr, ...(p.description ? { Description: p.description } : {}) }] };
}

async function tolerateDuplicate(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if ((error as { name?: string } | undefined)?.name !== 'InvalidPermission.Duplicate') throw error;
  }
}

function describe(op: FixOperation): string {
  switch (op.action) {
    case 'authorizeSecurityGroupIngress':
      return `${op.groupId}: allowed inbound ${op.permissions.map((p) => `tcp ${p.fromPort} from ${p.sourceGroupId ?? p.cidr}`).join(', ')}`;
    case 'authorizeSecurityGroupEgress':
      return `${op.groupId}: allowed outbound ${op.permissions.map((p) => `tcp ${p.fromPort} to ${p.sourceGroupId ?? p.cidr}`).join(', ')}`;
    case 'modifyVpcAttribute':
      return `${op.vpcId}: ${op.attribute} set to ${op.value}`;
    case 'enableEndpointPrivateDns':
      return `${op.endpointId}: private DNS on`;
    case 'createNetworkAclEntry':
      return `${op.networkAclId}: rule ${op.ruleNumber} allow ${op.egress ? 'outbound' : 'inbound'} tcp ${op.portRange.from}-${op.portRange.to} ${op.egress ? 'to' : 'from'} ${op.cidrBlock}`;
  }
}
