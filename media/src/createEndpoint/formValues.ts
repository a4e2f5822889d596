// What the user has entered in the Create Endpoint form, kept as the controls hold it (both
// security-group variants at once, subnets per AZ, CIDRs as typed), and how it becomes the
// protocol's EndpointFormInput and the facts validation checks it against. Pure: unit-tested.
import { DEFAULT_SECURITY_GROUP_NAME, type EndpointFormInput, type ValidationFacts } from '../../../src/aws/createEndpoint/endpointRequest';
import { isCreatedByExtension } from '../../../src/aws/createEndpoint/resourceTags';
import type { HostSnapshot, ServiceView, VpcDetailsView } from '../../../src/webviews/protocol/createEndpointProtocol';

export interface FormValues {
  serviceName: string;
  vpcId: string;
  /** Availability Zone → the one subnet chosen there. */
  subnetByAz: Record<string, string>;
  sgMode: 'create' | 'existing';
  groupName: string;
  sourceKind: 'securityGroups' | 'cidrs';
  sourceGroupIds: string[];
  /** As typed: CIDRs separated by commas, spaces or new lines. */
  cidrsText: string;
  existingGroupId: string;
  privateDns: boolean;
  nameTag: string;
  /** Which VPC's defaults (subnets, CIDR, client group) were filled in, so that happens once. */
  defaultsFor?: string;
  /** The CIDR text the page filled in from a VPC: while the field still holds it, the user has not
   * edited it, so it follows the next VPC chosen. */
  cidrsFromVpc?: string;
}

export function emptyValues(): FormValues {
  return {
    serviceName: '',
    vpcId: '',
    subnetByAz: {},
    sgMode: 'create',
    groupName: DEFAULT_SECURITY_GROUP_NAME,
    sourceKind: 'securityGroups',
    sourceGroupIds: [],
    cidrsText: '',
    existingGroupId: '',
    privateDns: true,
    nameTag: '',
  };
}

/** The host's suggestions fill only what the user has not entered. */
export function applyPrefill(values: FormValues, snapshot: Pick<HostSnapshot, 'prefill'>): FormValues {
  const p = snapshot.prefill;
  return {
    ...values,
    serviceName: values.serviceName || p.serviceName || '',
    vpcId: values.vpcId || p.vpcId || '',
    nameTag: values.nameTag || p.nameTag || '',
  };
}

