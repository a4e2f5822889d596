// Loads a seed (object or JSON file), checks it with messages that name the bad field, and
// builds the emulator's state from it with stable, name-derived ids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCidr, cidrContains, cidrWithin, parseIpv4 } from './cidr';
import { createSecurityGroup, createSubnet, createVpc, defaultNaclEntries, stableIds, ALL_TRAFFIC_DENY_RULE } from './factory';
import { randomMac, stableId } from './ids';
import type { NaclEntryRec, SgRuleRec, Tags } from './model';
import { normalizeNaclProtocol, normalizeSgProtocol } from './ruleParsing';
import { Ec2State, type RegionState } from './state';
import { validateFaults } from './faults';
import type { Ec2Faults, Ec2Seed, SeedRegion, SeedRule, SeedVpc } from './types';

export const DEFAULT_SEED_PATH = join(__dirname, '..', 'seed', 'default.json');

export class SeedError extends Error {}

export function loadSeed(seed: Ec2Seed | string | undefined): Ec2Seed {
  if (seed !== undefined && typeof seed !== 'string') return seed;
  const path = seed ?? DEFAULT_SEED_PATH;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SeedError(`Cannot read the EC2 seed file ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as Ec2Seed;
  } catch (err) {
    throw new SeedError(`The EC2 seed file ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

function fail(field: string, problem: string): never {
  throw new SeedError(`Seed field ${field} ${problem}`);
}

/** Runs a shared validator, reporting its complaint against the seed field. */
function seedField<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    return fail(field, `is invalid: ${(err as Error).message}`);
  }
}

function tagsOf(name: string | undefined, extra?: Record<string, string>): Tags {
  const tags: Tags = new Map();
  if (name) tags.set('Name', name);
  for (const [k, v] of Object.entries(extra ?? {})) tags.set(k, v);
  return tags;
}

export function buildState(seed: Ec2Seed): Ec2State {
  if (!/^\d{12}$/.test(seed.accountId ?? '')) fail('accountId', 'must be a 12-digit AWS account id');
  if (!Array.isArray(seed.regions) || seed.regions.length === 0) fail('regions', 'must list at least one region');
  const state = new Ec2State({
    accountId: seed.accountId,
    callerArn: seed.callerArn ?? `arn:aws:iam::${seed.accountId}:user/sandbox`,
    callerUserId: seed.callerUserId ?? 'AIDASANDBOXUSER00001',
  });
  seed.regions.forEach((r, i) => buildRegion(state, r, `regions[${i}]`));
  seedFaults(seed);
  return state;
}

/** The seed's `faults` section, checked: fault settings plus an optional endpoint delay. */
export function seedFaults(seed: Ec2Seed): { faults: Partial<Ec2Faults>; endpointAvailableAfterMs?: number } {
  if (seed.faults === undefined) return { faults: {} };
  const raw: Record<string, unknown> = { ...seed.faults };
  const delay = raw.endpointAvailableAfterMs;
  delete raw.endpointAvailableAfterMs;
  if (delay !== undefined && (typeof delay !== 'number' || delay < 0)) fail('faults.endpointAvailableAfterMs', 'must be a number of milliseconds (0 or more)');
  const faults = seedField('faults', () => validateFaults(raw));
  return { faults, endpointAvailableAfterMs: delay as number | undefined };
}

