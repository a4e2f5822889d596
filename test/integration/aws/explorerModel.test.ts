// The explorer's loading against the sandbox EC2 emulator, through the real SDK over HTTP.
import assert from 'node:assert/strict';
import { CreateVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { AwsClientCache } from '../../../src/aws/awsClients';
import { listSubnets } from '../../../src/aws/ec2Queries';
import { ExplorerLoader, loadAwsExplorer, loadRegion } from '../../../src/aws/explorerModel';
import type { AwsClientOptions, AwsClients } from '../../../src/aws/types';
import { startEc2Emulator } from '../../../sandbox/ec2/index';
import { eventually } from '../../harness/eventually';
import { closedLoopbackPort } from './closedPort';
import { countOf, createAwsTestFiles, SANDBOX_PROFILE, type AwsTestFiles } from './awsFixtures';

const SERVICE_US = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';

type Emulator = Awaited<ReturnType<typeof startEc2Emulator>>;

describe('aws/explorerModel against the EC2 emulator', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let files: AwsTestFiles;
  let cache: AwsClientCache;

  const factory = (o: AwsClientOptions): AwsClients => cache.get({ ...o, env: files.env, maxAttempts: 1 });
  const ec2Calls = () => {
    const counts = emulator.callCounts();
    return Object.entries(counts)
      .filter(([action]) => !action.startsWith('sts:'))
      .reduce((sum, [, n]) => sum + n, 0);
  };

  beforeEach(async () => {
    emulator = await startEc2Emulator({ endpointAvailableAfterMs: 300 });
    files = await createAwsTestFiles();
    cache = new AwsClientCache();
  });
  afterEach(async () => {
    cache.clear();
    await emulator.close();
    await files.dispose();
  });

  it('loads the seeded VPCs with their interface endpoints, grouped by VPC', async () => {
    const clients = factory({ profile: SANDBOX_PROFILE, region: 'us-east-1', endpointUrl: emulator.url });
    const appVpcId = (await loadRegion({ clients })).vpcs.find((v) => v.vpc.name === 'app-vpc')?.vpc.id;
    assert.ok(appVpcId, 'app-vpc is seeded');
    const subnets = await listSubnets(clients.ec2, appVpcId);
    const created = await clients.ec2.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: 'Interface',
        VpcId: appVpcId,
        ServiceName: SERVICE_US,
        SubnetIds: subnets.filter((s) => s.availabilityZone !== 'us-east-1c').map((s) => s.id),
        PrivateDnsEnabled: true,
        TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: 'orders-main' }] }],
      }),
    );
    const endpointId = created.VpcEndpoint?.VpcEndpointId as string;

    const contents = await loadRegion({ clients });
    assert.equal(contents.region, 'us-east-1');
    assert.deepEqual(
      contents.vpcs.map((v) => [v.vpc.name, v.vpc.cidrBlock, v.vpc.isDefault]),
      [
        ['app-vpc', '127.10.0.0/16', false],
        ['default', '127.12.0.0/16', true],
        ['legacy-vpc', '127.11.0.0/16', false],
      ],
    );
    const app = contents.vpcs.find((v) => v.vpc.id === appVpcId);
    assert.equal(app?.endpoints.length, 1);
    const endpoint = app?.endpoints[0];
    assert.equal(endpoint?.id, endpointId);
    assert.equal(endpoint?.name, 'orders-main');
    assert.equal(endpoint?.serviceName, SERVICE_US);
    assert.equal(endpoint?.state, 'pending');
    assert.equal(endpoint?.privateDnsEnabled, true);
    assert.equal(endpoint?.subnetIds.length, 2);
    assert.equal(endpoint?.networkInterfaceIds.length, 2);
    assert.ok(endpoint?.creationTimestamp instanceof Date);
    assert.deepEqual(contents.orphanEndpoints, []);
    for (const other of contents.vpcs.filter((v) => v.vpc.id !== appVpcId)) assert.deepEqual(other.endpoints, []);

    // The emulator moves the endpoint to `available`; the state arrives normalised.
    const later = await eventually(async () => {
      const region = await loadRegion({ clients });
      return region.vpcs.find((v) => v.vpc.id === appVpcId)?.endpoints[0]?.state === 'available' ? region : undefined;
    }, 'the endpoint to become available', 10_000);
    assert.equal(later.vpcs.find((v) => v.vpc.id === appVpcId)?.endpoints[0]?.state, 'available');
  });

  it('makes exactly two EC2 calls per region refresh', async () => {
    const clients = factory({ profile: SANDBOX_PROFILE, region: 'us-east-1', endpointUrl: emulator.url });
    emulator.resetCallCounts();
    await loadRegion({ clients });
    const counts = emulator.callCounts();
    assert.equal(countOf(counts, 'DescribeVpcs'), 1);
    assert.equal(countOf(counts, 'DescribeVpcEndpoints'), 1);
    assert.equal(ec2Calls(), 2);
  });

  it('follows pagination to the end after a bulk seed, one call per page', async () => {
    emulator.bulkSeed('us-east-1', 200, 1000);
    const clients = factory({ profile: SANDBOX_PROFILE, region: 'us-east-1', endpointUrl: emulator.url });

    emulator.resetCallCounts();
    const full = await loadRegion({ clients });
    const vpcCount = full.vpcs.length;
    const endpointCount = full.vpcs.reduce((n, v) => n + v.endpoints.length, 0);
    assert.equal(vpcCount, 203);
    assert.equal(endpointCount, 1000);
    assert.deepEqual(full.orphanEndpoints, []);
    // Default page size 1000: one page of VPCs, one of endpoints.
    assert.equal(ec2Calls(), 2);

    emulator.resetCallCounts();
    const paged = await loadRegion({ clients, pageSize: 100 });
    const counts = emulator.callCounts();
    assert.equal(countOf(counts, 'DescribeVpcs'), Math.ceil(vpcCount / 100)); // 3 pages
    assert.equal(countOf(counts, 'DescribeVpcEndpoints'), Math.ceil(endpointCount / 100)); // 10 pages
    assert.equal(ec2Calls(), 13);
    assert.deepEqual(
      paged.vpcs.map((v) => [v.vpc.id, v.endpoints.map((e) => e.id)]),
      full.vpcs.map((v) => [v.vpc.id, v.endpoints.map((e) => e.id)]),
    );
  });

  it('loads two regions concurrently; a failing region hides nothing else', async () => {
    const closed = await closedLoopbackPort();
    // eu-west-1 is routed to a closed loopback port: a real connection refusal.
    const routed = (o: AwsClientOptions) => factory({ ...o, endpointUrl: o.region === 'eu-west-1' ? `http://127.0.0.1:${closed}` : o.endpointUrl });
    const result = await loadAwsExplorer({ profile: SANDBOX_PROFILE, regions: ['us-east-1', 'eu-west-1'], clientsFactory: routed, endpointUrl: emulator.url });
    assert.equal(result.identity?.account, '123456789012');
    assert.deepEqual(result.regions.map((r) => [r.region, r.ok]), [
      ['us-east-1', true],
      ['eu-west-1', false],
    ]);
    const [us, eu] = result.regions;
    assert.ok(us.ok && us.contents.vpcs.length === 3);
    assert.ok(!eu.ok && eu.error.kind === 'network' && eu.error.code === 'ECONNREFUSED');

    const both = await loadAwsExplorer({ profile: SANDBOX_PROFILE, regions: ['us-east-1', 'eu-west-1'], clientsFactory: factory, endpointUrl: emulator.url });
    const euOk = both.regions.find((r) => r.region === 'eu-west-1');
    assert.ok(euOk?.ok);
    assert.deepEqual(euOk.contents.vpcs.map((v) => v.vpc.name), ['eu-app-vpc']);
  });

  it('sends the requests of every region before any answer arrives', async () => {
    const latencyMs = 4_000;
    emulator.setFaults({ latencyMs });
    emulator.resetCallCounts();
    const started = Date.now();
    const pending = loadAwsExplorer({ profile: SANDBOX_PROFILE, regions: ['us-east-1', 'eu-west-1'], clientsFactory: factory, endpointUrl: emulator.url });
    // The emulator counts a request on arrival and answers `latencyMs` later: a sequential loader
    // sends its last 2 EC2 requests only after the first answers, a concurrent one all 4 at once.
    await eventually(() => (ec2Calls() >= 4 ? true : undefined), 'all four EC2 requests', latencyMs);
    assert.ok(Date.now() - started < latencyMs, 'all four arrived before any answer');
    assert.equal(ec2Calls(), 4);
    const result = await pending;
    assert.ok(result.regions.every((r) => r.ok));
  });

  it('refreshes one region and keeps the others cached', async () => {
    const loader = new ExplorerLoader(factory);
    const request = { profile: SANDBOX_PROFILE, regions: ['us-east-1', 'eu-west-1'], endpointUrl: emulator.url };
    await loader.load(request);
    emulator.bulkSeed('eu-west-1', 1, 0);
    emulator.resetCallCounts();
    const eu = await loader.refreshRegion({ profile: SANDBOX_PROFILE, region: 'eu-west-1', endpointUrl: emulator.url });
    assert.ok(eu.ok && eu.contents.vpcs.length === 2);
    assert.equal(ec2Calls(), 2);
    const cached = await loader.load(request);
    assert.equal(ec2Calls(), 2, 'both regions now come from the cache');
    assert.deepEqual(cached.regions.map((r) => (r.ok ? r.contents.vpcs.length : -1)), [3, 2]);
  });

  it('caches by profile, account, region and endpoint URL until refresh', async () => {
    const loader = new ExplorerLoader(factory);
    const request = { profile: SANDBOX_PROFILE, regions: ['us-east-1'], endpointUrl: emulator.url };
    emulator.resetCallCounts();
    const first = await loader.load(request);
    assert.equal(first.identity?.account, '123456789012');
    assert.equal(ec2Calls(), 2);

    const again = await loader.load(request);
    assert.equal(ec2Calls(), 2, 'a cached load makes no EC2 call');
    assert.deepEqual(again.regions, first.regions);

    await loader.load({ ...request, profile: 'other' });
    assert.equal(ec2Calls(), 4, 'another profile is another cache entry');

    emulator.bulkSeed('us-east-1', 1, 0);
    const refreshed = await loader.refresh(request);
    assert.equal(ec2Calls(), 6);
    assert.ok(refreshed.regions[0].ok && refreshed.regions[0].contents.vpcs.length === 4);
    // The profile not refreshed keeps its cached (older) view.
    const otherCached = await loader.load({ ...request, profile: 'other' });
    assert.equal(ec2Calls(), 6);
    assert.ok(otherCached.regions[0].ok && otherCached.regions[0].contents.vpcs.length === 3);
  });

  it('a newer refresh aborts an older one, which never writes the cache', async () => {
    const loader = new ExplorerLoader(factory);
    const request = { profile: SANDBOX_PROFILE, regions: ['us-east-1'], endpointUrl: emulator.url };
    emulator.setFaults({ latencyMs: 400 });
    emulator.resetCallCounts();
    const older = loader.load(request);
    const olderOutcome = older.then(
      () => 'resolved',
      (e: unknown) => (e as Error).name,
    );
    // The older refresh is in flight (its requests reached EC2) before the newer one starts.
    await eventually(() => (ec2Calls() >= 1 ? true : undefined), "the older refresh's first request", 5_000);
    emulator.clearFaults();
    emulator.bulkSeed('us-east-1', 2, 0);
    const newer = await loader.refresh(request);
    assert.equal(await olderOutcome, 'AbortError');
    assert.ok(newer.regions[0].ok && newer.regions[0].contents.vpcs.length === 5);
    emulator.resetCallCounts();
    const cached = await loader.load(request);
    assert.equal(ec2Calls(), 0);
    assert.ok(cached.regions[0].ok && cached.regions[0].contents.vpcs.length === 5);
  });

  it('aborting the signal stops loadRegion with an AbortError', async () => {
    const clients = factory({ profile: SANDBOX_PROFILE, region: 'us-east-1', endpointUrl: emulator.url });
    emulator.setFaults({ latencyMs: 2000 });
    const controller = new AbortController();
    const started = Date.now();
    emulator.resetCallCounts();
    const pending = loadRegion({ clients, signal: controller.signal });
    // Abort once the request is on its way (the emulator holds it for 2 s).
    void eventually(() => (ec2Calls() >= 1 ? true : undefined), 'the request', 5_000).then(() => controller.abort(), () => controller.abort());
    await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
    assert.ok(Date.now() - started < 1500, 'the request is abandoned, not awaited');
  });
});
