// Check 4: network ACLs are stateless, so both directions must be allowed on each subnet the
// traffic crosses: on the endpoint's subnets inbound 5432/6432 from the client and outbound
// ephemeral ports back; on the client's subnets outbound 5432/6432 and inbound ephemeral ports.
// Traffic between two addresses of the same subnet crosses no ACL and is not evaluated.

import type { InterfaceEndpoint, NetworkAcl, NetworkAclEntry, NetworkInterfaceSummary, SubnetSummary } from '../aws/types';
import { cidrContains } from './cidr';
import { EPHEMERAL_PORTS, POSTGRES_PORTS, type DiagnoseCheck, type FixOperation } from './diagnoseTypes';
import { fixFor, type CliContext } from './fixCommands';
import {
  describeNaclEntry,
  evaluateNacl,
  firstDenyingRuleNumber,
  formatPorts,
  freeRuleNumber,
  type Direction,
  type NaclVerdict,
  type PortRange,
} from './naclEvaluator';

const TITLE = 'Network ACLs';
/** Source ports operating systems pick for outgoing connections. */
const COMMON_SOURCE_PORTS: PortRange = { from: 32768, to: 65535 };

export interface NaclCheckInput {
  endpoint: InterfaceEndpoint;
  interfaces: NetworkInterfaceSummary[];
  acls: NetworkAcl[];
  /** The VPC's subnets (for CIDRs). */
  subnets: SubnetSummary[];
  clientCidrs: string[];
  /** Where `clientCidrs` came from, for the evidence. */
  clientCidrSource: 'given' | 'subnets' | 'vpc';
  clientSubnetIds: string[];
}

interface Evaluation {
  acl: NetworkAcl;
  subnetId: string;
  side: 'endpoint' | 'client';
  direction: Direction;
  peer: string;
  ports: PortRange;
  /** CIDR for a new allow entry (a subnet rather than one interface IP, so it survives replacement). */
  fixCidr: string;
  verdict: NaclVerdict;
}

export interface NaclCheckOutcome {
  check: DiagnoseCheck;
  /** `ip:port` of interfaces the ACLs are expected to block, to explain failed connections. */
  blockedTargets: string[];
}

export function checkNetworkAcls(input: NaclCheckInput, cli: CliContext): NaclCheckOutcome {
  const check = evaluateAcls(input, cli);
  return { check: check.check, blockedTargets: blockedTargets(input, check.evaluations) };
}

function blockedTargets(input: NaclCheckInput, evaluations: Evaluation[]): string[] {
  const blocked: string[] = [];
  for (const iface of input.interfaces) {
    if (!iface.subnetId || !iface.privateIpAddress) continue;
    const ifaceAcl = input.acls.find((a) => a.subnetIds.includes(iface.subnetId as string));
    for (const port of POSTGRES_PORTS) {
      const relevant = evaluations.filter((e) =>
        e.side === 'endpoint'
          ? e.acl.id === ifaceAcl?.id && (e.direction === 'egress' || (e.ports.from <= port && port <= e.ports.to))
          : e.peer === iface.privateIpAddress && (e.direction === 'ingress' || (e.ports.from <= port && port <= e.ports.to)),
      );
      if (relevant.some((e) => e.verdict.outcome !== 'allow')) blocked.push(`${iface.privateIpAddress}:${port}`);
    }
  }
  return blocked;
}