function buildRegion(state: Ec2State, seed: SeedRegion, field: string): void {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(seed.name ?? '')) fail(`${field}.name`, `must be an AWS region name like "us-east-1" (got ${JSON.stringify(seed.name)})`);
  const region = state.region(seed.name);
  region.seeded = true;
  if (seed.availabilityZones?.length) {
    region.zones = seed.availabilityZones.map((zoneName, i) => ({ zoneName, zoneId: `${region.zones[0].zoneId.replace(/-az\d+$/, '')}-az${i + 1}` }));
  }
  (seed.vpcs ?? []).forEach((v, i) => buildVpc(region, v, `${field}.vpcs[${i}]`));
  (seed.endpointServices ?? []).forEach((s, i) => {
    const f = `${field}.endpointServices[${i}]`;
    if (!s.serviceName) fail(`${f}.serviceName`, 'is required');
    for (const az of s.availabilityZones ?? []) if (!region.zone(az)) fail(`${f}.availabilityZones`, `names ${az}, which is not a zone of ${region.name}`);
    const serviceId = s.serviceId ?? stableId('vpce-svc', `${region.name}/${s.serviceName}`);
    const awsService = (s.owner ?? 'amazon') === 'amazon';
    region.services.set(s.serviceName, {
      serviceName: s.serviceName,
      serviceId,
      serviceTypes: [s.serviceType ?? 'Interface'],
      availabilityZones: [...(s.availabilityZones ?? [])],
      privateDnsName: s.privateDnsName,
      acceptanceRequired: s.acceptanceRequired ?? false,
      managesVpcEndpoints: s.managesVpcEndpoints ?? false,
      owner: s.owner ?? 'amazon',
      baseEndpointDnsName: awsService ? `${s.serviceName.split('.').pop()}.${region.name}.vpce.amazonaws.com` : `${serviceId}.${region.name}.vpce.amazonaws.com`,
      tags: new Map(),
    });
  });
  (seed.instances ?? []).forEach((inst, i) => {
    const f = `${field}.instances[${i}]`;
    const vpc = [...region.vpcs.values()].find((v) => v.tags.get('Name') === inst.vpc);
    if (!vpc) fail(`${f}.vpc`, `names ${inst.vpc}, which is not a VPC of the seed`);
    const subnet = [...region.subnets.values()].find((s) => s.vpcId === vpc.vpcId && (s.tags.get('Name') === inst.subnet || s.cidrBlock === inst.subnet));
    if (!subnet) fail(`${f}.subnet`, `names ${inst.subnet}, which is not a subnet of ${inst.vpc}`);
    const ip = parseIpv4(inst.privateIpAddress ?? '');
    if (ip === undefined || !cidrContains(parseCidr(subnet.cidrBlock)!, ip)) fail(`${f}.privateIpAddress`, `must be an address inside ${subnet.cidrBlock}`);
    const groupIds = (inst.securityGroups ?? []).map((name) => {
      const g = region.groupByName(vpc.vpcId, name);
      if (!g) fail(`${f}.securityGroups`, `names ${name}, which is not a security group of ${inst.vpc}`);
      return g.groupId;
    });
    const key = `${region.name}/instance/${inst.name}`;
    const instanceId = stableId('i', key);
    const eniId = stableId('eni', key);
    const platform = inst.platform ?? 'Linux';
    if (platform !== 'Linux' && platform !== 'Windows') fail(`${f}.platform`, 'must be "Linux" or "Windows"');
    const state = inst.state ?? 'running';
    if (state !== 'running' && state !== 'stopped') fail(`${f}.state`, 'must be "running" or "stopped"');
    if (inst.ssm && inst.ssm.pingStatus !== 'Online' && inst.ssm.pingStatus !== 'ConnectionLost') fail(`${f}.ssm.pingStatus`, 'must be "Online" or "ConnectionLost"');
    region.instances.set(instanceId, {
      instanceId, name: inst.name, vpcId: vpc.vpcId, subnetId: subnet.subnetId, privateIpAddress: inst.privateIpAddress, groupIds, eniId,
      platform, state, ssm: inst.ssm ? { ...inst.ssm } : undefined, launchTime: Date.parse('2024-01-15T09:30:00Z'),
    });
    region.enis.set(eniId, {
      networkInterfaceId: eniId,
      subnetId: subnet.subnetId,
      vpcId: vpc.vpcId,
      availabilityZone: subnet.availabilityZone,
      availabilityZoneId: subnet.availabilityZoneId,
      privateIpAddress: inst.privateIpAddress,
      macAddress: randomMac(),
      description: '',
      interfaceType: 'interface',
      requesterManaged: false,
      groupIds,
      status: 'in-use',
      attachment: { attachmentId: stableId('eni-attach', key), instanceId, deviceIndex: 0, attachTime: Date.parse('2024-01-15T09:30:00Z') },
      tags: new Map(),
    });
  });
}

