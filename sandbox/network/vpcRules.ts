// Would AWS deliver this TCP connection? The sandbox's own evaluation of security groups
// (stateful: the reply is always allowed) and network ACLs (stateless: the reply to the
// client's ephemeral port must be allowed too), written apart from the product's evaluators.
import type {
  SandboxEndpointView, SandboxInterfaceView, SandboxNaclEntry, SandboxNetworkAcl, SandboxSecurityGroup, SandboxSgRule,
} from '../ec2/types';
import { cidrContains } from './ipv4';

/** The machine that connects: the sandbox's "application instance". */
export interface ClientHost {
  region: string;
  vpcId: string;
  subnetId: string;
  ip: string;
  securityGroupIds: string[];
}

/** What the evaluation needs to read from the EC2 emulator. */
export interface VpcRuleSource {
  securityGroup(region: string, groupId: string): SandboxSecurityGroup | undefined;
  networkAclForSubnet(region: string, subnetId: string): SandboxNetworkAcl | undefined;
}

export type Verdict = { allowed: true } | { allowed: false; reason: string };

export interface Flow {
  client: ClientHost;
  endpoint: SandboxEndpointView;
  iface: SandboxInterfaceView;
  port: number;
  /** The client's source port: the NACLs must let the reply back to it. */
  clientPort: number;
}

export function evaluateFlow(source: VpcRuleSource, flow: Flow): Verdict {
  const { client, endpoint, iface, port, clientPort } = flow;
  if (endpoint.region !== client.region || endpoint.vpcId !== client.vpcId) {
    return deny(`the client is in ${client.region}/${client.vpcId}, the endpoint in ${endpoint.region}/${endpoint.vpcId}: no route`);
  }
  const endpointGroups = iface.securityGroupIds.length > 0 ? iface.securityGroupIds : endpoint.securityGroupIds;

  const clientGroups = groups(source, client.region, client.securityGroupIds);
  const outbound = clientGroups.some((g) => g.egress.some((rule) => sgRuleMatches(rule, port, iface.ip, endpointGroups)));
  if (!outbound) return deny(`no outbound rule of the client's security groups (${client.securityGroupIds.join(', ')}) allows tcp/${port} to ${iface.ip}`);

  const inbound = groups(source, client.region, endpointGroups)
    .some((g) => g.ingress.some((rule) => sgRuleMatches(rule, port, client.ip, client.securityGroupIds)));
  if (!inbound) return deny(`no inbound rule of the endpoint's security groups (${endpointGroups.join(', ')}) allows tcp/${port} from ${client.ip}`);

  // Traffic inside one subnet never crosses a network ACL.
  if (iface.subnetId !== client.subnetId) {
    const checks: Array<[string, boolean, string, number]> = [
      [client.subnetId, true, iface.ip, port],
      [iface.subnetId, false, client.ip, port],
      [iface.subnetId, true, client.ip, clientPort],
      [client.subnetId, false, iface.ip, clientPort],
    ];
    for (const [subnetId, egress, peer, peerPort] of checks) {
      const acl = source.networkAclForSubnet(client.region, subnetId);
      if (!acl) return deny(`subnet ${subnetId} has no network ACL`);
      const action = naclDecision(acl.entries, egress, peer, peerPort);
      if (action.action !== 'allow') {
        const direction = egress ? `outbound to ${peer}` : `inbound from ${peer}`;
        return deny(`network ACL ${acl.networkAclId} of ${subnetId} denies tcp/${peerPort} ${direction} (${action.rule})`);
      }
    }
  }
  return { allowed: true };
}

/** NACL evaluation: entries in rule-number order, the first that matches decides, else deny. */
export function naclDecision(entries: SandboxNaclEntry[], egress: boolean, peer: string, port: number): { action: 'allow' | 'deny'; rule: string } {
  const ordered = entries.filter((e) => e.egress === egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  for (const entry of ordered) {
    if (!isTcp(entry.protocol)) continue;
    if (entry.protocol !== '-1' && entry.portRange && (port < entry.portRange.from || port > entry.portRange.to)) continue;
    if (!cidrContains(entry.cidrBlock, peer)) continue;
    return { action: entry.ruleAction, rule: entry.ruleNumber >= 32767 ? 'rule *' : `rule ${entry.ruleNumber}` };
  }
  return { action: 'deny', rule: 'rule *' };
}

function sgRuleMatches(rule: SandboxSgRule, port: number, peerIp: string, peerGroups: string[]): boolean {
  if (!isTcp(rule.ipProtocol)) return false;
  if (rule.ipProtocol !== '-1' && (port < rule.fromPort || port > rule.toPort)) return false;
  if (rule.cidrIpv4 !== undefined && cidrContains(rule.cidrIpv4, peerIp)) return true;
  return rule.referencedGroupId !== undefined && peerGroups.includes(rule.referencedGroupId);
}

function isTcp(protocol: string): boolean {
  return protocol === '-1' || protocol === '6' || protocol.toLowerCase() === 'tcp';
}

function groups(source: VpcRuleSource, region: string, ids: string[]): SandboxSecurityGroup[] {
  return ids.map((id) => source.securityGroup(region, id)).filter((g): g is SandboxSecurityGroup => g !== undefined);
}

function deny(reason: string): Verdict {
  return { allowed: false, reason };
}
