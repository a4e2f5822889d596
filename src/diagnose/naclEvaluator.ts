// Network ACL evaluation with AWS's semantics: per direction, entries in rule-number order, the
// lowest-numbered matching entry decides, and the final `*` entry denies whatever is left.
// The peer may be a whole CIDR and the ports a range (the ephemeral return ports), so different
// parts of the traffic can be decided by different entries; every part is reported.

import type { NetworkAclEntry } from '../aws/types';
import { formatCidr, formatIpv4, parseCidr } from './cidr';

export type Direction = 'ingress' | 'egress';

export interface PortRange {
  from: number;
  to: number;
}

/** TCP traffic crossing the ACL, seen from the subnet the ACL guards. */
export interface NaclTraffic {
  direction: Direction;
  /** The other side: the source for ingress, the destination for egress (address or CIDR). */
  peer: string;
  ports: PortRange;
}

export interface NaclDecision {
  entry: NetworkAclEntry;
  /** True for the `*` rule when the entries given did not include it. */
  implicit: boolean;
  /** The part of the peer and ports this entry decided. */
  peer: string;
  ports: PortRange;
}

export interface NaclVerdict {
  /** `partial`: some of the traffic is allowed and some denied. */
  outcome: 'allow' | 'deny' | 'partial';
  /** In rule-number order. */
  decisions: NaclDecision[];
  /** The entry to show first: the one that denies (the one to fix) or, when all is allowed, the one that allows. */
  deciding: NaclDecision;
}

/** The `*` rule's number as DescribeNetworkAcls reports it. */
export const DEFAULT_RULE_NUMBER = 32767;

const ALL_PORTS: PortRange = { from: 0, to: 65535 };

interface Box {
  aFirst: number;
  aLast: number;
  pFrom: number;
  pTo: number;
}

export function evaluateNacl(entries: readonly NetworkAclEntry[], traffic: NaclTraffic): NaclVerdict {
  const peer = parseCidr(traffic.peer);
  if (!peer) {
    throw new Error(`peer: "${traffic.peer}" is not an IPv4 address or CIDR block.`);
  }
  const egress = traffic.direction === 'egress';
  const ordered = entries
    .filter((e) => e.egress === egress && e.cidrBlock !== undefined && parseCidr(e.cidrBlock) !== undefined)
    .slice()
    .sort((a, b) => a.ruleNumber - b.ruleNumber);

  let remaining: Box[] = [{ aFirst: peer.first, aLast: peer.last, pFrom: traffic.ports.from, pTo: traffic.ports.to }];
  const decisions: NaclDecision[] = [];
  for (const entry of ordered) {
    if (remaining.length === 0) {
      break;
    }
    if (!matchesTcp(entry.protocol)) {
      continue;
    }
    const range = parseCidr(entry.cidrBlock as string)!;
    const ports = entry.portRange && !isAllProtocol(entry.protocol) ? entry.portRange : ALL_PORTS;
    const ruleBox: Box = { aFirst: range.first, aLast: range.last, pFrom: ports.from, pTo: ports.to };
    const next: Box[] = [];
    for (const box of remaining) {
      const hit = intersect(box, ruleBox);
      if (!hit) {
        next.push(box);
        continue;
      }
      decisions.push({ entry, implicit: false, peer: describeAddresses(hit), ports: { from: hit.pFrom, to: hit.pTo } });
      next.push(...subtract(box, hit));
    }
    remaining = next;
  }
  for (const box of remaining) {
    decisions.push({ entry: defaultDenyEntry(egress), implicit: true, peer: describeAddresses(box), ports: { from: box.pFrom, to: box.pTo } });
  }

  const allows = decisions.filter((d) => d.entry.action === 'allow');
  const denies = decisions.filter((d) => d.entry.action !== 'allow');
  const outcome = denies.length === 0 ? 'allow' : allows.length === 0 ? 'deny' : 'partial';
  return { outcome, decisions, deciding: denies[0] ?? allows[0] };
}

/** The first (lowest-numbered) entry that denies some of the traffic, if any. */
export function firstDenyingRuleNumber(verdict: NaclVerdict): number | undefined {
  const deny = verdict.decisions.find((d) => d.entry.action !== 'allow');
  return deny?.entry.ruleNumber;
}

