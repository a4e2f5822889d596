// Where the application that connects to the database runs, as the user said it once per VPC:
// its security groups, CIDR ranges, or this machine's own addresses. Pure: parsing, the
// machine's addresses from os.networkInterfaces() output, and what the runner is given.
import type { NetworkInterfaceInfo } from 'node:os';
import { cidrProblem, formatCidr, parseCidr } from './cidr';
import type { ClientLocationInput } from './diagnoseTypes';

export type ClientLocationKind = 'securityGroups' | 'cidrs' | 'thisMachine';

/** What is remembered per VPC (workspace state). Names are only for display. */
export interface ClientLocation {
  kind: ClientLocationKind;
  securityGroups?: Array<{ id: string; name?: string }>;
  /** For `cidrs`; for `thisMachine` the addresses are read again on every run. */
  cidrs?: string[];
}

export function clientLocationKey(region: string, vpcId: string): string {
  return `${region}/${vpcId}`;
}

/**
 * Parses a comma- or space-separated list of CIDRs or addresses (a bare address means /32).
 * The error names the entry and the form expected.
 */
export function parseCidrList(text: string): { cidrs: string[] } | { error: string } {
  const items = text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  if (!items.length) return { error: 'Enter at least one CIDR block or address, e.g. 10.0.1.0/24 or 10.0.1.25.' };
  const cidrs: string[] = [];
  for (const item of items) {
    const problem = cidrProblem('Client CIDR', item);
    if (problem) return { error: problem };
    const normalised = formatCidr(parseCidr(item)!);
    if (!cidrs.includes(normalised)) cidrs.push(normalised);
  }
  if (cidrs.length > 20) return { error: `Client CIDR: ${cidrs.length} entries; give at most 20 (use wider blocks).` };
  return { cidrs };
}

/** This machine's IPv4 addresses as /32 blocks; loopback and link-local are left out (no VPC rule sees them). */
export function machineCidrs(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const found = new Set<string>();
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal || info.address.startsWith('169.254.')) continue;
      found.add(`${info.address}/32`);
    }
  }
  return [...found];
}

/** What the runner gets for a remembered location (`machine` is this machine's current /32s). */
export function clientInput(location: ClientLocation, machine: readonly string[]): ClientLocationInput {
  switch (location.kind) {
    case 'securityGroups':
      return { securityGroupIds: (location.securityGroups ?? []).map((g) => g.id) };
    case 'cidrs':
      return { cidrs: [...(location.cidrs ?? [])] };
    case 'thisMachine':
      return { cidrs: [...machine] };
  }
}

/** One line per group or CIDR, for the panel and the quick pick. */
export function describeClient(location: ClientLocation, machine: readonly string[]): string[] {
  switch (location.kind) {
    case 'securityGroups':
      return (location.securityGroups ?? []).map((g) => (g.name ? `${g.id} (${g.name})` : g.id));
    case 'cidrs':
      return [...(location.cidrs ?? [])];
    case 'thisMachine':
      return machine.length ? machine.map((c) => `${c} (this machine)`) : ['this machine (no address outside loopback)'];
  }
}

/** Reads a remembered location back, dropping anything malformed (state from an older version). */
export function readClientLocation(value: unknown): ClientLocation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<ClientLocation>;
  if (v.kind === 'securityGroups') {
    const groups = Array.isArray(v.securityGroups) ? v.securityGroups.filter((g) => typeof g?.id === 'string' && /^sg-[0-9a-f]+$/.test(g.id)) : [];
    return groups.length ? { kind: 'securityGroups', securityGroups: groups.map((g) => ({ id: g.id, ...(typeof g.name === 'string' ? { name: g.name } : {}) })) } : undefined;
  }
  if (v.kind === 'cidrs') {
    const cidrs = Array.isArray(v.cidrs) ? v.cidrs.filter((c): c is string => typeof c === 'string' && !cidrProblem('', c)) : [];
    return cidrs.length ? { kind: 'cidrs', cidrs } : undefined;
  }
  if (v.kind === 'thisMachine') return { kind: 'thisMachine' };
  return undefined;
}
