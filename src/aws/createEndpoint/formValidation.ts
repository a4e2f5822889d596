// Checks of the create-endpoint form: first each field on its own (format), then the request
// against what AWS told us (offered AZs, VPC DNS attributes, existing groups and endpoints). Every
// issue names its field and says how to fix it. Pure: the webview runs it on every keystroke.
import {
  DEFAULT_SECURITY_GROUP_DESCRIPTION,
  POSTGRES_PORTS,
  type EndpointField,
  type EndpointFormInput,
  type EndpointRequest,
  type IngressSource,
  type ValidationFacts,
  type ValidationIssue,
  type ValidationCode,
  type ValidationResult,
} from './endpointRequest';
import { TAG_REQUEST } from './resourceTags';
import { requestFingerprint } from './requestFingerprint';

const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const SERVICE_RE = /^com\.amazonaws\.vpce\.([a-z0-9-]+)\.(vpce-svc-[0-9a-f]+)$/;
const VPC_RE = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SUBNET_RE = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SG_RE = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
// EC2's allowed characters for VPC security group names and descriptions.
const SG_TEXT_RE = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
const MAX_SG_TEXT = 255;
const MAX_TAG_VALUE = 256;

/** Endpoint states that still hold the service's private DNS name in the VPC. */
const LIVE_STATES = new Set(['pendingAcceptance', 'pending', 'available', 'partial']);

export function validateEndpointForm(input: EndpointFormInput, facts: ValidationFacts = {}): ValidationResult {
  const issues: ValidationIssue[] = [];
  const add = (field: EndpointField, message: string, severity: 'error' | 'warning' = 'error') =>
    issues.push({ field, message, severity });

  const region = text(input?.region);
  if (!region) add('region', 'Choose the AWS region of the PlanetScale database (for example us-east-1).');
  else if (!REGION_RE.test(region)) add('region', `"${region}" is not an AWS region code; choose one such as us-east-1.`);

  const serviceName = text(input?.serviceName);
  const serviceIssue = checkServiceName(serviceName, REGION_RE.test(region) ? region : undefined);
  if (serviceIssue) add('serviceName', serviceIssue);

  const vpcId = text(input?.vpcId);
  if (!vpcId) add('vpcId', 'Choose the VPC your application runs in.');
  else if (!VPC_RE.test(vpcId)) add('vpcId', `"${vpcId}" is not a VPC id (vpc-…); pick the VPC from the list.`);

  const subnetIds = uniqueSorted(list(input?.subnetIds));
  if (subnetIds.length === 0) {
    add('subnetIds', 'Choose at least one subnet (two or more in different Availability Zones are recommended).');
  }
  for (const id of subnetIds) {
    if (!SUBNET_RE.test(id)) add('subnetIds', `"${id}" is not a subnet id (subnet-…); pick subnets from the list.`);
  }

  const sgInput = input?.securityGroup;
  let securityGroup: EndpointRequest['securityGroup'] | undefined;
  if (!sgInput || (sgInput.mode !== 'create' && sgInput.mode !== 'existing')) {
    add('securityGroup.mode', 'Choose whether to create a security group for the endpoint or use an existing one.');
  } else if (sgInput.mode === 'existing') {
    const groupId = text(sgInput.groupId);
    if (!groupId) add('securityGroup.groupId', 'Choose the existing security group for the endpoint, or create a new one.');
    else if (!SG_RE.test(groupId)) add('securityGroup.groupId', `"${groupId}" is not a security group id (sg-…); pick one from the list.`);
    securityGroup = { mode: 'existing', groupId };
  } else {
    const groupName = text(sgInput.groupName);
    const nameIssue = checkSecurityGroupName(groupName);
    if (nameIssue) add('securityGroup.groupName', nameIssue);
    const description = text(sgInput.description) || DEFAULT_SECURITY_GROUP_DESCRIPTION;
    const descriptionIssue = checkSecurityGroupDescription(description);
    if (descriptionIssue) add('securityGroup.description', descriptionIssue);
    let source: IngressSource;
    if (sgInput.sourceKind === 'cidrs') {
      const cidrs = uniqueSorted(list(sgInput.cidrs));
      if (cidrs.length === 0) {
        add('securityGroup.cidrs', 'Enter at least one IPv4 CIDR allowed to connect (for example the VPC CIDR), or choose client security groups instead.');
      }
      for (const cidr of cidrs) {
        const cidrIssue = checkCidr(cidr);
        if (cidrIssue) add('securityGroup.cidrs', cidrIssue);
        else if (cidr.endsWith('/0')) {
          add('securityGroup.cidrs', `${cidr} allows every address; prefer the VPC CIDR or the application's security group.`, 'warning');
        }
      }
      source = { kind: 'cidrs', cidrs };
    } else {
      const groupIds = uniqueSorted(list(sgInput.sourceGroupIds));
      if (groupIds.length === 0) {
        add('securityGroup.sourceGroupIds', "Choose at least one client security group (your application's), or allow CIDR ranges instead.");
      }
      for (const id of groupIds) {
        if (!SG_RE.test(id)) add('securityGroup.sourceGroupIds', `"${id}" is not a security group id (sg-…); pick the application's security group from the list.`);
      }
      source = { kind: 'securityGroups', groupIds };
    }
    securityGroup = { mode: 'create', groupName, description, source };
  }

  const privateDns = input?.privateDns !== false;
  const nameTag = text(input?.nameTag);
  if (nameTag.length > MAX_TAG_VALUE) {
    add('nameTag', `The Name tag is ${nameTag.length} characters; AWS allows at most ${MAX_TAG_VALUE}. Shorten it.`);
  } else if (!nameTag) {
    add('nameTag', 'No Name tag: the endpoint will show only as its id in the AWS console. Enter a name to find it later.', 'warning');
  }
  const branch = text(input?.branch) || undefined;
  if (branch && !/^[^/\s]+\/[^/\s]+\/[^/\s]+$/.test(branch)) {
    add('branch', `"${branch}" is not <organization>/<database>/<branch>; open the form from the branch in the PlanetScale view.`);
  }

  if (securityGroup) {
    const request: EndpointRequest = { region, serviceName, vpcId, subnetIds, securityGroup, privateDns, nameTag, ...(branch ? { branch } : {}) };
    // Fact-based checks too, except for fields whose format is already wrong (one message each).
    const badFields = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.field));
    issues.push(...checkRequestAgainstFacts(request, facts).filter((i) => !badFields.has(i.field)));
    if (!issues.some((i) => i.severity === 'error')) return { request, issues };
  }
  return { issues };
}