function evaluateAcls(input: NaclCheckInput, cli: CliContext): { check: DiagnoseCheck; evaluations: Evaluation[] } {
  const evidence: string[] = [];
  if (input.clientCidrSource === 'vpc') {
    evidence.push(`client address unknown: evaluated as anywhere in the VPC (${input.clientCidrs.join(', ')})`);
  }
  const subnetCidr = (id: string | undefined) => input.subnets.find((s) => s.id === id)?.cidrBlock;
  const evaluations: Evaluation[] = [];
  const missingAcl = new Set<string>();
  const seen = new Set<string>();
  const evaluate = (subnetId: string, side: Evaluation['side'], direction: Direction, peer: string, ports: PortRange, fixCidr: string) => {
    const acl = input.acls.find((a) => a.subnetIds.includes(subnetId));
    if (!acl) {
      missingAcl.add(subnetId);
      return;
    }
    const key = [acl.id, direction, peer, ports.from, ports.to].join('|');
    if (seen.has(key)) return;
    seen.add(key);
    evaluations.push({ acl, subnetId, side, direction, peer, ports, fixCidr, verdict: evaluateNacl(acl.entries, { direction, peer, ports }) });
  };

  for (const iface of input.interfaces) {
    if (!iface.subnetId || !iface.privateIpAddress) continue;
    const ifaceCidr = subnetCidr(iface.subnetId);
    for (const cidr of input.clientCidrs) {
      if (ifaceCidr && cidrContains(ifaceCidr, cidr)) {
        evidence.push(`${iface.privateIpAddress} (${iface.subnetId}) and client ${cidr} share a subnet: no network ACL between them`);
        continue;
      }
      for (const port of POSTGRES_PORTS) {
        evaluate(iface.subnetId, 'endpoint', 'ingress', cidr, { from: port, to: port }, cidr);
      }
      evaluate(iface.subnetId, 'endpoint', 'egress', cidr, EPHEMERAL_PORTS, cidr);
    }
    for (const clientSubnet of input.clientSubnetIds) {
      if (clientSubnet === iface.subnetId) continue;
      const toEndpoint = ifaceCidr ?? `${iface.privateIpAddress}/32`;
      for (const port of POSTGRES_PORTS) {
        evaluate(clientSubnet, 'client', 'egress', iface.privateIpAddress, { from: port, to: port }, toEndpoint);
      }
      evaluate(clientSubnet, 'client', 'ingress', iface.privateIpAddress, EPHEMERAL_PORTS, toEndpoint);
    }
  }

  for (const e of evaluations) {
    evidence.push(evaluationLine(e));
  }
  for (const subnetId of missingAcl) {
    evidence.push(`${subnetId}: DescribeNetworkAcls returned no ACL for this subnet`);
  }
  const base = { id: 'networkAcls' as const, title: TITLE, evidence };
  const blocked = evaluations.filter((e) => e.verdict.outcome !== 'allow');
  if (blocked.length === 0) {
    if (missingAcl.size) {
      return { evaluations, check: { ...base, status: 'warn', summary: `The network ACL of ${[...missingAcl].join(', ')} could not be read.` } };
    }
    return {
      evaluations,
      check: {
        ...base,
        status: 'pass',
        summary: evaluations.length ? 'The network ACLs allow 5432, 6432 and the ephemeral return ports both ways.' : 'No network ACL lies between the client and the endpoint.',
      },
    };
  }

  const operations = fixOperations(blocked);
  const denied = blocked.some((e) => severity(e) === 'fail');
  const summary = blocked.map((e) => `${e.acl.id} ${e.direction === 'ingress' ? 'inbound' : 'outbound'} tcp ${formatPorts(e.ports)} ${e.direction === 'ingress' ? 'from' : 'to'} ${e.peer}`);
  const description =
    operations.length === blocked.length
      ? `Add allow entries numbered below the entries that deny: ${operations.map(describeOperation).join('; ')}.`
      : `Add allow entries numbered below the entries that deny (no free rule number was found for some; renumber those ACLs by hand): ${operations.map(describeOperation).join('; ')}.`;
  return {
    evaluations,
    check: {
      ...base,
      status: denied ? 'fail' : 'warn',
      summary: `${denied ? 'Denied' : 'Only partly allowed'}: ${summary.join('; ')}.`,
      ...(operations.length ? { fix: fixFor(cli, description, operations) } : {}),
    },
  };
}

