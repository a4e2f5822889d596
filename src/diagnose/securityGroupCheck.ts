// Check 3: the endpoint's security groups let the client in on 5432 and 6432, and the client's
// own groups (when known) let it out to the endpoint.

import type { InterfaceEndpoint, NetworkInterfaceSummary, SecurityGroupSummary } from '../aws/types';
import { ingressRuleDescription } from '../aws/createEndpoint/endpointRequest';
import { POSTGRES_PORTS, type DiagnoseCheck, type FixOperation, type IpPermissionSpec } from './diagnoseTypes';
import { fixFor, type CliContext } from './fixCommands';
import { describeSecurityGroupRule, evaluateSecurityGroups, type SecurityGroupPortVerdict } from './securityGroupEvaluator';

const TITLE = 'Security groups (ports 5432 and 6432)';
/** The group name the create flow (and PlanetScale's AWS PrivateLink guide) uses for the endpoint. */
const ENDPOINT_GROUP_NAME = 'PScalePrivateLinkEndpointSG';

export interface SecurityGroupCheckInput {
  endpoint: InterfaceEndpoint;
  endpointGroups: SecurityGroupSummary[];
  interfaces: NetworkInterfaceSummary[];
  clientGroupIds: string[];
  /** Details of the client's groups (for their outbound rules); may be fewer than the ids. */
  clientGroups: SecurityGroupSummary[];
  /** The client's addresses: given, or the CIDRs of its subnets. */
  clientCidrs: string[];
}

export interface SecurityGroupCheckOutcome {
  check: DiagnoseCheck;
  /** Ports the rules are expected to block for this client, to explain failed connections. */
  blockedPorts: number[];
}

export function checkSecurityGroups(input: SecurityGroupCheckInput, cli: CliContext): SecurityGroupCheckOutcome {
  const blockedPorts: number[] = [];
  const check = evaluateGroups(input, cli, blockedPorts);
  return { check, blockedPorts };
}