function buildVpc(region: RegionState, seed: SeedVpc, field: string): void {
  if (!seed.name) fail(`${field}.name`, 'is required');
  const cidr = parseCidr(seed.cidrBlock ?? '');
  if (!cidr || cidr.prefix < 16 || cidr.prefix > 28) fail(`${field}.cidrBlock`, `must be a CIDR block between /16 and /28 (got ${JSON.stringify(seed.cidrBlock)})`);
  const naclEntries = seed.defaultNetworkAclEntries
    ? [...seed.defaultNetworkAclEntries.map((e, i): NaclEntryRec => naclEntry(e, `${field}.defaultNetworkAclEntries[${i}]`)), ...defaultNaclEntries().filter((e) => e.ruleNumber === ALL_TRAFFIC_DENY_RULE)]
    : undefined;
  const vpc = createVpc(
    region,
    {
      key: `vpc/${seed.name}`,
      cidrBlock: seed.cidrBlock,
      isDefault: seed.isDefault,
      enableDnsSupport: seed.enableDnsSupport,
      enableDnsHostnames: seed.enableDnsHostnames,
      tags: tagsOf(seed.name, seed.tags),
      naclEntries,
    },
    stableIds,
  );
  (seed.subnets ?? []).forEach((s, i) => {
    const f = `${field}.subnets[${i}]`;
    const sc = parseCidr(s.cidrBlock ?? '');
    if (!sc || !cidrWithin(sc, cidr)) fail(`${f}.cidrBlock`, `must be a CIDR block inside the VPC's ${seed.cidrBlock}`);
    if (!region.zone(s.availabilityZone)) fail(`${f}.availabilityZone`, `must be one of ${region.zones.map((z) => z.zoneName).join(', ')}`);
    createSubnet(region, vpc, s.cidrBlock, s.availabilityZone, tagsOf(s.name, s.tags), stableIds, `vpc/${seed.name}/subnet/${s.cidrBlock}`);
  });
  const groups = seed.securityGroups ?? [];
  // Create all groups first so rules may reference any of them by name.
  const created = groups.map((g, i) => {
    if (!g.name) fail(`${field}.securityGroups[${i}].name`, 'is required');
    return createSecurityGroup(region, vpc.vpcId, g.name, g.description ?? g.name, tagsOf(undefined, g.tags), stableIds, `${region.name}/vpc/${seed.name}/sg/${g.name}`);
  });
  groups.forEach((g, i) => {
    const group = created[i];
    const f = `${field}.securityGroups[${i}]`;
    const toRule = (r: SeedRule, egress: boolean, j: number): SgRuleRec => {
      const rf = `${f}.${egress ? 'egress' : 'ingress'}[${j}]`;
      const ipProtocol = seedField(rf, () => normalizeSgProtocol(r.protocol));
      const ported = ipProtocol === 'tcp' || ipProtocol === 'udp';
      if (ported && (r.fromPort === undefined || r.toPort === undefined)) fail(rf, 'needs fromPort and toPort for tcp/udp');
      let referencedGroupId: string | undefined;
      if (r.group) {
        const ref = r.group === 'self' ? group : region.groupByName(vpc.vpcId, r.group);
        if (!ref) fail(`${rf}.group`, `names ${r.group}, which is not a security group of ${seed.name}`);
        referencedGroupId = ref.groupId;
      } else if (!r.cidr || !parseCidr(r.cidr)) {
        fail(rf, 'needs a valid cidr or a group');
      }
      return {
        ruleId: stableId('sgr', `${group.groupId}/${egress}/${j}`),
        egress,
        ipProtocol,
        fromPort: ported ? (r.fromPort as number) : -1,
        toPort: ported ? (r.toPort as number) : -1,
        cidrIpv4: referencedGroupId ? undefined : r.cidr,
        referencedGroupId,
        description: r.description,
        tags: new Map(),
      };
    };
    const ingress = (g.ingress ?? []).map((r, j) => toRule(r, false, j));
    const egress = g.egress ? g.egress.map((r, j) => toRule(r, true, j)) : group.rules.filter((r) => r.egress);
    group.rules = [...ingress, ...egress];
  });
}

function naclEntry(e: SeedNaclEntryLike, field: string): NaclEntryRec {
  if (!Number.isInteger(e.ruleNumber) || e.ruleNumber < 1 || e.ruleNumber > 32766) fail(`${field}.ruleNumber`, 'must be an integer from 1 to 32766');
  if (e.ruleAction !== 'allow' && e.ruleAction !== 'deny') fail(`${field}.ruleAction`, 'must be "allow" or "deny"');
  if (!parseCidr(e.cidrBlock ?? '')) fail(`${field}.cidrBlock`, 'must be a CIDR block');
  return { ruleNumber: e.ruleNumber, egress: !!e.egress, protocol: seedField(`${field}.protocol`, () => normalizeNaclProtocol(e.protocol)), ruleAction: e.ruleAction, cidrBlock: e.cidrBlock, portRange: e.portRange };
}

type SeedNaclEntryLike = NonNullable<SeedVpc['defaultNetworkAclEntries']>[number];
