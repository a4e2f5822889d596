// Fix operations and their exact AWS CLI equivalents. One source for both, so what the user can
// paste and what the extension applies never drift apart. Pure: no SDK.

import type { Fix, FixOperation, IpPermissionSpec } from './diagnoseTypes';

/** Where the CLI command should act; profile and endpoint URL only when the user set them. */
export interface CliContext {
  region: string;
  profile?: string;
  endpointUrl?: string;
}

export function fixFor(context: CliContext, description: string, operations: FixOperation[]): Fix {
  return {
    description,
    cliCommand: operations.map((op) => cliCommandFor(context, op)).join('\n'),
    apply: { region: context.region, operations },
  };
}

/** A fix the extension cannot make for the user (no `apply`): only words and a command to run. */
export function adviceFor(description: string, cliCommand: string): Fix {
  return { description, cliCommand };
}

export function cliCommandFor(context: CliContext, op: FixOperation): string {
  switch (op.action) {
    case 'authorizeSecurityGroupIngress':
    case 'authorizeSecurityGroupEgress': {
      const verb = op.action === 'authorizeSecurityGroupIngress' ? 'authorize-security-group-ingress' : 'authorize-security-group-egress';
      return ec2Cli(context, verb, ['--group-id', op.groupId, '--ip-permissions', shellQuote(JSON.stringify(op.permissions.map(ipPermissionJson)))]);
    }
    case 'modifyVpcAttribute': {
      const flag = op.attribute === 'enableDnsSupport' ? '--enable-dns-support' : '--enable-dns-hostnames';
      return ec2Cli(context, 'modify-vpc-attribute', ['--vpc-id', op.vpcId, flag, shellQuote(JSON.stringify({ Value: op.value }))]);
    }
    case 'enableEndpointPrivateDns':
      return ec2Cli(context, 'modify-vpc-endpoint', ['--vpc-endpoint-id', op.endpointId, '--private-dns-enabled']);
    case 'createNetworkAclEntry':
      return ec2Cli(context, 'create-network-acl-entry', [
        '--network-acl-id',
        op.networkAclId,
        op.egress ? '--egress' : '--ingress',
        '--rule-number',
        String(op.ruleNumber),
        '--protocol',
        'tcp',
        '--port-range',
        `From=${op.portRange.from},To=${op.portRange.to}`,
        '--cidr-block',
        op.cidrBlock,
        '--rule-action',
        'allow',
      ]);
  }
}

/** The `--ip-permissions` JSON EC2 expects (the same shape the SDK sends). */
export function ipPermissionJson(p: IpPermissionSpec): Record<string, unknown> {
  const base = { IpProtocol: 'tcp', FromPort: p.fromPort, ToPort: p.toPort };
  if (p.sourceGroupId) {
    return { ...base, UserIdGroupPairs: [{ GroupId: p.sourceGroupId, ...(p.description ? { Description: p.description } : {}) }] };
  }
  return { ...base, IpRanges: [{ CidrIp: p.cidr, ...(p.description ? { Description: p.description } : {}) }] };
}

/** `aws ec2 <verb> --region …` with the user's profile and endpoint URL; args are quoted when needed. */
export function ec2Cli(context: CliContext, verb: string, args: string[]): string {
  const global = ['--region', context.region];
  if (context.profile) global.push('--profile', context.profile);
  if (context.endpointUrl) global.push('--endpoint-url', context.endpointUrl);
  return ['aws', 'ec2', verb, ...global.map(quoteIfNeeded), ...args.map((a) => (a.startsWith("'") ? a : quoteIfNeeded(a)))].join(' ');
}

function quoteIfNeeded(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : shellQuote(value);
}

/** POSIX single quotes; a quote inside becomes '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
