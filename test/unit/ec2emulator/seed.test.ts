// Seed loading: the default seed builds the agreed data; bad seeds fail naming the field.
import assert from 'node:assert/strict';
import { buildState, loadSeed, SeedError } from '../../../sandbox/ec2/seed';
import type { Ec2Seed } from '../../../sandbox/ec2/types';

const minimal = (): Ec2Seed => ({
  accountId: '123456789012',
  regions: [{ name: 'us-east-1', availabilityZones: ['us-east-1a'], vpcs: [{ name: 'v', cidrBlock: '127.10.0.0/16', subnets: [{ cidrBlock: '127.10.1.0/24', availabilityZone: 'us-east-1a' }] }] }],
});

describe('ec2emulator/seed', () => {
  it('the default seed: two regions, the agreed VPCs, services and application instance, with stable ids', () => {
    const state = buildState(loadSeed(undefined));
    const us = state.regions.get('us-east-1');
    assert.ok(us);
    const names = [...us.vpcs.values()].map((v) => [v.tags.get('Name'), v.cidrBlock, v.enableDnsHostnames, v.isDefault]);
    assert.deepEqual(names, [
      ['app-vpc', '127.10.0.0/16', true, false],
      ['legacy-vpc', '127.11.0.0/16', false, false],
      ['default', '127.12.0.0/16', true, true],
    ]);
    assert.equal(us.subnets.size, 9);
    assert.equal(us.networkAcls.size, 3);
    const service = us.services.get('com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001');
    assert.deepEqual([service?.availabilityZones, service?.privateDnsName, service?.acceptanceRequired], [['us-east-1a', 'us-east-1b'], '*.private-pg.psdb.cloud', false]);
    const instance = [...us.instances.values()][0];
    assert.equal(instance.privateIpAddress, '127.10.1.50');
    assert.deepEqual(instance.groupIds.map((id) => us.securityGroups.get(id)?.groupName), ['app-servers']);
    const eu = state.regions.get('eu-west-1');
    assert.ok(eu?.services.has('com.amazonaws.vpce.eu-west-1.vpce-svc-0f1e2d3c4b5a60002'));
    const again = buildState(loadSeed(undefined));
    assert.deepEqual([...again.regions.get('us-east-1')!.vpcs.keys()], [...us.vpcs.keys()], 'ids are stable across runs');
    for (const id of us.vpcs.keys()) assert.match(id, /^vpc-[0-9a-f]{17}$/);
  });

  it('bad seeds fail with a SeedError naming the field', () => {
    const cases: [(s: Ec2Seed) => void, RegExp][] = [
      [(s) => (s.accountId = '42'), /accountId/],
      [(s) => (s.regions[0].name = 'moon-base'), /regions\[0\]\.name/],
      [(s) => (s.regions[0].vpcs[0].cidrBlock = '127.10.0.0/8'), /regions\[0\]\.vpcs\[0\]\.cidrBlock/],
      [(s) => (s.regions[0].vpcs[0].subnets[0].cidrBlock = '127.99.1.0/24'), /subnets\[0\]\.cidrBlock/],
      [(s) => (s.regions[0].vpcs[0].subnets[0].availabilityZone = 'us-east-1z'), /subnets\[0\]\.availabilityZone/],
      [(s) => (s.regions[0].instances = [{ name: 'i', vpc: 'v', subnet: '127.10.1.0/24', privateIpAddress: '127.10.2.5', securityGroups: [] }]), /instances\[0\]\.privateIpAddress/],
      [(s) => (s.regions[0].vpcs[0].securityGroups = [{ name: 'g', ingress: [{ protocol: 'tcp', cidr: '0.0.0.0/0' }] }]), /ingress\[0\]/],
      [(s) => (s.regions[0].vpcs[0].securityGroups = [{ name: 'g', ingress: [{ protocol: 'telepathy', cidr: '0.0.0.0/0' }] }]), /ingress\[0\] is invalid: .*telepathy/],
      [(s) => (s.faults = { throttleNextCalls: -3 }), /throttleNextCalls/],
    ];
    for (const [mutate, field] of cases) {
      const seed = minimal();
      mutate(seed);
      assert.throws(() => buildState(seed), (err: Error) => err instanceof SeedError && field.test(err.message), field.source);
    }
    assert.throws(() => loadSeed('/nonexistent/seed.json'), (err: Error) => err instanceof SeedError && /nonexistent/.test(err.message));
  });
});