function evaluateGroups(input: SecurityGroupCheckInput, cli: CliContext, blockedPorts: number[]): DiagnoseCheck {
  const { endpoint, endpointGroups, clientGroupIds, clientCidrs } = input;
  const base = { id: 'securityGroups' as const, title: TITLE };
  if (clientGroupIds.length === 0 && clientCidrs.length === 0) {
    return {
      ...base,
      status: 'skipped',
      summary: 'Say where the client runs (its security groups, CIDRs or subnets) to check the security groups.',
      evidence: [`endpoint groups: ${endpoint.securityGroupIds.join(', ') || 'none'}`],
    };
  }
  const evidence: string[] = [`client: ${[...clientGroupIds, ...clientCidrs].join(', ')}`];
  const missingGroups = endpoint.securityGroupIds.filter((id) => !endpointGroups.some((g) => g.id === id));
  if (missingGroups.length) {
    evidence.push(`endpoint groups not found: ${missingGroups.join(', ')}`);
  }

  const client = { securityGroupIds: clientGroupIds, cidrs: clientCidrs };
  const interfaceIps = input.interfaces.map((i) => i.privateIpAddress).filter((ip): ip is string => !!ip);
  const destination = { securityGroupIds: endpoint.securityGroupIds, cidrs: interfaceIps };
  const checkOutbound = input.clientGroups.length > 0 && interfaceIps.length > 0;

  const inboundBlocked: SecurityGroupPortVerdict[] = [];
  const outboundBlocked: SecurityGroupPortVerdict[] = [];
  const unknown: string[] = [];
  for (const port of POSTGRES_PORTS) {
    const inbound = evaluateSecurityGroups(endpointGroups, 'ingress', client, port, 'client CIDR');
    evidence.push(verdictLine(`inbound tcp ${port} on ${endpoint.securityGroupIds.join(', ')}`, inbound, 'ingress'));
    if (inbound.outcome === 'denied' || inbound.outcome === 'partial') inboundBlocked.push(inbound);
    if (inbound.outcome === 'unknown') unknown.push(...inbound.notes);
    if (checkOutbound) {
      const outbound = evaluateSecurityGroups(input.clientGroups, 'egress', destination, port, 'endpoint IP');
      evidence.push(verdictLine(`outbound tcp ${port} on ${input.clientGroups.map((g) => g.id).join(', ')}`, outbound, 'egress'));
      if (outbound.outcome === 'denied' || outbound.outcome === 'partial') outboundBlocked.push(outbound);
      if (outbound.outcome === 'unknown') unknown.push(...outbound.notes);
    }
  }

  blockedPorts.push(...new Set([...inboundBlocked, ...outboundBlocked].map((v) => v.port)));
  if (inboundBlocked.length || outboundBlocked.length) {
    const operations: FixOperation[] = [];
    const target = pickEndpointGroup(endpointGroups, endpoint.securityGroupIds);
    if (inboundBlocked.length && target) {
      const permissions: IpPermissionSpec[] = inboundBlocked.flatMap((v): IpPermissionSpec[] =>
        clientGroupIds.length
          ? [{ fromPort: v.port, toPort: v.port, sourceGroupId: clientGroupIds[0], description: ingressRuleDescription(v.port) }]
          : (v.uncoveredCidrs.length ? v.uncoveredCidrs : clientCidrs).map((cidr) => ({ fromPort: v.port, toPort: v.port, cidr, description: ingressRuleDescription(v.port) })),
      );
      operations.push({ action: 'authorizeSecurityGroupIngress', groupId: target, permissions });
    }
    if (outboundBlocked.length && target) {
      operations.push({
        action: 'authorizeSecurityGroupEgress',
        groupId: input.clientGroups[0].id,
        permissions: outboundBlocked.map((v) => ({ fromPort: v.port, toPort: v.port, sourceGroupId: target })),
      });
    }
    const parts = [
      ...inboundBlocked.map((v) => `inbound tcp ${v.port} from the client${v.outcome === 'partial' ? ' (only partly)' : ''}`),
      ...outboundBlocked.map((v) => `outbound tcp ${v.port} from the client's group to the endpoint`),
    ];
    return {
      ...base,
      status: 'fail',
      summary: `No security group rule allows ${parts.join(' or ')}.`,
      evidence,
      ...(operations.length
        ? { fix: fixFor(cli, describeFix(operations), operations) }
        : {}),
    };
  }
  if (unknown.length) {
    return { ...base, status: 'warn', summary: 'Some rules could not be judged for this client.', evidence: [...evidence, ...unknown] };
  }
  return { ...base, status: 'pass', summary: 'The security groups allow tcp 5432 and 6432 from the client.', evidence };
}

function verdictLine(what: string, verdict: SecurityGroupPortVerdict, direction: 'ingress' | 'egress'): string {
  const rules = [...new Set(verdict.matches.map((m) => describeSecurityGroupRule(m.groupId, m.rule, direction)))];
  const outcome = verdict.outcome === 'allowed' ? 'allowed' : verdict.outcome === 'partial' ? `partly allowed (not ${verdict.uncoveredCidrs.join(', ')})` : verdict.outcome === 'denied' ? 'no matching rule' : 'undetermined';
  return `${what}: ${outcome}${rules.length ? ` by ${rules.join('; ')}` : ''}`;
}

/** The group to add rules to: the one made for the endpoint when recognisable, else the first. */
function pickEndpointGroup(groups: SecurityGroupSummary[], ids: string[]): string | undefined {
  const own = groups.find((g) => g.name === ENDPOINT_GROUP_NAME || g.tags['planetscale-privatelink:created-by'] === 'vscode-extension');
  return own?.id ?? ids[0];
}

function describeFix(operations: FixOperation[]): string {
  return operations
    .map((op) => {
      if (op.action === 'authorizeSecurityGroupIngress') {
        return `Allow inbound ${op.permissions.map((p) => `tcp ${p.fromPort} from ${p.sourceGroupId ?? p.cidr}`).join(', ')} on ${op.groupId}.`;
      }
      if (op.action === 'authorizeSecurityGroupEgress') {
        return `Allow outbound ${op.permissions.map((p) => `tcp ${p.fromPort} to ${p.sourceGroupId ?? p.cidr}`).join(', ')} on ${op.groupId}.`;
      }
      return '';
    })
    .join(' ');
}