/**
 * A deny is a failure. A partial verdict fails too when it leaves out ports clients really use
 * as source ports (Linux 32768-60999, Windows 49152-65535); otherwise only some client addresses
 * or unusual source ports are affected, which is a warning.
 */
function severity(e: Evaluation): 'fail' | 'warn' {
  if (e.verdict.outcome === 'deny') return 'fail';
  const isReturnTraffic = e.ports.from === EPHEMERAL_PORTS.from && e.ports.to === EPHEMERAL_PORTS.to;
  if (isReturnTraffic) {
    const common = evaluateNacl(e.acl.entries, { direction: e.direction, peer: e.peer, ports: COMMON_SOURCE_PORTS });
    if (common.outcome !== 'allow') return 'fail';
  }
  return 'warn';
}

function fixOperations(blocked: Evaluation[]): FixOperation[] {
  const operations: FixOperation[] = [];
  // Rule numbers handed out in this fix, per ACL and direction, so two new entries never collide.
  const taken = new Map<string, NetworkAclEntry[]>();
  const keys = new Set<string>();
  for (const e of blocked) {
    const key = [e.acl.id, e.direction, e.fixCidr, e.ports.from, e.ports.to].join('|');
    if (keys.has(key)) continue;
    keys.add(key);
    const extra = taken.get(e.acl.id) ?? [];
    const before = firstDenyingRuleNumber(e.verdict) ?? 32767;
    const ruleNumber = freeRuleNumber([...e.acl.entries, ...extra], e.direction, before);
    if (ruleNumber === undefined) continue;
    const egress = e.direction === 'egress';
    extra.push({ ruleNumber, egress, protocol: 'tcp', action: 'allow', cidrBlock: e.fixCidr, portRange: e.ports });
    taken.set(e.acl.id, extra);
    operations.push({ action: 'createNetworkAclEntry', networkAclId: e.acl.id, ruleNumber, egress, portRange: { ...e.ports }, cidrBlock: e.fixCidr });
  }
  return operations;
}

function evaluationLine(e: Evaluation): string {
  const what = `${e.acl.id} (${e.subnetId}, ${e.side} side): ${e.direction === 'ingress' ? 'inbound' : 'outbound'} tcp ${formatPorts(e.ports)} ${e.direction === 'ingress' ? 'from' : 'to'} ${e.peer}`;
  const v = e.verdict;
  if (v.outcome === 'allow') {
    return `${what}: allowed by ${describeNaclEntry(v.deciding.entry)}`;
  }
  const deny = v.deciding;
  const part = v.outcome === 'partial' ? ` for ${formatPorts(deny.ports)} ${e.direction === 'ingress' ? 'from' : 'to'} ${deny.peer}` : '';
  const lateAllow = laterAllow(e, deny.entry.ruleNumber);
  const tooLate = lateAllow ? ` (${describeNaclEntry(lateAllow)} would allow it, but rule ${deny.implicit || deny.entry.ruleNumber >= 32767 ? '*' : deny.entry.ruleNumber} comes first)` : '';
  return `${what}: denied${part} by ${describeNaclEntry(deny.entry)}${tooLate}`;
}

/** An allow entry numbered after the deciding deny that would have matched: the usual ordering mistake. */
function laterAllow(e: Evaluation, denyNumber: number): NetworkAclEntry | undefined {
  const later = e.acl.entries.filter((x) => x.egress === (e.direction === 'egress') && x.ruleNumber > denyNumber && x.action === 'allow');
  return later
    .sort((a, b) => a.ruleNumber - b.ruleNumber)
    .find((x) => evaluateNacl([x], { direction: e.direction, peer: e.peer, ports: e.ports }).outcome === 'allow');
}

function describeOperation(op: FixOperation): string {
  if (op.action !== 'createNetworkAclEntry') return '';
  return `${op.networkAclId} rule ${op.ruleNumber} allow ${op.egress ? 'outbound' : 'inbound'} tcp ${formatPorts(op.portRange)} ${op.egress ? 'to' : 'from'} ${op.cidrBlock}`;
}
