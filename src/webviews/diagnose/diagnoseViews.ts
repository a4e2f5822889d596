// Turns the core's diagnosis shapes into what the panel shows, and says in words what applying a
// fix will change (for the confirmation, before anything is sent to AWS). Pure: no SDK, no vscode.
import type { DiagnoseCheck, Fix, FixOperation, IpPermissionSpec } from '../../diagnose/diagnoseTypes';
import type { CheckView, FixView } from '../protocol/diagnoseProtocol';

export function checkView(check: DiagnoseCheck, redact: (text: string) => string): CheckView {
  return {
    id: check.id,
    title: check.title,
    status: check.status,
    summary: redact(check.summary),
    evidence: check.evidence.map(redact),
    ...(check.fix ? { fix: fixView(check.fix, redact) } : {}),
  };
}

export function fixView(fix: Fix, redact: (text: string) => string): FixView {
  return {
    description: redact(fix.description),
    cliCommand: redact(fix.cliCommand),
    applicable: !!fix.apply && fix.apply.operations.length > 0,
    changes: fix.apply ? fix.apply.operations.map(fixChange) : [],
  };
}

/** One operation of a fix, in the future tense, naming the resource it changes. */
export function fixChange(op: FixOperation): string {
  switch (op.action) {
    case 'authorizeSecurityGroupIngress':
      return `Security group ${op.groupId}: add inbound ${op.permissions.map((p) => `${ports(p)} from ${source(p)}`).join(', ')}`;
    case 'authorizeSecurityGroupEgress':
      return `Security group ${op.groupId}: add outbound ${op.permissions.map((p) => `${ports(p)} to ${source(p)}`).join(', ')}`;
    case 'modifyVpcAttribute':
      return `VPC ${op.vpcId}: set ${op.attribute} to ${op.value}`;
    case 'enableEndpointPrivateDns':
      return `Endpoint ${op.endpointId}: turn private DNS on`;
    case 'createNetworkAclEntry':
      return `Network ACL ${op.networkAclId}: add ${op.egress ? 'outbound' : 'inbound'} rule ${op.ruleNumber} allowing TCP ${range(op.portRange.from, op.portRange.to)} ${op.egress ? 'to' : 'from'} ${op.cidrBlock}`;
  }
}

function ports(p: IpPermissionSpec): string {
  return `TCP ${range(p.fromPort, p.toPort)}`;
}

function range(from: number, to: number): string {
  return from === to ? String(from) : `${from}-${to}`;
}

function source(p: IpPermissionSpec): string {
  return p.sourceGroupId ?? p.cidr ?? 'nowhere';
}
