// Whether security groups let TCP connections through to a port: inbound on the endpoint's
// groups from the client, outbound on the client's groups to the endpoint. Security groups only
// allow (no deny, no order), their rules add up across all groups on an interface, and they are
// stateful, so replies need no rule of their own.

import type { SecurityGroupRule, SecurityGroupSummary } from '../aws/types';
import { parseCidr, rangesCover, rangesOverlap, type Ipv4Range } from './cidr';
import { formatPorts, isAllProtocol } from './naclEvaluator';

/**
 * Where the application runs. Read as one population of clients: each is a member of every listed
 * security group, and their addresses lie somewhere in the listed CIDRs (so every CIDR must be let in).
 */
export interface ClientLocation {
  securityGroupIds?: string[];
  cidrs?: string[];
  subnetIds?: string[];
}

export interface SecurityGroupMatch {
  groupId: string;
  rule: SecurityGroupRule;
  /** `group`: the rule names a group the client is in. `cidr`: the rule's CIDR holds client addresses. */
  via: 'group' | 'cidr';
  /** The group id or CIDR of the rule that matched. */
  source: string;
}

export interface SecurityGroupPortVerdict {
  port: number;
  /**
   * `partial`: some client CIDRs (or parts) are let in, others not. `unknown`: only rules this
   * evaluator cannot judge (prefix lists, or CIDR rules when the client's address is not given).
   */
  outcome: 'allowed' | 'denied' | 'partial' | 'unknown';
  matches: SecurityGroupMatch[];
  /** Client CIDRs not wholly let in by a CIDR rule (when no group rule lets the client in). */
  uncoveredCidrs: string[];
  /** Things seen but not evaluated, in words. */
  notes: string[];
}

/** Inbound on the endpoint's groups, from the client. */
export function evaluateSecurityGroupsInbound(
  groups: readonly SecurityGroupSummary[],
  client: ClientLocation,
  port: number,
): SecurityGroupPortVerdict {
  return evaluateSecurityGroups(groups, 'ingress', client, port, 'client CIDR');
}

/**
 * Rules of one direction of `groups` for traffic to or from `peer` (its groups and addresses):
 * for ingress the peer is the source, for egress the destination.
 */
export function evaluateSecurityGroups(
  groups: readonly SecurityGroupSummary[],
  direction: 'ingress' | 'egress',
  peer: Pick<ClientLocation, 'securityGroupIds' | 'cidrs'>,
  port: number,
  peerField = 'peer CIDR',
): SecurityGroupPortVerdict {
  const peerGroups = new Set(peer.securityGroupIds ?? []);
  const peerRanges = (peer.cidrs ?? []).map((text) => {
    const range = parseCidr(text);
    if (!range) {
      throw new Error(`${peerField}: "${text}" is not an IPv4 address or CIDR block. Use a form such as 10.0.1.25 or 10.0.0.0/16.`);
    }
    return { text, range };
  });

  const matches: SecurityGroupMatch[] = [];
  const notes: string[] = [];
  const cidrRules: { groupId: string; rule: SecurityGroupRule; cidr: string; range: Ipv4Range }[] = [];
  for (const group of groups) {
    for (const rule of direction === 'ingress' ? group.ingress : group.egress) {
      if (!ruleCoversTcpPort(rule, port)) {
        continue;
      }
      for (const referenced of rule.referencedGroupIds) {
        if (peerGroups.has(referenced)) {
          matches.push({ groupId: group.id, rule, via: 'group', source: referenced });
        }
      }
      for (const cidr of rule.cidrs) {
        const range = parseCidr(cidr);
        if (range) {
          cidrRules.push({ groupId: group.id, rule, cidr, range });
        }
      }
      for (const prefixList of rule.prefixListIds) {
        notes.push(`${group.id} allows ${formatPorts({ from: port, to: port })} ${direction === 'ingress' ? 'from' : 'to'} prefix list ${prefixList}; prefix lists are not evaluated here.`);
      }
    }
  }

  const uncoveredCidrs: string[] = [];
  let partlyCovered = false;
  for (const { text, range } of peerRanges) {
    const overlapping = cidrRules.filter((r) => rangesOverlap(r.range, range));
    for (const r of overlapping) {
      matches.push({ groupId: r.groupId, rule: r.rule, via: 'cidr', source: r.cidr });
    }
    if (!rangesCover(overlapping.map((r) => r.range), range)) {
      uncoveredCidrs.push(text);
      partlyCovered ||= overlapping.length > 0;
    }
  }

  const viaGroup = matches.some((m) => m.via === 'group');
  let outcome: SecurityGroupPortVerdict['outcome'];
  if (viaGroup || (peerRanges.length > 0 && uncoveredCidrs.length === 0)) {
    outcome = 'allowed';
  } else if (peerRanges.length > 0 && (partlyCovered || uncoveredCidrs.length < peerRanges.length)) {
    outcome = 'partial';
  } else if (notes.length > 0) {
    outcome = 'unknown';
  } else if (peerRanges.length === 0 && cidrRules.length > 0) {
    notes.push(
      `Rules allow ${formatPorts({ from: port, to: port })} ${direction === 'ingress' ? 'from' : 'to'} ${cidrRules.map((r) => r.cidr).join(', ')}; give the client's address or CIDR to know whether it is among them.`,
    );
    outcome = 'unknown';
  } else {
    outcome = 'denied';
  }
  return { port, outcome, matches, uncoveredCidrs: viaGroup ? [] : uncoveredCidrs, notes };
}

function ruleCoversTcpPort(rule: SecurityGroupRule, port: number): boolean {
  if (isAllProtocol(rule.protocol)) {
    return true;
  }
  return (rule.protocol === 'tcp' || rule.protocol === '6') && rule.fromPort <= port && port <= rule.toPort;
}

/** One-line description for evidence, e.g. `sg-0ab…: tcp port 5432 from sg-0cd…`. */
export function describeSecurityGroupRule(groupId: string, rule: SecurityGroupRule, direction: 'ingress' | 'egress' = 'ingress'): string {
  const all = isAllProtocol(rule.protocol);
  const what = all ? 'all traffic' : `${rule.protocol} ${formatPorts({ from: rule.fromPort, to: rule.toPort })}`;
  const sources = [...rule.referencedGroupIds, ...rule.cidrs, ...rule.ipv6Cidrs, ...rule.prefixListIds];
  return `${groupId}: ${what} ${direction === 'ingress' ? 'from' : 'to'} ${sources.length ? sources.join(', ') : 'nowhere'}`;
}
