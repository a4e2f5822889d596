// Security group and network ACL rule inputs: protocol names, port ranges and CIDRs,
// validated with the error codes EC2 uses, and normalized to one stored form.
import { isIpv6Cidr, parseCidr } from './cidr';
import { randomId } from './ids';
import type { SgRuleRec } from './model';
import { Ec2Error, type QueryParams } from './queryProtocol';

const SG_PROTOCOL_NAMES: Record<string, string> = {
  '-1': '-1',
  all: '-1',
  tcp: 'tcp',
  '6': 'tcp',
  udp: 'udp',
  '17': 'udp',
  icmp: 'icmp',
  '1': 'icmp',
  icmpv6: 'icmpv6',
  '58': 'icmpv6',
};

/** Security group protocols are stored as EC2 shows them: "tcp", "udp", "icmp", "-1" or a number. */
export function normalizeSgProtocol(raw: string | undefined): string {
  if (raw === undefined || raw === '') throw new Ec2Error('MissingParameter', 'The request must contain the parameter ipProtocol');
  const lower = raw.toLowerCase();
  if (lower in SG_PROTOCOL_NAMES) return SG_PROTOCOL_NAMES[lower];
  if (/^\d+$/.test(lower) && Number(lower) <= 255) return String(Number(lower));
  throw new Ec2Error('InvalidParameterValue', `Invalid value '${raw}' for IP protocol. Unknown protocol.`);
}

/** Network ACL protocols are stored as numbers ("-1", "6", "17", "1"). */
export function normalizeNaclProtocol(raw: string | undefined): string {
  if (raw === undefined || raw === '') throw new Ec2Error('MissingParameter', 'The request must contain the parameter protocol');
  const names: Record<string, string> = { all: '-1', '-1': '-1', tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };
  const lower = raw.toLowerCase();
  if (lower in names) return names[lower];
  if (/^\d+$/.test(lower) && Number(lower) <= 255) return String(Number(lower));
  throw new Ec2Error('InvalidParameterValue', `Invalid value '${raw}' for protocol. Unknown protocol.`);
}

export function validatePortRange(protocol: 'tcp' | 'udp', from: number | undefined, to: number | undefined, field = 'portRange'): void {
  if (from === undefined || to === undefined) {
    throw new Ec2Error('InvalidParameterValue', `Invalid value for ${field}. Must specify both from and to ports with TCP/UDP.`);
  }
  if (from < 0 || from > 65535 || to < 0 || to > 65535) {
    throw new Ec2Error('InvalidParameterValue', `Invalid value for ${field}. Ports must be between 0 and 65535 (got ${from}-${to}).`);
  }
  if (from > to) {
    throw new Ec2Error('InvalidParameterValue', `Invalid ${protocol.toUpperCase()} port range: from port ${from} is greater than to port ${to}.`);
  }
}

export function validateIpv4Cidr(text: string, field: string): string {
  if (!parseCidr(text)) {
    throw new Ec2Error('InvalidParameterValue', `Value (${text}) for parameter ${field} is invalid. This is not a valid CIDR block.`);
  }
  return text.trim();
}

function portsFor(protocol: string, from: number | undefined, to: number | undefined): [number, number] {
  if (protocol === 'tcp' || protocol === 'udp') {
    validatePortRange(protocol, from, to);
    return [from as number, to as number];
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const type = from ?? -1;
    const code = to ?? -1;
    if (type < -1 || type > 255 || code < -1 || code > 255) {
      throw new Ec2Error('InvalidParameterValue', `Invalid value for ICMP type/code: ${type}/${code}.`);
    }
    return [type, code];
  }
  return [-1, -1];
}

export interface GroupResolver {
  /** Resolves a referenced group (id, or name in the same VPC) to its id, throwing InvalidGroup.NotFound. */
  (ref: { groupId?: string; groupName?: string }): string;
}

/** Rules (one per source) from `IpPermissions.N.*`, or from the legacy top-level fields. */
export function parseIpPermissions(params: QueryParams, egress: boolean, resolveGroup: GroupResolver): SgRuleRec[] {
  const rules: SgRuleRec[] = [];
  const perms = params.structs('IpPermissions');
  if (perms.length === 0 && (params.has('IpProtocol') || params.has('CidrIp') || params.has('SourceSecurityGroupName'))) {
    const protocol = normalizeSgProtocol(params.get('IpProtocol') ?? '-1');
    const [fromPort, toPort] = portsFor(protocol, params.int('FromPort'), params.int('ToPort'));
    const cidr = params.get('CidrIp');
    if (cidr !== undefined) rules.push(rule(egress, protocol, fromPort, toPort, { cidrIpv4: validateIpv4Cidr(cidr, 'cidrIp') }));
    const source = params.get('SourceSecurityGroupName');
    if (source !== undefined) rules.push(rule(egress, protocol, fromPort, toPort, { referencedGroupId: resolveGroup({ groupName: source }) }));
    return rules;
  }
  for (const perm of perms) {
    const protocol = normalizeSgProtocol(perm.get('IpProtocol'));
    const [fromPort, toPort] = portsFor(protocol, perm.int('FromPort'), perm.int('ToPort'));
    for (const range of perm.structs('IpRanges')) {
      rules.push(rule(egress, protocol, fromPort, toPort, { cidrIpv4: validateIpv4Cidr(range.required('CidrIp'), 'cidrIp'), description: range.get('Description') }));
    }
    for (const range of perm.structs('Ipv6Ranges')) {
      const cidr = range.required('CidrIpv6');
      if (!isIpv6Cidr(cidr)) throw new Ec2Error('InvalidParameterValue', `Value (${cidr}) for parameter cidrIpv6 is invalid. This is not a valid IPv6 CIDR block.`);
      rules.push(rule(egress, protocol, fromPort, toPort, { cidrIpv6: cidr, description: range.get('Description') }));
    }
    for (const pair of perm.structs('Groups')) {
      const groupId = resolveGroup({ groupId: pair.get('GroupId'), groupName: pair.get('GroupName') });
      rules.push(rule(egress, protocol, fromPort, toPort, { referencedGroupId: groupId, description: pair.get('Description') }));
    }
    for (const list of perm.structs('PrefixListIds')) {
      rules.push(rule(egress, protocol, fromPort, toPort, { prefixListId: list.required('PrefixListId'), description: list.get('Description') }));
    }
  }
  if (rules.length === 0) {
    throw new Ec2Error('MissingParameter', 'No IP permissions given: specify a source (IpRanges, Ipv6Ranges, UserIdGroupPairs or PrefixListIds) for each permission.');
  }
  return rules;
}

function rule(egress: boolean, ipProtocol: string, fromPort: number, toPort: number, source: Partial<SgRuleRec>): SgRuleRec {
  return { ruleId: randomId('sgr'), egress, ipProtocol, fromPort, toPort, tags: new Map(), ...source };
}

/** How EC2 describes a rule in InvalidPermission messages. */
export function describeRule(r: SgRuleRec): string {
  const peer = r.cidrIpv4 ?? r.cidrIpv6 ?? r.referencedGroupId ?? r.prefixListId ?? '';
  const proto = r.ipProtocol === '-1' ? 'ALL' : r.ipProtocol.toUpperCase();
  return `peer: ${peer}, ${proto}, from port: ${r.fromPort}, to port: ${r.toPort}, ALLOW`;
}