/** Problems of a well-formed request given what AWS says; also run by the preflight on fresh facts. */
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

/** Null when valid; otherwise what is wrong and the fix. */
export function checkServiceName(serviceName: string, region?: string): string | null {
  if (!serviceName) return 'Enter the Private Service Name from the PlanetScale branch (com.amazonaws.vpce.<region>.vpce-svc-…).';
  const match = SERVICE_RE.exec(serviceName);
  if (!match) {
    return `"${serviceName}" is not an endpoint service name; copy the Private Service Name from the PlanetScale branch (it looks like com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0).`;
  }
  const [, serviceRegion, serviceId] = match;
  if (!REGION_RE.test(serviceRegion)) return `"${serviceRegion}" in the service name is not an AWS region; copy the Private Service Name again.`;
  if (!/^vpce-svc-[0-9a-f]{8,17}$/.test(serviceId)) return `"${serviceId}" is not an endpoint service id (vpce-svc- and 17 hex digits); copy the Private Service Name again.`;
  if (region && serviceRegion !== region) {
    return `The service is in ${serviceRegion} but the form's region is ${region}; switch the region to ${serviceRegion} (an endpoint must be in the service's region).`;
  }
  return null;
}

/** The region inside a well-formed service name. */
export function serviceNameRegion(serviceName: string): string | undefined {
  return SERVICE_RE.exec(serviceName.trim())?.[1];
}

export function checkSecurityGroupName(name: string): string | null {
  if (!name) return 'Enter a name for the new security group (for example PScalePrivateLinkEndpointSG).';
  if (name.length > MAX_SG_TEXT) return `The security group name is ${name.length} characters; AWS allows at most ${MAX_SG_TEXT}.`;
  if (/^sg-/i.test(name)) return 'A security group name cannot start with "sg-"; choose another name.';
  if (!SG_TEXT_RE.test(name)) {
    return 'The security group name may use only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*; remove the other characters.';
  }
  return null;
}

export function checkSecurityGroupDescription(description: string): string | null {
  if (description.length > MAX_SG_TEXT) return `The description is ${description.length} characters; AWS allows at most ${MAX_SG_TEXT}.`;
  if (!SG_TEXT_RE.test(description)) {
    return 'The description may use only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*; remove the other characters.';
  }
  return null;
}

/** IPv4 CIDR with no host bits set. Null when valid. */
export function checkCidr(cidr: string): string | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return `"${cidr}" is not an IPv4 CIDR block; write it as address/prefix, for example 10.0.0.0/16.`;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255) || m.slice(1, 5).some((o) => o.length > 1 && o.startsWith('0'))) {
    return `"${cidr}" has an invalid address; each of the four numbers must be 0-255.`;
  }
  const prefix = Number(m[5]);
  if (prefix > 32) return `"${cidr}" has prefix /${prefix}; an IPv4 prefix is 0 to 32.`;
  const address = toInt(octets);
  const network = (address & mask(prefix)) >>> 0;
  if (network !== address) {
    return `"${cidr}" has host bits set; use ${fromInt(network)}/${prefix}.`;
  }
  return null;
}

function cidrContains(outer: string, inner: string): boolean {
  const [oa, op] = outer.split('/');
  const [ia, ip] = inner.split('/');
  const outerPrefix = Number(op);
  if (Number(ip) < outerPrefix) return false;
  const m = mask(outerPrefix);
  return ((toInt(oa.split('.').map(Number)) & m) >>> 0) === ((toInt(ia.split('.').map(Number)) & m) >>> 0);
}

function ruleCoversPort(rule: { protocol: string; fromPort: number; toPort: number }, port: number): boolean {
  if (rule.protocol === 'all' || rule.protocol === '-1') return true;
  return rule.protocol === 'tcp' && rule.fromPort <= port && port <= rule.toPort;
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
function toInt(octets: number[]): number {
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}
function fromInt(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(text).filter(Boolean) : [];
}
function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}
