// Interface endpoints over time through the real SDK: what a create makes (interfaces, DNS
// entries, the in-process view), the lifecycle (short delays, an injected clock, scenarios,
// acceptance), and delete with its lingering interfaces.
import assert from 'node:assert/strict';
import {
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  DeleteSecurityGroupCommand,
  DeleteVpcEndpointsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeVpcEndpointsCommand,
} from '@aws-sdk/client-ec2';
import { APP_SERVICE, type Fixture, rejection, startCustom, startFixture, waitFor } from './emulatorFixture';
import { useEndpointFixture } from './endpointFixture';

describe('ec2emulator: VPC endpoints, lifecycle', function () {
  this.timeout(20000);
  let fx: Fixture;
  const { input, create, describeOne, waitState } = useEndpointFixture((f) => (fx = f));

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
});
