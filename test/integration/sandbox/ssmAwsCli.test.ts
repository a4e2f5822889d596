// The AWS CLI v2 against the sandbox's Systems Manager, unchanged but for --endpoint-url: the
// managed nodes, SendCommand with AWS-RunShellScript (the script runs with the VPC's resolver),
// the CLI's own `wait command-executed` waiter across InvocationDoesNotExist, the invocation
// list with plugin output, cancel-command, and the service's error codes.
import assert from 'node:assert/strict';
import { cliEnv, findOnPath, run } from '../ec2emulator/cliTools';
import { useSandbox } from '../support/sandbox';
import { resolverAddress } from '../../../sandbox/ssm/vpcResolvers';

const aws = findOnPath('aws');

describe('sandbox SSM: the AWS CLI agrees', function () {
  this.timeout(180_000);
  const sandbox = useSandbox({ ssmTimings: { visibleAfterMs: 400, deliveryMs: 300 } });
  const cli = (...args: string[]) => run(aws as string, [...args, '--endpoint-url', sandbox().info.ec2Endpoint, '--output', 'json'], cliEnv());
  const idOf = (name: string) => {
    const instance = sandbox().ec2.instances('us-east-1').find((i) => i.name === name);
    assert.ok(instance, `seed instance ${name}`);
    return instance.instanceId;
  };

  before(function () {
    if (!aws) {
      if (process.env.CI === 'true') throw new Error('The AWS CLI (aws) is not on PATH; CI must have it.');
      this.skip();
    }
  });

  it('describe-instance-information lists the managed nodes; ec2 describe-instances finds them by vpc-id', async () => {
    const appVpc = sandbox().ec2.vpcIdByName('us-east-1', 'app-vpc')!;
    const [nodes, instances] = await Promise.all([
      cli('ssm', 'describe-instance-information'),
      cli('ec2', 'describe-instances', '--filters', `Name=vpc-id,Values=${appVpc}`, 'Name=instance-state-name,Values=running'),
    ]);
    assert.equal(nodes.code, 0, nodes.stderr);
    const list = (JSON.parse(nodes.stdout) as { InstanceInformationList: Array<{ InstanceId: string; PingStatus: string; PlatformType: string; IPAddress: string }> }).InstanceInformationList;
    const byId = new Map(list.map((n) => [n.InstanceId, n]));
    assert.equal(byId.get(idOf('app-instance'))?.PingStatus, 'Online');
    assert.equal(byId.get(idOf('app-instance'))?.PlatformType, 'Linux');
    assert.equal(byId.get(idOf('batch-worker'))?.PingStatus, 'ConnectionLost');
    assert.equal(byId.get(idOf('reporting-windows'))?.PlatformType, 'Windows');
    assert.ok(byId.has(idOf('legacy-batch')), 'the node in another VPC is managed too');
    assert.ok(!byId.has(idOf('cache-node')), 'an instance without the agent is no managed node');

    assert.equal(instances.code, 0, instances.stderr);
    const reservations = (JSON.parse(instances.stdout) as { Reservations: Array<{ Instances: Array<{ InstanceId: string; VpcId: string; SecurityGroups: Array<{ GroupName: string }>; PlatformDetails: string }> }> }).Reservations;
    const found = reservations.flatMap((r) => r.Instances);
    assert.deepEqual(found.map((i) => i.InstanceId).sort(), ['app-instance', 'batch-worker', 'reporting-windows', 'ops-bastion', 'cache-node'].map(idOf).sort());
    assert.ok(found.every((i) => i.VpcId === appVpc));
    assert.equal(found.find((i) => i.InstanceId === idOf('app-instance'))?.SecurityGroups[0].GroupName, 'app-servers');
    assert.equal(found.find((i) => i.InstanceId === idOf('reporting-windows'))?.PlatformDetails, 'Windows');
  });

  it('send-command runs the script with the VPC resolver; the CLI waiter rides out InvocationDoesNotExist; list-command-invocations shows the output', async () => {
    // Held invisible until the first get-command-invocation has seen InvocationDoesNotExist.
    sandbox().ssm.timings.visibleAfterMs = 600_000;
    try {
      const sent = await cli('ssm', 'send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', idOf('app-instance'),
        '--parameters', JSON.stringify({ commands: ['#!/bin/bash', 'echo "hello from $(id -un)"', 'grep ^nameserver /etc/resolv.conf'] }), '--timeout-seconds', '60', '--comment', 'cli test');
      assert.equal(sent.code, 0, sent.stderr);
      const command = (JSON.parse(sent.stdout) as { Command: { CommandId: string; Status: string; DocumentName: string; Parameters: { commands: string[] } } }).Command;
      assert.match(command.CommandId, /^[0-9a-f-]{36}$/);
      assert.equal(command.Status, 'Pending');
      assert.equal(command.Parameters.commands[1], 'echo "hello from $(id -un)"');

      const early = await cli('ssm', 'get-command-invocation', '--command-id', command.CommandId, '--instance-id', idOf('app-instance'));
      assert.notEqual(early.code, 0);
      assert.match(early.stderr, /InvocationDoesNotExist/);
      sandbox().ssm.timings.visibleAfterMs = 0;

      const waited = await cli('ssm', 'wait', 'command-executed', '--command-id', command.CommandId, '--instance-id', idOf('app-instance'));
      assert.equal(waited.code, 0, waited.stderr);
      const got = await cli('ssm', 'get-command-invocation', '--command-id', command.CommandId, '--instance-id', idOf('app-instance'));
      assert.equal(got.code, 0, got.stderr);
      const invocation = JSON.parse(got.stdout) as { Status: string; StatusDetails: string; ResponseCode: number; StandardOutputContent: string; PluginName: string };
      assert.equal(invocation.Status, 'Success');
      assert.equal(invocation.ResponseCode, 0);
      assert.equal(invocation.PluginName, 'aws:runShellScript');
      const vpcCidr = sandbox().ec2.vpc('us-east-1', sandbox().ec2.vpcIdByName('us-east-1', 'app-vpc')!)!.cidrBlock;
      assert.match(invocation.StandardOutputContent, /^hello from root$/m);
      assert.match(invocation.StandardOutputContent, new RegExp(`^nameserver ${resolverAddress(vpcCidr).replace(/\./g, '\\.')}$`, 'm'));

      const listed = await cli('ssm', 'list-command-invocations', '--command-id', command.CommandId, '--details');
      assert.equal(listed.code, 0, listed.stderr);
      const items = (JSON.parse(listed.stdout) as { CommandInvocations: Array<{ Status: string; Comment: string; CommandPlugins: Array<{ Output: string }> }> }).CommandInvocations;
      assert.equal(items.length, 1);
      assert.equal(items[0].Comment, 'cli test');
      assert.match(items[0].CommandPlugins[0].Output, /hello from root/);
    } finally {
      sandbox().ssm.timings.visibleAfterMs = 400;
    }
  });

  it('cancel-command ends a running script; offline, Windows and unmanaged targets get the service errors', async () => {
    const sent = await cli('ssm', 'send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', idOf('app-instance'), '--parameters', 'commands=["sleep 60"]');
    assert.equal(sent.code, 0, sent.stderr);
    const commandId = (JSON.parse(sent.stdout) as { Command: { CommandId: string } }).Command.CommandId;
    const invocation = sandbox().ssm.store.get(commandId)!.invocations[0];
    while (invocation.status === 'Pending') await new Promise((r) => setTimeout(r, 50));
    assert.equal(invocation.status, 'InProgress');
    const [cancelled, windows, unmanaged, offline] = await Promise.all([
      cli('ssm', 'cancel-command', '--command-id', commandId),
      cli('ssm', 'send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', idOf('reporting-windows'), '--parameters', 'commands=["true"]'),
      cli('ssm', 'send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', idOf('cache-node'), '--parameters', 'commands=["true"]'),
      cli('ssm', 'send-command', '--document-name', 'AWS-RunShellScript', '--instance-ids', idOf('batch-worker'), '--parameters', 'commands=["true"]', '--timeout-seconds', '30'),
    ]);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    const final = await cli('ssm', 'get-command-invocation', '--command-id', commandId, '--instance-id', idOf('app-instance'));
    assert.equal(final.code, 0, final.stderr);
    assert.match((JSON.parse(final.stdout) as { Status: string }).Status, /^(Cancelling|Cancelled)$/);
    assert.match(windows.stderr, /\(UnsupportedPlatformType\)/);
    assert.match(unmanaged.stderr, /\(InvalidInstanceId\)/);
    // A node that lost its connection accepts the command, which waits for delivery.
    assert.equal(offline.code, 0, offline.stderr);
    const offlineId = (JSON.parse(offline.stdout) as { Command: { CommandId: string } }).Command.CommandId;
    assert.equal(sandbox().ssm.store.get(offlineId)?.invocations[0].status, 'Pending');
  });
});
