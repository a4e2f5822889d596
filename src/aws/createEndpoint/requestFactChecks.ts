// Checks of a well-formed endpoint request against what AWS told us (offered AZs, VPC DNS
// attributes, existing groups and endpoints). Run by the form on every keystroke and by the
// preflight on fresh facts; every issue names its field and says how to fix it.
import { POSTGRES_PORTS, type EndpointField, type EndpointRequest, type ValidationCode, type ValidationFacts, type ValidationIssue } from './endpointRequest';
import { checkCidr, cidrContains } from './ipv4Cidr';
import { TAG_REQUEST } from './resourceTags';
import { requestFingerprint } from './requestFingerprint';

/** Endpoint states that still hold the service's private DNS name in the VPC. */
const LIVE_STATES = new Set(['pendingAcceptance', 'pending', 'available', 'partial']);

/** Problems of a well-formed request given what AWS says. */
export function checkRequestAgainstFacts(request: EndpointRequest, facts: ValidationFacts): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (code: ValidationCode, field: EndpointField, message: string, severity: 'error' | 'warning' = 'error') =>
    issues.push({ field, message, severity, code });

  if (facts.vpc && facts.vpc.id !== request.vpcId) {
    // Facts for another VPC (the user just switched): nothing below would be meaningful.
    return issues;
  }

  // Subnets: in this VPC, in AZs the service offers, at most one per AZ.
  const offered = facts.service?.availabilityZones;
  const subnetFacts = facts.subnets ? new Map(facts.subnets.map((s) => [s.id, s])) : undefined;
  const byAz = new Map<string, string[]>();
  for (const id of request.subnetIds) {
    const subnet = subnetFacts?.get(id);
    if (subnetFacts && !subnet) {
      add('SubnetNotInVpc', 'subnetIds', `Subnet ${id} is not in ${request.vpcId}; choose subnets of the chosen VPC.`);
      continue;
    }
    if (!subnet) continue;
    if (subnet.vpcId && subnet.vpcId !== request.vpcId) {
      add('SubnetNotInVpc', 'subnetIds', `Subnet ${id} belongs to ${subnet.vpcId}, not ${request.vpcId}; choose subnets of the chosen VPC.`);
      continue;
    }
    if (offered && !offered.includes(subnet.availabilityZone)) {
      add(
        'SubnetZoneNotOffered',
        'subnetIds',
        `Subnet ${id} is in ${subnet.availabilityZone}, which the service does not offer (it offers ${offered.join(', ')}); choose a subnet in one of those zones.`,
      );
    }
    byAz.set(subnet.availabilityZone, [...(byAz.get(subnet.availabilityZone) ?? []), id]);
  }
  for (const [az, ids] of byAz) {
    if (ids.length > 1) {
      add('DuplicateSubnetsInSameZone', 'subnetIds', `Subnets ${ids.join(' and ')} are both in ${az}; an endpoint takes at most one subnet per Availability Zone. Keep one of them.`);
    }
  }
  if (request.subnetIds.length === 1) {
    add('SingleSubnet', 'subnetIds', 'Only one subnet: the endpoint fails if that Availability Zone does. Choose subnets in two or more zones.', 'warning');
  }
  if (offered && subnetFacts) {
    const usable = [...subnetFacts.values()].filter((s) => (!s.vpcId || s.vpcId === request.vpcId) && offered.includes(s.availabilityZone));
    if (usable.length === 0) {
      add('NoSubnetInOfferedZones', 'vpcId', `${request.vpcId} has no subnet in the zones the service offers (${offered.join(', ')}); create a subnet there or choose another VPC.`);
    }
  }

  // Private DNS needs both VPC attributes; a second endpoint with private DNS for the same
  // service in one VPC is refused by EC2 (conflicting DNS domain).
  if (request.privateDns && facts.vpcDns) {
    const off = [
      facts.vpcDns.enableDnsSupport ? undefined : 'enableDnsSupport',
      facts.vpcDns.enableDnsHostnames ? undefined : 'enableDnsHostnames',
    ].filter(Boolean);
    if (off.length > 0) {
      add('VpcDnsOff', 'privateDns', `Private DNS needs enableDnsSupport and enableDnsHostnames on ${request.vpcId}, but ${off.join(' and ')} ${off.length > 1 ? 'are' : 'is'} off. Turn ${off.length > 1 ? 'them' : 'it'} on for the VPC, or turn private DNS off.`);
    }
  }
  const live = (facts.existingEndpoints ?? []).filter(
    (e) => LIVE_STATES.has(e.state) && (!e.serviceName || e.serviceName === request.serviceName) && (!e.vpcId || e.vpcId === request.vpcId),
  );
  const fingerprint = requestFingerprint(request);
  const ours = (e: (typeof live)[number]) => e.tags?.[TAG_REQUEST] === fingerprint;
  for (const endpoint of live.filter((e) => !ours(e))) {
    if (request.privateDns && endpoint.privateDnsEnabled) {
      add('ConflictingPrivateDns', 'privateDns', `${request.vpcId} already has endpoint ${endpoint.id} (${endpoint.state}) for this service with private DNS on; a second one would conflict. Use ${endpoint.id} instead, or turn private DNS off here.`);
    } else {
      add('EndpointExists', 'serviceName', `${request.vpcId} already has endpoint ${endpoint.id} (${endpoint.state}) for this service; you may not need another (each one is billed).`, 'warning');
    }
  }

  // Security groups: the new name must be free; chosen groups must be in this VPC.
  const groups = facts.securityGroups;
  const sg = request.securityGroup;
  if (groups && sg.mode === 'create') {
    const clash = groups.find((g) => g.name.toLowerCase() === sg.groupName.toLowerCase() && (!g.vpcId || g.vpcId === request.vpcId));
    if (clash && clash.tags?.[TAG_REQUEST] !== fingerprint) {
      add('DuplicateSecurityGroupName', 'securityGroup.groupName', `${request.vpcId} already has a security group named "${clash.name}" (${clash.id}). Choose another name, or use ${clash.id} as an existing group.`);
    }
    if (sg.source.kind === 'securityGroups') {
      for (const id of sg.source.groupIds) {
        const group = groups.find((g) => g.id === id);
        if (!group || (group.vpcId && group.vpcId !== request.vpcId)) {
          add('SourceGroupNotInVpc', 'securityGroup.sourceGroupIds', `Security group ${id} is not in ${request.vpcId}; choose the application's security group from this VPC.`);
        }
      }
    }
  }
  if (sg.mode === 'create' && sg.source.kind === 'cidrs' && facts.vpc?.cidrBlock) {
    const vpcCidrs = facts.vpc.cidrBlocks?.length ? facts.vpc.cidrBlocks : [facts.vpc.cidrBlock];
    for (const cidr of sg.source.cidrs) {
      if (!checkCidr(cidr) && !cidr.endsWith('/0') && !vpcCidrs.some((v) => cidrContains(v, cidr))) {
        add('CidrOutsideVpc', 'securityGroup.cidrs', `${cidr} is outside ${request.vpcId} (${vpcCidrs.join(', ')}); that is fine for a peered network, otherwise use the VPC CIDR.`, 'warning');
      }
    }
  }
  if (groups && sg.mode === 'existing') {
    const group = groups.find((g) => g.id === sg.groupId);
    if (!group || (group.vpcId && group.vpcId !== request.vpcId)) {
      add('GroupNotInVpc', 'securityGroup.groupId', `Security group ${sg.groupId} is not in ${request.vpcId}; choose one of this VPC's groups or create a new one.`);
    } else if (group.ingress) {
      const missing = POSTGRES_PORTS.filter((port) => !group.ingress!.some((r) => ruleCoversPort(r, port)));
      if (missing.length > 0) {
        add('GroupMissingPorts', 'securityGroup.groupId', `Security group ${group.name} (${group.id}) has no inbound rule for TCP ${missing.join(' and ')}; clients will time out. Add inbound ${missing.join(' and ')} from your application's security group, or create a new group here.`, 'warning');
      }
    }
  }
  return issues;
}

function ruleCoversPort(rule: { protocol: string; fromPort: number; toPort: number }, port: number): boolean {
  if (rule.protocol === 'all' || rule.protocol === '-1') return true;
  return rule.protocol === 'tcp' && rule.fromPort <= port && port <= rule.toPort;
}