/**
 * A rule number for a new allow entry that will be evaluated before `beforeRule`: the highest
 * free number below it, or, before the `*` rule, the next multiple of 10 after the highest used
 * number, at least 100 (so the new entry sits after the user's own rules). Undefined when no number is free.
 */
export function freeRuleNumber(entries: readonly NetworkAclEntry[], direction: Direction, beforeRule: number): number | undefined {
  const used = new Set(entries.filter((e) => e.egress === (direction === 'egress')).map((e) => e.ruleNumber));
  if (beforeRule >= DEFAULT_RULE_NUMBER) {
    const highest = Math.max(0, ...[...used].filter((n) => n < DEFAULT_RULE_NUMBER));
    const candidate = Math.max(100, (Math.floor(highest / 10) + 1) * 10);
    if (candidate < DEFAULT_RULE_NUMBER && !used.has(candidate)) {
      return candidate;
    }
  }
  for (let n = Math.min(beforeRule, DEFAULT_RULE_NUMBER) - 1; n >= 1; n--) {
    if (!used.has(n)) {
      return n;
    }
  }
  return undefined;
}

/** One-line description of an entry for evidence, e.g. `rule 90 deny tcp 5432 from 0.0.0.0/0`. */
export function describeNaclEntry(entry: NetworkAclEntry): string {
  const number = entry.ruleNumber >= DEFAULT_RULE_NUMBER ? '*' : String(entry.ruleNumber);
  const all = isAllProtocol(entry.protocol);
  const protocol = all ? 'all traffic' : protocolLabel(entry.protocol);
  const ports = all || !entry.portRange ? '' : ` ${formatPorts(entry.portRange)}`;
  const peer = entry.cidrBlock ?? entry.ipv6CidrBlock ?? '?';
  return `rule ${number} ${entry.action} ${protocol}${ports} ${entry.egress ? 'to' : 'from'} ${peer}`;
}

export function formatPorts(ports: PortRange): string {
  if (ports.from === 0 && ports.to === 65535) {
    return 'all ports';
  }
  return ports.from === ports.to ? `port ${ports.from}` : `ports ${ports.from}-${ports.to}`;
}

export function isAllProtocol(protocol: string): boolean {
  return protocol === '-1' || protocol === 'all';
}

function matchesTcp(protocol: string): boolean {
  return isAllProtocol(protocol) || protocol === 'tcp' || protocol === '6';
}

function protocolLabel(protocol: string): string {
  return protocol === '6' ? 'tcp' : protocol === '17' ? 'udp' : protocol;
}

function defaultDenyEntry(egress: boolean): NetworkAclEntry {
  return { ruleNumber: DEFAULT_RULE_NUMBER, egress, protocol: 'all', cidrBlock: '0.0.0.0/0', action: 'deny' };
}

function intersect(a: Box, b: Box): Box | undefined {
  const box = {
    aFirst: Math.max(a.aFirst, b.aFirst),
    aLast: Math.min(a.aLast, b.aLast),
    pFrom: Math.max(a.pFrom, b.pFrom),
    pTo: Math.min(a.pTo, b.pTo),
  };
  return box.aFirst <= box.aLast && box.pFrom <= box.pTo ? box : undefined;
}

/** `box` minus `hole` (which lies inside it), as up to four boxes. */
function subtract(box: Box, hole: Box): Box[] {
  const out: Box[] = [];
  if (box.aFirst < hole.aFirst) out.push({ ...box, aLast: hole.aFirst - 1 });
  if (hole.aLast < box.aLast) out.push({ ...box, aFirst: hole.aLast + 1 });
  const middle = { ...box, aFirst: hole.aFirst, aLast: hole.aLast };
  if (box.pFrom < hole.pFrom) out.push({ ...middle, pTo: hole.pFrom - 1 });
  if (hole.pTo < box.pTo) out.push({ ...middle, pFrom: hole.pTo + 1 });
  return out;
}

function describeAddresses(box: Box): string {
  const size = box.aLast - box.aFirst + 1;
  const prefix = 32 - Math.log2(size);
  if (Number.isInteger(prefix) && box.aFirst % size === 0) {
    return formatCidr({ first: box.aFirst, last: box.aLast, prefix });
  }
  return `${formatIpv4(box.aFirst)}-${formatIpv4(box.aLast)}`;
}
