// waitForEndpoint against the EC2 emulator. The emulator and the waiter share a manual clock, so
// the endpoint lifecycle moves exactly as far as the waiter sleeps: deterministic and fast.
import assert from 'node:assert/strict';
import { CreateVpcEndpointCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { createAwsClients } from '../../../../src/aws/awsClients';
import { waitForEndpoint, type Clock } from '../../../../src/aws/createEndpoint/endpointWaiter';
import type { EndpointState } from '../../../../src/aws/types';
import { SANDBOX_PROFILE, createAwsTestFiles, type AwsTestFiles } from '../awsFixtures';
import { REGION, SERVICE, seedIds, startEmulator, type Emulator, type SeedIds } from './createEndpointFixtures';

class ManualClock implements Clock {
  time = 1_700_000_000_000;
  sleeps: number[] = [];
  onSleep?: (clock: ManualClock) => void;
  now = () => this.time;
  sleep = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) return;
    this.sleeps.push(ms);
    this.time += ms;
    this.onSleep?.(this);
  };
}

describe('createEndpoint/endpointWaiter against the EC2 emulator', function () {
  this.timeout(30_000);
  let files: AwsTestFiles;
  let emulator: Emulator;
  let ec2: EC2Client;
  let ids: SeedIds;
  let clock: ManualClock;

  before(async () => {
    files = await createAwsTestFiles();
  });
  after(async () => {
    await files.dispose();
  });
  beforeEach(async () => {
    clock = new ManualClock();
    emulator = await startEmulator({ now: () => clock.time, endpointAvailableAfterMs: 60_000 });
    // One attempt per call: the waiter's own tolerance of transient errors is what is tested.
    ec2 = createAwsClients({ profile: SANDBOX_PROFILE, region: REGION, endpointUrl: emulator.url, env: files.env, maxAttempts: 1 }).ec2;
    ids = seedIds(emulator);
  });
  afterEach(async () => {
    ec2.destroy();
    await emulator.close();
  });

  async function newEndpoint(): Promise<string> {
    const out = await ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: ids.vpcId, ServiceName: SERVICE, SubnetIds: [ids.subnetA], PrivateDnsEnabled: false }));
    return out.VpcEndpoint!.VpcEndpointId!;
  }

  it('follows pending to available with growing delays, reporting each state once', async () => {
    const id = await newEndpoint();
    const seen: EndpointState[] = [];
    const result = await waitForEndpoint(ec2, id, { target: 'available', clock, initialDelayMs: 1_000, maxDelayMs: 8_000, onState: (s) => seen.push(s) });
    assert.equal(result.outcome, 'reached');
    assert.equal(result.outcome === 'reached' && result.state, 'available');
    assert.deepEqual(seen, ['pending', 'available']);
    assert.deepEqual(clock.sleeps.slice(0, 6), [1_000, 1_500, 2_250, 3_375, 5_062.5, 7_593.75]);
    assert.ok(clock.sleeps.every((ms) => ms <= 8_000), 'capped');
    // About 60 s of pending took a dozen checks, not sixty.
    assert.ok((emulator.callCounts().DescribeVpcEndpoints ?? 0) <= 14, String(emulator.callCounts().DescribeVpcEndpoints));
  });

  const terminal: Array<[EndpointState, RegExp]> = [
    ['failed', /could not create/],
    ['rejected', /rejected/],
    ['expired', /expired/],
    ['partial', /partly/],
    ['deleting', /deleted/],
    ['deleted', /deleted/],
  ];
  for (const [state, reason] of terminal) {
    it(`stops at ${state}: the target can no longer be reached`, async () => {
      const id = await newEndpoint();
      emulator.setEndpointState(id, state);
      const result = await waitForEndpoint(ec2, id, { target: 'available', clock });
      assert.equal(result.outcome, 'unreachable');
      if (result.outcome !== 'unreachable') return;
      assert.equal(result.state, state);
      assert.match(result.reason, reason);
      assert.deepEqual(clock.sleeps, [], 'decided on the first answer');
    });
  }

  it('pendingAcceptance keeps waiting for available and times out by the clock, endpoint untouched', async () => {
    const id = await newEndpoint();
    emulator.setEndpointState(id, 'pendingAcceptance');
    const result = await waitForEndpoint(ec2, id, { target: 'available', clock, timeoutMs: 120_000 });
    assert.equal(result.outcome, 'timedOut');
    assert.equal(result.outcome === 'timedOut' && result.state, 'pendingAcceptance');
    assert.ok(clock.sleeps.reduce((a, b) => a + b, 0) <= 120_000);
    assert.equal(emulator.endpoints(REGION)[0].state, 'pendingAcceptance');
  });

  it('target accepted: pendingAcceptance until the owner accepts, then reached at pending', async () => {
    const id = await newEndpoint();
    emulator.setEndpointState(id, 'pendingAcceptance');
    clock.onSleep = (c) => {
      if (c.sleeps.length === 3) emulator.setEndpointState(id, 'pending');
    };
    const result = await waitForEndpoint(ec2, id, { target: 'accepted', clock });
    assert.equal(result.outcome, 'reached');
    assert.equal(result.outcome === 'reached' && result.state, 'pending');
  });

  it('target deleted: deleting until deleted; an id that is gone counts as deleted', async () => {
    const id = await newEndpoint();
    emulator.setEndpointState(id, 'deleting');
    clock.onSleep = (c) => {
      if (c.sleeps.length === 2) emulator.setEndpointState(id, 'deleted');
    };
    const result = await waitForEndpoint(ec2, id, { target: 'deleted', clock });
    assert.deepEqual([result.outcome, 'state' in result && result.state], ['reached', 'deleted']);
    const gone = await waitForEndpoint(ec2, 'vpce-0123456789abcdef0', { target: 'deleted', clock });
    assert.equal(gone.outcome, 'reached');
  });

  it('NotFound right after create is retried for the grace period, then reported', async () => {
    const result = await waitForEndpoint(ec2, 'vpce-0123456789abcdef0', { target: 'available', clock, initialDelayMs: 1_000, notFoundGraceMs: 5_000 });
    assert.equal(result.outcome, 'notFound');
    assert.match(result.outcome === 'notFound' ? result.reason : '', /does not exist/);
    assert.ok((emulator.callCounts().DescribeVpcEndpoints ?? 0) >= 3, 'looked again before giving up');
  });

  it('tolerates a few throttled answers (beyond the SDK retries), then goes on', async () => {
    const id = await newEndpoint();
    emulator.setEndpointState(id, 'available');
    emulator.setFaults({ throttleNextCalls: 2 });
    const result = await waitForEndpoint(ec2, id, { target: 'available', clock });
    assert.equal(result.outcome, 'reached');
    assert.equal(emulator.callCounts().DescribeVpcEndpoints, 3);
  });

  it('a persistent error (denied Describe) ends the wait with the error, not a state', async () => {
    const id = await newEndpoint();
    emulator.setFaults({ denyActions: ['ec2:DescribeVpcEndpoints'] });
    const result = await waitForEndpoint(ec2, id, { target: 'available', clock });
    assert.equal(result.outcome, 'error');
    assert.equal(result.outcome === 'error' && (result.error as { name?: string }).name, 'UnauthorizedOperation');
  });

  it('cancelling stops the wait at once and reports the last state', async () => {
    const id = await newEndpoint();
    const controller = new AbortController();
    clock.onSleep = (c) => {
      if (c.sleeps.length === 2) controller.abort();
    };
    const result = await waitForEndpoint(ec2, id, { target: 'available', clock, signal: controller.signal });
    assert.equal(result.outcome, 'cancelled');
    assert.equal(result.outcome === 'cancelled' && result.state, 'pending');
    assert.equal(emulator.endpoints(REGION)[0].state, 'pending');
  });
});
