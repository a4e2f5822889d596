import assert from 'node:assert/strict';
import { validateEndpointForm } from '../../../src/aws/createEndpoint/formValidation';
import type { HostSnapshot, VpcDetailsView } from '../../../src/webviews/protocol/createEndpointProtocol';
import {
  applyPrefill,
  clientGroupCandidates,
  emptyValues,
  factsFor,
  splitCidrs,
  subnetsByZone,
  toFormInput,
  withVpcDefaults,
} from '../../../media/src/createEndpoint/formValues';

const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';
const VPC = 'vpc-0aaaaaaaaaaaaaaa1';

function details(): VpcDetailsView {
  return {
    vpc: { id: VPC, name: 'app-vpc', cidrBlock: '127.10.0.0/16', cidrBlocks: ['127.10.0.0/16'], isDefault: false },
    dns: { enableDnsSupport: true, enableDnsHostnames: true },
    subnets: [
      { id: 'subnet-0ccccccccccccccc3', vpcId: VPC, availabilityZone: 'us-east-1c', cidrBlock: '127.10.3.0/24', availableIpAddressCount: 250 },
      { id: 'subnet-0aaaaaaaaaaaaaaa1', vpcId: VPC, availabilityZone: 'us-east-1a', cidrBlock: '127.10.1.0/24', availableIpAddressCount: 10 },
      { id: 'subnet-0aaaaaaaaaaaaaaa2', vpcId: VPC, availabilityZone: 'us-east-1a', cidrBlock: '127.10.4.0/24', availableIpAddressCount: 200 },
      { id: 'subnet-0bbbbbbbbbbbbbbb1', vpcId: VPC, availabilityZone: 'us-east-1b', cidrBlock: '127.10.2.0/24', availableIpAddressCount: 100 },
    ],
    securityGroups: [
      { id: 'sg-0000000000000000d', name: 'default', vpcId: VPC, tags: {}, ingress: [] },
      { id: 'sg-0aaaaaaaaaaaaaaa1', name: 'app-servers', vpcId: VPC, tags: {}, ingress: [] },
      { id: 'sg-0eeeeeeeeeeeeeee1', name: 'PScalePrivateLinkEndpointSG', vpcId: VPC, tags: { 'planetscale-privatelink:created-by': 'vscode-extension' }, ingress: [] },
    ],
    endpoints: [
      { id: 'vpce-0111111111111111a', serviceName: SERVICE, state: 'available', privateDnsEnabled: true, tags: {} },
      { id: 'vpce-0222222222222222b', serviceName: 'com.amazonaws.us-east-1.s3', state: 'available', privateDnsEnabled: false, tags: {} },
    ],
  };
}

const service = { serviceName: SERVICE, availabilityZones: ['us-east-1a', 'us-east-1b'], privateDnsNames: ['*.private-pg.psdb.cloud'], acceptanceRequired: false };

function snapshot(extra: Partial<HostSnapshot> = {}): HostSnapshot {
  return { profile: 'p', region: 'us-east-1', profiles: ['p'], regions: ['us-east-1'], origin: { kind: 'palette' }, prefill: {}, ...extra };
}