export function splitCidrs(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** The message form of the values; only the chosen security-group variant travels. */
export function toFormInput(values: FormValues, region: string, branch?: string): EndpointFormInput {
  const subnetIds = Object.values(values.subnetByAz).filter(Boolean);
  return {
    region,
    serviceName: values.serviceName,
    vpcId: values.vpcId,
    subnetIds,
    securityGroup:
      values.sgMode === 'existing'
        ? { mode: 'existing', groupId: values.existingGroupId }
        : {
            mode: 'create',
            groupName: values.groupName,
            sourceKind: values.sourceKind,
            sourceGroupIds: values.sourceKind === 'securityGroups' ? values.sourceGroupIds : [],
            cidrs: values.sourceKind === 'cidrs' ? splitCidrs(values.cidrsText) : [],
          },
    privateDns: values.privateDns,
    nameTag: values.nameTag,
    ...(branch ? { branch } : {}),
  };
}

/** The verified service, but only while the name in the field is the one that was verified. */
export function verifiedService(snapshot: Pick<HostSnapshot, 'service'> | undefined, serviceName: string): ServiceView | undefined {
  const service = snapshot?.service;
  return service && service.serviceName === serviceName.trim() ? service : undefined;
}

/** The loaded details, but only for the VPC currently chosen. */
export function chosenVpcDetails(snapshot: Pick<HostSnapshot, 'vpcDetails'> | undefined, vpcId: string): VpcDetailsView | undefined {
  const details = snapshot?.vpcDetails;
  return details && details.vpc.id === vpcId ? details : undefined;
}

/** What validation may check the values against: only facts that belong to the current choices. */
export function factsFor(snapshot: HostSnapshot | undefined, values: FormValues): ValidationFacts {
  const service = verifiedService(snapshot, values.serviceName);
  const details = chosenVpcDetails(snapshot, values.vpcId);
  const facts: ValidationFacts = {};
  if (service) facts.service = service;
  if (details) {
    facts.vpc = details.vpc;
    facts.vpcDns = details.dns;
    facts.subnets = details.subnets;
    facts.securityGroups = details.securityGroups;
    facts.existingEndpoints = details.endpoints
      .filter((e) => e.serviceName === values.serviceName.trim())
      .map((e) => ({ ...e, state: e.state as NonNullable<ValidationFacts['existingEndpoints']>[number]['state'], vpcId: details.vpc.id }));
  }
  return facts;
}

/** Security groups that look like an application's (not `default`, not made by this extension). */
export function clientGroupCandidates(details: VpcDetailsView): VpcDetailsView['securityGroups'] {
  return details.securityGroups.filter((g) => g.name !== 'default' && !isCreatedByExtension(g.tags));
}

/** AZs of the VPC's subnets, sorted, each with its subnets, and whether the service offers it. */
export function subnetsByZone(
  details: VpcDetailsView,
  service: ServiceView | undefined,
): Array<{ zone: string; offered: boolean | undefined; subnets: VpcDetailsView['subnets'] }> {
  const zones = new Map<string, VpcDetailsView['subnets']>();
  for (const s of details.subnets) zones.set(s.availabilityZone, [...(zones.get(s.availabilityZone) ?? []), s]);
  return [...zones.keys()].sort().map((zone) => ({
    zone,
    offered: service ? service.availabilityZones.includes(zone) : undefined,
    subnets: (zones.get(zone) ?? []).slice().sort((a, b) => a.id.localeCompare(b.id)),
  }));
}

/**
 * Sensible first choices for a newly picked VPC: one subnet in each AZ the service offers, the VPC
 * CIDR as the CIDR source, and the client group when the VPC has exactly one candidate (CIDRs when
 * it has none). Applied once per VPC, never over what the user chose.
 */
export function withVpcDefaults(values: FormValues, details: VpcDetailsView, service: ServiceView | undefined): FormValues {
  // Keyed by VPC and whether the service was known, so subnets are still filled in once it is.
  const key = `${details.vpc.id}${service ? '+service' : ''}`;
  if (values.defaultsFor === key || values.vpcId !== details.vpc.id) return values;
  const next: FormValues = { ...values, defaultsFor: key };
  const ownSubnets = new Set(details.subnets.map((s) => s.id));
  const kept = Object.fromEntries(Object.entries(values.subnetByAz).filter(([, id]) => ownSubnets.has(id)));
  if (Object.keys(kept).length === 0 && service) {
    for (const group of subnetsByZone(details, service)) {
      if (!group.offered) continue;
      const roomiest = group.subnets.slice().sort((a, b) => (b.availableIpAddressCount ?? 0) - (a.availableIpAddressCount ?? 0))[0];
      if (roomiest) kept[group.zone] = roomiest.id;
    }
  }
  next.subnetByAz = kept;
  if (!values.cidrsText.trim() || values.cidrsText === values.cidrsFromVpc) {
    next.cidrsText = details.vpc.cidrBlock;
    next.cidrsFromVpc = details.vpc.cidrBlock;
  }
  const ownGroups = new Set(details.securityGroups.map((g) => g.id));
  next.sourceGroupIds = values.sourceGroupIds.filter((id) => ownGroups.has(id));
  const candidates = clientGroupCandidates(details);
  if (next.sourceGroupIds.length === 0 && candidates.length === 1) next.sourceGroupIds = [candidates[0].id];
  // No application group to name: the VPC CIDR is the only source that works without more setup.
  if (candidates.length === 0) next.sourceKind = 'cidrs';
  if (values.existingGroupId && !ownGroups.has(values.existingGroupId)) next.existingGroupId = '';
  return next;
}
