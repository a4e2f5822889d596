// Interface endpoints through the real SDK: validations and their error codes, interfaces and
// DNS entries, the lifecycle over time (short delays), ClientToken idempotency, modify, delete.
import assert from 'node:assert/strict';
import {
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  DeleteSecurityGroupCommand,
  DeleteVpcEndpointsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeVpcEndpointsCommand,
  ModifyVpcEndpointCommand,
  type CreateVpcEndpointCommandInput,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { APP_SERVICE, type Fixture, rejection, startCustom, startFixture, useFixture, waitFor } from './emulatorFixture';

const AVAILABLE_AFTER_MS = 150;

describe('ec2emulator: VPC endpoints', function () {
  this.timeout(20000);
  let fx: Fixture;

  useFixture((f) => (fx = f), { endpointAvailableAfterMs: AVAILABLE_AFTER_MS, deleteAfterMs: 150, eniLingerMs: 300 });

  const input = (over: Partial<CreateVpcEndpointCommandInput> = {}): CreateVpcEndpointCommandInput => ({
    VpcEndpointType: 'Interface',
    VpcId: fx.ids.appVpc,
    ServiceName: APP_SERVICE,
    SubnetIds: [fx.ids.subnetA, fx.ids.subnetB],
    SecurityGroupIds: [fx.ids.appServersSg],
    PrivateDnsEnabled: true,
    TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'planetscale-privatelink:branch', Value: 'acme/orders/main' }] }],
    ...over,
  });
  const create = (over: Partial<CreateVpcEndpointCommandInput> = {}) => fx.ec2().send(new CreateVpcEndpointCommand(input(over)));
  const describeOne = async (id: string): Promise<VpcEndpoint> => {
    const res = await fx.ec2().send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    return res.VpcEndpoints?.[0] as VpcEndpoint;
  };
  const waitState = (id: string, state: string) =>
    waitFor(
      () => describeOne(id),
      (e) => e.State === state,
    );

  it('creates a pending endpoint with one interface per subnet, IPs from .10 inside each subnet, and the SGs', async () => {
    const { VpcEndpoint: ep } = await create();
    assert.ok(ep);
    assert.match(ep.VpcEndpointId ?? '', /^vpce-[0-9a-f]{17}$/);
    assert.equal(ep.State, 'pending');
    assert.equal(ep.VpcEndpointType, 'Interface');
    assert.equal(ep.PrivateDnsEnabled, true);
    assert.deepEqual(ep.SubnetIds, [fx.ids.subnetA, fx.ids.subnetB]);
    assert.deepEqual(ep.Groups?.map((g) => [g.GroupId, g.GroupName]), [[fx.ids.appServersSg, 'app-servers']]);
    assert.deepEqual(ep.Tags, [{ Key: 'planetscale-privatelink:branch', Value: 'acme/orders/main' }]);
    assert.equal(ep.NetworkInterfaceIds?.length, 2);
    const dns = ep.DnsEntries?.map((d) => d.DnsName ?? '') ?? [];
    assert.ok(dns.includes('*.private-pg.psdb.cloud'));
    assert.ok(dns.some((d) => d.startsWith(`${ep.VpcEndpointId}-`) && d.endsWith('.vpce-svc-0a1b2c3d4e5f60001.us-east-1.vpce.amazonaws.com')));
    assert.ok(dns.some((d) => d.includes('-us-east-1a.')));

    const enis = await fx.ec2().send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ep.NetworkInterfaceIds }));
    const byIp = enis.NetworkInterfaces?.map((n) => [n.SubnetId, n.PrivateIpAddress]).sort();
    assert.deepEqual(byIp, [
      [fx.ids.subnetA, '127.10.1.10'],
      [fx.ids.subnetB, '127.10.2.10'],
    ].sort());
    for (const eni of enis.NetworkInterfaces ?? []) {
      assert.equal(eni.InterfaceType, 'vpc_endpoint');
      assert.equal(eni.RequesterManaged, true);
      assert.equal(eni.Description, `VPC Endpoint Interface ${ep.VpcEndpointId}`);
      assert.deepEqual(eni.Groups?.map((g) => g.GroupId), [fx.ids.appServersSg]);
      assert.equal(eni.VpcId, fx.ids.appVpc);
    }
    const byFilter = await fx.ec2().send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'interface-type', Values: ['vpc_endpoint'] }, { Name: 'vpc-id', Values: [fx.ids.appVpc] }] }),
    );
    assert.equal(byFilter.NetworkInterfaces?.length, 2);

    // A second endpoint (another service name is not needed: no private DNS) takes the next IPs.
    const second = await create({ PrivateDnsEnabled: false, SubnetIds: [fx.ids.subnetA] });
    const secondEni = await fx.ec2().send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: second.VpcEndpoint?.NetworkInterfaceIds }));
    assert.equal(secondEni.NetworkInterfaces?.[0].PrivateIpAddress, '127.10.1.11');
  });

  it('the in-process view follows the endpoint: interfaces, state, private DNS, and onChange fires', async () => {
    let changes = 0;
    const off = fx.emulator.onChange(() => changes++);
    const { VpcEndpoint: ep } = await create();
    assert.ok(changes >= 1, 'create notifies');
    const view = fx.emulator.endpoints('us-east-1').find((e) => e.endpointId === ep?.VpcEndpointId);
    assert.equal(view?.state, 'pending');
    assert.equal(view?.privateDnsEnabled, true);
    assert.equal(view?.servicePrivateDnsName, '*.private-pg.psdb.cloud');
    assert.deepEqual(view?.interfaces.map((i) => i.ip).sort(), ['127.10.1.10', '127.10.2.10']);
    assert.deepEqual(view?.securityGroupIds, [fx.ids.appServersSg]);
    const before = changes;
    await waitFor(
      async () => fx.emulator.endpoints('us-east-1').find((e) => e.endpointId === ep?.VpcEndpointId)?.state,
      (s) => s === 'available',
    );
    assert.ok(changes > before, 'the timed transition notifies listeners without any request');
    off();
    assert.deepEqual(fx.emulator.endpoints('eu-west-1'), []);
  });

  it('pending → available after the configured delay (setEndpointDelay)', async () => {
    const delay = 1500; // long enough to observe `pending` on a busy machine
    fx.emulator.setEndpointDelay(delay);
    const started = Date.now();
    const { VpcEndpoint: ep } = await create();
    const id = ep?.VpcEndpointId as string;
    assert.equal((await describeOne(id)).State, 'pending');
    const done = await waitState(id, 'available');
    assert.equal(done.State, 'available');
    assert.ok(Date.now() - started >= delay - 5, 'not before the delay');
    const filtered = await fx.ec2().send(
      new DescribeVpcEndpointsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [fx.ids.appVpc] },
          { Name: 'service-name', Values: [APP_SERVICE] },
          { Name: 'vpc-endpoint-state', Values: ['available'] },
          { Name: 'tag:planetscale-privatelink:branch', Values: ['acme/orders/main'] },
        ],
      }),
    );
    assert.deepEqual(filtered.VpcEndpoints?.map((e) => e.VpcEndpointId), [id]);
    const none = await fx.ec2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-endpoint-state', Values: ['pending'] }] }));
    assert.deepEqual(none.VpcEndpoints, []);
  });

  it('an injected clock drives the lifecycle', async () => {
    let now = 1_700_000_000_000;
    const clocked = await startFixture({ endpointAvailableAfterMs: 60_000, now: () => now });
    try {
      const { VpcEndpoint: ep } = await clocked.ec2().send(new CreateVpcEndpointCommand(input({ VpcId: clocked.ids.appVpc, SubnetIds: [clocked.ids.subnetA], SecurityGroupIds: [clocked.ids.appServersSg] })));
      assert.equal(ep?.CreationTimestamp?.getTime(), now);
      now += 59_000;
      let res = await clocked.ec2().send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [ep?.VpcEndpointId as string] }));
      assert.equal(res.VpcEndpoints?.[0].State, 'pending');
      now += 1_000;
      res = await clocked.ec2().send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [ep?.VpcEndpointId as string] }));
      assert.equal(res.VpcEndpoints?.[0].State, 'available');
    } finally {
      await clocked.close();
    }
  });

  it('scenarios: the next endpoint fails, is rejected, or waits for acceptance', async () => {
    fx.emulator.setFaults({ nextEndpointOutcome: 'failed' });
    const failed = (await create()).VpcEndpoint?.VpcEndpointId as string;
    const failedDone = await waitState(failed, 'failed');
    assert.ok(failedDone.FailureReason || failedDone.LastError?.Message);
    assert.equal(fx.emulator.faults().nextEndpointOutcome, null, 'a scenario applies once');

    fx.emulator.setFaults({ nextEndpointOutcome: 'rejected' });
    const rejected = (await create({ PrivateDnsEnabled: false })).VpcEndpoint;
    assert.equal(rejected?.State, 'pendingAcceptance');
    assert.equal((await waitState(rejected?.VpcEndpointId as string, 'rejected')).State, 'rejected');

    fx.emulator.setFaults({ nextEndpointOutcome: 'pendingAcceptance' });
    const waiting = (await create({ PrivateDnsEnabled: false })).VpcEndpoint?.VpcEndpointId as string;
    // The next one is normal again; once it is available, the delay has passed for both.
    const normal = (await create({ PrivateDnsEnabled: false })).VpcEndpoint?.VpcEndpointId as string;
    assert.equal((await waitState(normal, 'available')).State, 'available');
    assert.equal((await describeOne(waiting)).State, 'pendingAcceptance');
    fx.emulator.setEndpointState(waiting, 'available');
    assert.equal((await describeOne(waiting)).State, 'available');
  });

  it('a service that requires acceptance starts at pendingAcceptance and stays there', async () => {
    const custom = await startCustom({
      endpointAvailableAfterMs: 50,
      seed: {
        accountId: '123456789012',
        regions: [
          {
            name: 'us-east-1',
            availabilityZones: ['us-east-1a', 'us-east-1b'],
            vpcs: [{ name: 'app-vpc', cidrBlock: '127.10.0.0/16', enableDnsHostnames: true, subnets: [{ name: 's', cidrBlock: '127.10.1.0/24', availabilityZone: 'us-east-1a' }] }],
            endpointServices: [{ serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0aaaaaaaaaaaaaaaa', availabilityZones: ['us-east-1a'], acceptanceRequired: true, owner: '111122223333' }],
          },
        ],
      },
    });
    try {
      const createOne = () =>
        custom.ec2.send(
          new CreateVpcEndpointCommand({
            VpcEndpointType: 'Interface',
            VpcId: custom.emulator.vpcIdByName('us-east-1', 'app-vpc'),
            ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0aaaaaaaaaaaaaaaa',
            SubnetIds: [custom.emulator.subnetIdByName('us-east-1', 's') as string],
          }),
        );
      const res = await createOne();
      assert.equal(res.VpcEndpoint?.State, 'pendingAcceptance');
      assert.equal(res.VpcEndpoint?.PrivateDnsEnabled, false, 'no private DNS name: default off');
      // A witness accepted at once (fault) becomes available after the delay: by then the first
      // one would have moved, had anything been scheduled for it.
      custom.emulator.setFaults({ nextEndpointOutcome: 'available' });
      const witness = (await createOne()).VpcEndpoint?.VpcEndpointId;
      const describeAll = () => custom.ec2.send(new DescribeVpcEndpointsCommand({}));
      await waitFor(describeAll, (out) => (out.VpcEndpoints?.find((e) => e.VpcEndpointId === witness)?.State as string | undefined) === 'available');
      const later = await describeAll();
      assert.equal(later.VpcEndpoints?.find((e) => e.VpcEndpointId === res.VpcEndpoint?.VpcEndpointId)?.State, 'pendingAcceptance');
    } finally {
      await custom.close();
    }
  });

  it('validations: private DNS needs both VPC DNS attributes', async () => {
    const err = await rejection(create({ VpcId: fx.ids.legacyVpc, SubnetIds: [fx.ids.legacySubnetA], SecurityGroupIds: [] }));
    assert.equal(err.name, 'InvalidParameter');
    assert.match(err.message, /enableDnsSupport and enableDnsHostnames/);
    assert.match(err.message, new RegExp(fx.ids.legacyVpc));
    // Without private DNS the same request succeeds, with the VPC's default group.
    const ok = await create({ VpcId: fx.ids.legacyVpc, SubnetIds: [fx.ids.legacySubnetA], SecurityGroupIds: [], PrivateDnsEnabled: false });
    assert.equal(ok.VpcEndpoint?.Groups?.[0].GroupName, 'default');
  });

  it('validations: a subnet in an AZ the service does not offer', async () => {
    const az = await rejection(create({ SubnetIds: [fx.ids.subnetA, fx.ids.subnetC] }));
    assert.equal(az.name, 'InvalidParameter');
    assert.match(az.message, new RegExp(fx.ids.subnetC));
    assert.match(az.message, /availability zone/);
  });

  it('validations: DuplicateSubnetsInSameZone, wrong VPC, unknown ids and service', async () => {
    const custom = await startCustom({
      seed: {
        accountId: '123456789012',
        regions: [
          {
            name: 'us-east-1',
            availabilityZones: ['us-east-1a', 'us-east-1b'],
            vpcs: [
              {
                name: 'v',
                cidrBlock: '127.30.0.0/16',
                enableDnsHostnames: true,
                subnets: [
                  { name: 'a1', cidrBlock: '127.30.1.0/24', availabilityZone: 'us-east-1a' },
                  { name: 'a2', cidrBlock: '127.30.2.0/24', availabilityZone: 'us-east-1a' },
                ],
              },
            ],
            endpointServices: [{ serviceName: APP_SERVICE, availabilityZones: ['us-east-1a', 'us-east-1b'], privateDnsName: '*.private-pg.psdb.cloud', owner: '111122223333' }],
          },
        ],
      },
    });
    try {
      const vpcId = custom.emulator.vpcIdByName('us-east-1', 'v') as string;
      const a1 = custom.emulator.subnetIdByName('us-east-1', 'a1') as string;
      const a2 = custom.emulator.subnetIdByName('us-east-1', 'a2') as string;
      const dup = await rejection(custom.ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: vpcId, ServiceName: APP_SERVICE, SubnetIds: [a1, a2] })));
      assert.equal(dup.name, 'DuplicateSubnetsInSameZone');
      assert.equal(dup.$metadata?.httpStatusCode, 400);
    } finally {
      await custom.close();
    }
    assert.equal((await rejection(create({ SubnetIds: [fx.ids.legacySubnetA] }))).name, 'InvalidParameter');
    assert.equal((await rejection(create({ VpcId: 'vpc-00000000000000000' }))).name, 'InvalidVpcID.NotFound');
    assert.equal((await rejection(create({ SubnetIds: ['subnet-00000000000000000'] }))).name, 'InvalidSubnetID.NotFound');
    assert.equal((await rejection(create({ SecurityGroupIds: ['sg-00000000000000000'] }))).name, 'InvalidGroup.NotFound');
    const svc = await rejection(create({ ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0ffffffffffffffff' }));
    assert.equal(svc.name, 'InvalidServiceName');
    const gateway = await rejection(create({ VpcEndpointType: undefined }));
    assert.equal(gateway.name, 'InvalidParameter', 'the default type is Gateway, which the service does not offer');
    assert.deepEqual(fx.emulator.endpoints(), [], 'refused creates leave nothing behind');
  });

  it('validations: a second private-DNS endpoint for the same service in a VPC conflicts', async () => {
    await create();
    const conflict = await rejection(create());
    assert.equal(conflict.name, 'InvalidParameter');
    assert.match(conflict.message, /conflicting DNS domain for private-pg\.psdb\.cloud/);
    const withoutDns = await create({ PrivateDnsEnabled: false });
    assert.equal(withoutDns.VpcEndpoint?.PrivateDnsEnabled, false);
  });

  it('DryRun: DryRunOperation when the create would succeed, the validation error otherwise; nothing is created', async () => {
    const dry = await rejection(create({ DryRun: true }));
    assert.equal(dry.name, 'DryRunOperation');
    assert.equal(dry.$metadata?.httpStatusCode, 412);
    const dryBad = await rejection(create({ DryRun: true, VpcId: fx.ids.legacyVpc, SubnetIds: [fx.ids.legacySubnetA], SecurityGroupIds: [] }));
    assert.equal(dryBad.name, 'InvalidParameter');
    assert.deepEqual(fx.emulator.endpoints(), []);
    const { VpcEndpoint: ep } = await create();
    const id = ep?.VpcEndpointId as string;
    assert.equal((await rejection(fx.ec2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id], DryRun: true })))).name, 'DryRunOperation');
    assert.equal((await rejection(fx.ec2().send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, PrivateDnsEnabled: false, DryRun: true })))).name, 'DryRunOperation');
    const still = await describeOne(id);
    assert.notEqual(still.State, 'deleting');
    assert.equal(still.PrivateDnsEnabled, true);
  });

  it('ClientToken: a repeated create returns the same endpoint; a different request with the token is IdempotentParameterMismatch', async () => {
    const first = await create({ ClientToken: 'token-1' });
    const again = await create({ ClientToken: 'token-1' });
    assert.equal(again.VpcEndpoint?.VpcEndpointId, first.VpcEndpoint?.VpcEndpointId);
    assert.equal(again.ClientToken, 'token-1');
    assert.equal(fx.emulator.endpoints().length, 1);
    const mismatch = await rejection(create({ ClientToken: 'token-1', SubnetIds: [fx.ids.subnetA] }));
    assert.equal(mismatch.name, 'IdempotentParameterMismatch');
    assert.equal(fx.emulator.endpoints().length, 1);
  });

  it('ModifyVpcEndpoint: private DNS on and off, subnets and security groups', async () => {
    const { VpcEndpoint: ep } = await create({ PrivateDnsEnabled: false, SubnetIds: [fx.ids.subnetA] });
    const id = ep?.VpcEndpointId as string;
    const res = await fx.ec2().send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, PrivateDnsEnabled: true, AddSubnetIds: [fx.ids.subnetB], AddSecurityGroupIds: [fx.ids.appDefaultSg] }));
    assert.equal(res.Return, true);
    const after = await describeOne(id);
    assert.equal(after.PrivateDnsEnabled, true);
    assert.ok(after.DnsEntries?.some((d) => d.DnsName === '*.private-pg.psdb.cloud'));
    assert.deepEqual(after.SubnetIds, [fx.ids.subnetA, fx.ids.subnetB]);
    assert.equal(after.NetworkInterfaceIds?.length, 2);
    const view = fx.emulator.endpoints().find((e) => e.endpointId === id);
    assert.deepEqual(view?.interfaces.map((i) => i.securityGroupIds.length), [2, 2]);

    await fx.ec2().send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, RemoveSubnetIds: [fx.ids.subnetA], RemoveSecurityGroupIds: [fx.ids.appDefaultSg] }));
    const removed = await describeOne(id);
    assert.deepEqual(removed.SubnetIds, [fx.ids.subnetB]);
    assert.equal(removed.NetworkInterfaceIds?.length, 1);
    assert.deepEqual(removed.Groups?.map((g) => g.GroupId), [fx.ids.appServersSg]);

    const bad = await rejection(fx.ec2().send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, AddSubnetIds: [fx.ids.subnetC] })));
    assert.equal(bad.name, 'InvalidParameter');
    const missing = await rejection(fx.ec2().send(new ModifyVpcEndpointCommand({ VpcEndpointId: 'vpce-00000000000000000', PrivateDnsEnabled: true })));
    assert.equal(missing.name, 'InvalidVpcEndpointId.NotFound');
  });

  it('delete: deleting → deleted, still describable; interfaces linger and hold the security group (DependencyViolation)', async () => {
    const sg = await fx.ec2().send(new CreateSecurityGroupCommand({ GroupName: 'endpoint-sg', Description: 'endpoint', VpcId: fx.ids.appVpc }));
    const { VpcEndpoint: ep } = await create({ SecurityGroupIds: [sg.GroupId as string] });
    const id = ep?.VpcEndpointId as string;
    await waitState(id, 'available');
    const del = await fx.ec2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id, 'vpce-00000000000000000'] }));
    assert.deepEqual(del.Unsuccessful?.map((u) => [u.ResourceId, u.Error?.Code]), [['vpce-00000000000000000', 'InvalidVpcEndpoint.NotFound']]);
    assert.equal((await describeOne(id)).State, 'deleting');
    assert.equal((await rejection(fx.ec2().send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId })))).name, 'DependencyViolation');
    const deleted = await waitState(id, 'deleted');
    assert.equal(deleted.State, 'deleted');
    // Interfaces still there right after deletion: the group is still in use.
    assert.equal((await rejection(fx.ec2().send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId })))).name, 'DependencyViolation');
    const gone = await waitFor(
      () => fx.ec2().send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: [sg.GroupId as string] }] })),
      (r) => (r.NetworkInterfaces ?? []).length === 0,
    );
    assert.deepEqual(gone.NetworkInterfaces, []);
    await fx.ec2().send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId }));
    // A deleted endpoint no longer blocks a new private-DNS endpoint.
    const again = await create();
    assert.equal(again.VpcEndpoint?.State, 'pending');
    // Deleting a deleted endpoint is reported as not found.
    const twice = await fx.ec2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    assert.equal(twice.Unsuccessful?.[0]?.Error?.Code, 'InvalidVpcEndpoint.NotFound');
  });

  it('DescribeVpcEndpoints: unknown id is InvalidVpcEndpointId.NotFound', async () => {
    const err = await rejection(fx.ec2().send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-00000000000000000'] })));
    assert.equal(err.name, 'InvalidVpcEndpointId.NotFound');
  });
});
