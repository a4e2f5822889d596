// Fault scenarios through the real SDK: denied actions (with DryRun), throttling (the SDK's
// retries recover; with one attempt the error shows), latency, call counting, seed faults.
import assert from 'node:assert/strict';
import { CreateSecurityGroupCommand, CreateVpcEndpointCommand, DescribeSubnetsCommand, DescribeVpcsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { DecodeAuthorizationMessageCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { APP_SERVICE, type Fixture, rejection, startCustom, useFixture } from './emulatorFixture';
import { loadSeed } from '../../../sandbox/ec2';

describe('ec2emulator: faults and call counts', function () {
  this.timeout(20000);
  let fx: Fixture;

  useFixture((f) => (fx = f), { endpointAvailableAfterMs: 100 });

  it('a denied mutating action is UnauthorizedOperation (403) with an encoded message STS can decode, also for DryRun', async () => {
    fx.emulator.setFaults({ denyActions: ['ec2:CreateVpcEndpoint'] });
    const send = (dryRun: boolean) =>
      fx.ec2().send(
        new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: fx.ids.appVpc, ServiceName: APP_SERVICE, SubnetIds: [fx.ids.subnetA], DryRun: dryRun }),
      );
    const err = await rejection(send(false));
    assert.equal(err.name, 'UnauthorizedOperation');
    assert.equal(err.$metadata?.httpStatusCode, 403);
    assert.match(err.message, /is not authorized to perform: ec2:CreateVpcEndpoint/);
    const encoded = /Encoded authorization failure message: (\S+)/.exec(err.message)?.[1];
    assert.ok(encoded, err.message);
    const decoded = await fx.sts().send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
    const doc = JSON.parse(decoded.DecodedMessage ?? '{}') as { allowed: boolean; context: { action: string } };
    assert.equal(doc.allowed, false);
    assert.equal(doc.context.action, 'ec2:CreateVpcEndpoint');
    const dry = await rejection(send(true));
    assert.equal(dry.name, 'UnauthorizedOperation', 'DryRun reports the missing permission');
    assert.deepEqual(fx.emulator.endpoints(), []);
    // Other actions are unaffected.
    const ok = await fx.ec2().send(new DescribeVpcsCommand({}));
    assert.equal(ok.Vpcs?.length, 3);
    fx.emulator.clearFaults();
    assert.equal((await rejection(send(true))).name, 'DryRunOperation');
  });

  it('a denied Describe call has no encoded message, as in AWS', async () => {
    fx.emulator.setFaults({ denyActions: ['DescribeVpcEndpoints'] });
    const err = await rejection(fx.ec2().send(new DescribeVpcEndpointsCommand({})));
    assert.equal(err.name, 'UnauthorizedOperation');
    assert.doesNotMatch(err.message, /Encoded authorization failure message/);
  });

  it('throttling within the retry budget: the SDK retries and succeeds; the attempts are counted', async () => {
    fx.emulator.setFaults({ throttleNextCalls: 2 });
    const res = await fx.ec2(undefined, 3).send(new DescribeVpcsCommand({}));
    assert.equal(res.Vpcs?.length, 3);
    assert.equal(res.$metadata.attempts, 3);
    assert.equal(fx.emulator.callCounts().DescribeVpcs, 3);
    assert.equal(fx.emulator.faults().throttleNextCalls, 0);
  });

  it('throttling with maxAttempts 1: RequestLimitExceeded (503) reaches the caller', async () => {
    fx.emulator.setFaults({ throttleNextCalls: 1 });
    const err = await rejection(fx.ec2(undefined, 1).send(new DescribeVpcsCommand({})));
    assert.equal(err.name, 'RequestLimitExceeded');
    assert.equal(err.$metadata?.httpStatusCode, 503);
    const ok = await fx.ec2(undefined, 1).send(new DescribeVpcsCommand({}));
    assert.equal(ok.Vpcs?.length, 3);
  });

  it('throttling can be limited to some actions; STS is never throttled', async () => {
    fx.emulator.setFaults({ throttleNextCalls: 5, throttleActions: ['DescribeSubnets'] });
    await fx.ec2().send(new DescribeVpcsCommand({}));
    await fx.sts().send(new GetCallerIdentityCommand({}));
    assert.equal((await rejection(fx.ec2().send(new DescribeSubnetsCommand({})))).name, 'RequestLimitExceeded');
    assert.equal(fx.emulator.faults().throttleNextCalls, 4);
  });

  it('latency delays every answer, or only the named actions', async () => {
    fx.emulator.setFaults({ latencyMs: 400 });
    let started = Date.now();
    await fx.ec2().send(new DescribeVpcsCommand({}));
    assert.ok(Date.now() - started >= 390, 'EC2 delayed');
    started = Date.now();
    await fx.sts().send(new GetCallerIdentityCommand({}));
    assert.ok(Date.now() - started >= 390, 'STS delayed');
    fx.emulator.setFaults({ latencyMs: 1500, latencyActions: ['DescribeSubnets'] });
    started = Date.now();
    await fx.ec2().send(new DescribeVpcsCommand({}));
    assert.ok(Date.now() - started < 1200, 'other actions are not delayed');
    started = Date.now();
    await fx.ec2().send(new DescribeSubnetsCommand({}));
    assert.ok(Date.now() - started >= 1490, 'the named action is delayed');
  });

  it('call counts per action, and reset', async () => {
    fx.emulator.resetCallCounts();
    await fx.ec2().send(new DescribeVpcsCommand({}));
    await fx.ec2().send(new DescribeVpcsCommand({}));
    await fx.ec2().send(new DescribeSubnetsCommand({}));
    await fx.sts().send(new GetCallerIdentityCommand({}));
    await rejection(fx.ec2().send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x', VpcId: 'vpc-00000000000000000' })));
    assert.deepEqual(fx.emulator.callCounts(), { DescribeVpcs: 2, DescribeSubnets: 1, 'sts:GetCallerIdentity': 1, CreateSecurityGroup: 1 });
    fx.emulator.resetCallCounts();
    assert.deepEqual(fx.emulator.callCounts(), {});
  });

  it('bad fault settings are refused with a message naming the field', () => {
    assert.throws(() => fx.emulator.setFaults({ throttleNextCalls: -1 }), /throttleNextCalls/);
    assert.throws(() => fx.emulator.setFaults({ nextEndpointOutcome: 'exploded' as never }), /nextEndpointOutcome/);
    assert.throws(() => fx.emulator.setEndpointState('vpce-00000000000000000', 'available'), /No endpoint/);
    assert.throws(() => fx.emulator.setEndpointState('vpce-00000000000000000', 'sleepy'), /Unknown endpoint state/);
  });

  it('a seed file may carry faults', async () => {
    const seed = loadSeed(undefined);
    const custom = await startCustom({ seed: { ...seed, faults: { denyActions: ['DescribeVpcs'], throttleNextCalls: 0 } } });
    try {
      assert.equal((await rejection(custom.ec2.send(new DescribeVpcsCommand({})))).name, 'UnauthorizedOperation');
      const subnets = await custom.ec2.send(new DescribeSubnetsCommand({}));
      assert.equal(subnets.Subnets?.length, 9);
    } finally {
      await custom.close();
    }
  });
});