describe('Create Endpoint form values (webview side)', () => {
  it('prefills only empty fields', () => {
    const typed = { ...emptyValues(), serviceName: 'typed' };
    const out = applyPrefill(typed, { prefill: { serviceName: SERVICE, vpcId: VPC, nameTag: 'planetscale-orders-main' } });
    assert.equal(out.serviceName, 'typed');
    assert.equal(out.vpcId, VPC);
    assert.equal(out.nameTag, 'planetscale-orders-main');
  });

  it('splits CIDRs on commas, spaces and new lines', () => {
    assert.deepEqual(splitCidrs(' 10.0.0.0/16, 10.1.0.0/16\n10.2.0.0/16;;'), ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16']);
    assert.deepEqual(splitCidrs('   '), []);
  });

  it('sends only the chosen security-group variant and the chosen source', () => {
    const values = { ...emptyValues(), serviceName: SERVICE, vpcId: VPC, subnetByAz: { 'us-east-1a': 'subnet-a', 'us-east-1b': '' }, sourceGroupIds: ['sg-1'], cidrsText: '10.0.0.0/16' };
    const created = toFormInput(values, 'us-east-1', 'acme/orders/main');
    assert.deepEqual(created.subnetIds, ['subnet-a']);
    assert.deepEqual(created.securityGroup, { mode: 'create', groupName: 'PScalePrivateLinkEndpointSG', sourceKind: 'securityGroups', sourceGroupIds: ['sg-1'], cidrs: [] });
    assert.equal(created.branch, 'acme/orders/main');
    const byCidr = toFormInput({ ...values, sourceKind: 'cidrs' }, 'us-east-1');
    assert.deepEqual(byCidr.securityGroup, { mode: 'create', groupName: 'PScalePrivateLinkEndpointSG', sourceKind: 'cidrs', sourceGroupIds: [], cidrs: ['10.0.0.0/16'] });
    assert.equal('branch' in byCidr, false);
    assert.deepEqual(toFormInput({ ...values, sgMode: 'existing', existingGroupId: 'sg-9' }, 'us-east-1').securityGroup, { mode: 'existing', groupId: 'sg-9' });
  });

  it('groups subnets by zone in order and marks what the service offers', () => {
    const zones = subnetsByZone(details(), service);
    assert.deepEqual(zones.map((z) => [z.zone, z.offered, z.subnets.length]), [
      ['us-east-1a', true, 2],
      ['us-east-1b', true, 1],
      ['us-east-1c', false, 1],
    ]);
    assert.equal(subnetsByZone(details(), undefined)[0].offered, undefined);
  });

  it('offers only application groups as client sources', () => {
    assert.deepEqual(clientGroupCandidates(details()).map((g) => g.name), ['app-servers']);
  });

  it('fills defaults once per VPC: one roomy subnet per offered zone, the VPC CIDR, the only client group', () => {
    const start = { ...emptyValues(), vpcId: VPC };
    const filled = withVpcDefaults(start, details(), service);
    assert.deepEqual(filled.subnetByAz, { 'us-east-1a': 'subnet-0aaaaaaaaaaaaaaa2', 'us-east-1b': 'subnet-0bbbbbbbbbbbbbbb1' });
    assert.equal(filled.cidrsText, '127.10.0.0/16');
    assert.deepEqual(filled.sourceGroupIds, ['sg-0aaaaaaaaaaaaaaa1']);
    // The user's later choices are not overwritten by a second call.
    const edited = { ...filled, subnetByAz: { 'us-east-1a': 'subnet-0aaaaaaaaaaaaaaa1' }, sourceGroupIds: [] };
    assert.equal(withVpcDefaults(edited, details(), service), edited);
  });

  it('switches the source to the VPC CIDR when the VPC has no application group', () => {
    const bare = { ...details(), securityGroups: details().securityGroups.filter((g) => g.name === 'default') };
    const filled = withVpcDefaults({ ...emptyValues(), vpcId: VPC }, bare, service);
    assert.equal(filled.sourceKind, 'cidrs');
    assert.deepEqual(toFormInput(filled, 'us-east-1').securityGroup, { mode: 'create', groupName: 'PScalePrivateLinkEndpointSG', sourceKind: 'cidrs', sourceGroupIds: [], cidrs: ['127.10.0.0/16'] });
  });

  it('lets the default CIDR follow the chosen VPC until the user edits it', () => {
    const first = withVpcDefaults({ ...emptyValues(), vpcId: VPC }, details(), service);
    assert.equal(first.cidrsText, '127.10.0.0/16');
    const other = { ...details(), vpc: { ...details().vpc, id: 'vpc-0ffffffffffffffff', cidrBlock: '127.20.0.0/16' } };
    const switched = withVpcDefaults({ ...first, vpcId: other.vpc.id, subnetByAz: {} }, other, service);
    assert.equal(switched.cidrsText, '127.20.0.0/16', 'the untouched default is the new VPC\'s block');
    const typed = { ...first, cidrsText: '127.10.5.0/24' };
    const kept = withVpcDefaults({ ...typed, vpcId: other.vpc.id, subnetByAz: {} }, other, service);
    assert.equal(kept.cidrsText, '127.10.5.0/24', 'what the user typed stays');
  });

  it('fills subnets later, once the service is verified', () => {
    const withoutService = withVpcDefaults({ ...emptyValues(), vpcId: VPC }, details(), undefined);
    assert.deepEqual(withoutService.subnetByAz, {});
    const withService = withVpcDefaults(withoutService, details(), service);
    assert.deepEqual(Object.keys(withService.subnetByAz).sort(), ['us-east-1a', 'us-east-1b']);
  });

  it('ignores details of another VPC', () => {
    const values = { ...emptyValues(), vpcId: 'vpc-0ffffffffffffffff' };
    assert.equal(withVpcDefaults(values, details(), service), values);
  });

  it('gives validation only facts that belong to the current choices', () => {
    const values = { ...emptyValues(), serviceName: SERVICE, vpcId: VPC };
    const facts = factsFor(snapshot({ service, vpcDetails: details() }), values);
    assert.equal(facts.service?.serviceName, SERVICE);
    assert.equal(facts.vpc?.id, VPC);
    assert.deepEqual(facts.existingEndpoints?.map((e) => e.id), ['vpce-0111111111111111a']);
    const other = factsFor(snapshot({ service, vpcDetails: details() }), { ...values, serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0ffffffffffffffff', vpcId: 'vpc-0ffffffffffffffff' });
    assert.deepEqual(other, {});
  });

  it('lets validation flag the clash with the existing endpoint and the unoffered zone', () => {
    const values = withVpcDefaults({ ...emptyValues(), serviceName: SERVICE, vpcId: VPC, nameTag: 'x' }, details(), service);
    const picked = { ...values, subnetByAz: { ...values.subnetByAz, 'us-east-1c': 'subnet-0ccccccccccccccc3' } };
    const result = validateEndpointForm(toFormInput(picked, 'us-east-1'), factsFor(snapshot({ service, vpcDetails: details() }), picked));
    const messages = result.issues.filter((i) => i.severity === 'error').map((i) => `${i.field}: ${i.message}`);
    assert.ok(messages.some((m) => m.startsWith('subnetIds:') && m.includes('us-east-1c')), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('privateDns:') && m.includes('vpce-0111111111111111a')), messages.join('\n'));
  });
});
