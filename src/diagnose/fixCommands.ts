// Fix operations and their exact AWS CLI equivalents. One source for both, so what the user can
// paste and what the extension applies never drift apart. Pure: no SDK.

import { shellCommand, shellQuote } from '../aws/shellQuote';
import type { Fix, FixOperation, IpPermissionSpec } from './diagnoseTypes';

export { shellQuote };

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
      return ec2Cli(context, verb, ['--group-id', op.groupId, '--ip-permissions', JSON.stringify(op.permissions.map(ipPermissionJson))]);
    }
    case 'modifyVpcAttribute': {
      const flag = op.attribute === 'enableDnsSupport' ? '--enable-dns-support' : '--enable-dns-hostnames';
      return ec2Cli(context, 'modify-vpc-attribute', ['--vpc-id', op.vpcId, flag, JSON.stringify({ Value: op.value })]);
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

/** `aws ec2 <verb> --region …` with the user's profile and endpoint URL; every word is quoted as needed. */
export function ec2Cli(context: CliContext, verb: string, args: string[]): string {
  const global = ['--region', context.region];
  if (context.profile) global.push('--profile', context.profile);
  if (context.endpointUrl) global.push('--endpoint-url', context.endpointUrl);
  return shellCommand(['aws', 'ec2', verb, ...global, ...args]);
}

/** The Route 53 private zones associated with a VPC (Route 53 is global: no EC2 endpoint URL). */
export function hostedZonesByVpcCli(context: CliContext, vpcId: string): string {
  return shellCommand(['aws', 'route53', 'list-hosted-zones-by-vpc', '--vpc-id', vpcId, '--vpc-region', context.region, ...(context.profile ? ['--profile', context.profile] : [])]);
}
