// Network ACL entries through the real SDK: create, replace, delete, their validations, and
// the in-process view the sandbox's forwarders evaluate.
import assert from 'node:assert/strict';
import {
  CreateNetworkAclEntryCommand,
  DeleteNetworkAclEntryCommand,
  DescribeNetworkAclsCommand,
  ReplaceNetworkAclEntryCommand,
  type CreateNetworkAclEntryCommandInput,
} from '@aws-sdk/client-ec2';
import { type Fixture, rejection, useFixture } from './emulatorFixture';

describe('ec2emulator: network ACLs', function () {
  this.timeout(20000);
  let fx: Fixture;
  let aclId: string;

  useFixture((f) => (fx = f));
  beforeEach(async () => {
    const res = await fx.ec2().send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [fx.ids.subnetA] }] }));
    aclId = res.NetworkAcls?.[0].NetworkAclId as string;
  });

  const deny5432: () => CreateNetworkAclEntryCommandInput = () => ({
    NetworkAclId: aclId,
    RuleNumber: 90,
    Protocol: '6',
    RuleAction: 'deny',
    Egress: false,
    CidrBlock: '127.10.1.0/24',
    PortRange: { From: 5432, To: 5432 },
  });

  it('CreateNetworkAclEntry adds a rule that Describe and the in-process view show in rule order', async () => {
    assert.match(aclId, /^acl-[0-9a-f]{17}$/);
    let changed = 0;
    fx.emulator.onChange(() => changed++);
    await fx.ec2().send(new CreateNetworkAclEntryCommand(deny5432()));
    assert.equal(changed, 1);
    const res = await fx.ec2().send(new DescribeNetworkAclsCommand({ NetworkAclIds: [aclId] }));
    const ingress = res.NetworkAcls?.[0].Entries?.filter((e) => !e.Egress);
    assert.deepEqual(
      ingress?.map((e) => [e.RuleNumber, e.Protocol, e.RuleAction, e.CidrBlock, e.PortRange?.From, e.PortRange?.To]),
      [
        [90, '6', 'deny', '127.10.1.0/24', 5432, 5432],
        [100, '-1', 'allow', '0.0.0.0/0', undefined, undefined],
        [32767, '-1', 'deny', '0.0.0.0/0', undefined, undefined],
      ],
    );
    const view = fx.emulator.networkAclForSubnet('us-east-1', fx.ids.subnetA);
    assert.equal(view?.networkAclId, aclId);
    assert.deepEqual(view?.entries.filter((e) => !e.egress).map((e) => e.ruleNumber), [90, 100, 32767]);
    assert.deepEqual(view?.entries[0].portRange, { from: 5432, to: 5432 });
    const filtered = await fx.ec2().send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'entry.rule-action', Values: ['deny'] }, { Name: 'entry.port-range.from', Values: ['5432'] }] }));
    assert.deepEqual(filtered.NetworkAcls?.map((a) => a.NetworkAclId), [aclId]);
  });

  it('a rule number used twice in one direction is NetworkAclEntryAlreadyExists; the other direction is free', async () => {
    await fx.ec2().send(new CreateNetworkAclEntryCommand(deny5432()));
    const dup = await rejection(fx.ec2().send(new CreateNetworkAclEntryCommand(deny5432())));
    assert.equal(dup.name, 'NetworkAclEntryAlreadyExists');
    await fx.ec2().send(new CreateNetworkAclEntryCommand({ ...deny5432(), Egress: true }));
    assert.equal(fx.emulator.networkAclForSubnet('us-east-1', fx.ids.subnetA)?.entries.filter((e) => e.ruleNumber === 90).length, 2);
  });

  it('ReplaceNetworkAclEntry and DeleteNetworkAclEntry change existing rules only', async () => {
    await fx.ec2().send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '127.0.0.0/8', PortRange: { From: 1024, To: 65535 } }));
    const replaced = fx.emulator.networkAclForSubnet('us-east-1', fx.ids.subnetA)?.entries.find((e) => e.ruleNumber === 100 && !e.egress);
    assert.deepEqual(replaced, { ruleNumber: 100, egress: false, protocol: '6', portRange: { from: 1024, to: 65535 }, cidrBlock: '127.0.0.0/8', ruleAction: 'allow' });
    const missing = await rejection(fx.ec2().send(new ReplaceNetworkAclEntryCommand({ ...deny5432(), RuleNumber: 555 })));
    assert.equal(missing.name, 'InvalidNetworkAclEntry.NotFound');
    await fx.ec2().send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 100, Egress: true }));
    const egress = fx.emulator.networkAclForSubnet('us-east-1', fx.ids.subnetA)?.entries.filter((e) => e.egress);
    assert.deepEqual(egress?.map((e) => [e.ruleNumber, e.ruleAction]), [[32767, 'deny']]);
    assert.equal((await rejection(fx.ec2().send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 100, Egress: true })))).name, 'InvalidNetworkAclEntry.NotFound');
  });

  it('validations: rule numbers, protocols, ports, CIDRs, unknown ACL; DryRun', async () => {
    const bad: Partial<CreateNetworkAclEntryCommandInput>[] = [
      { RuleNumber: 0 },
      { RuleNumber: 32767 },
      { Protocol: 'smoke-signals' },
      { PortRange: { From: 6000, To: 5000 } },
      { PortRange: undefined },
      { CidrBlock: '127.10.1.0/40' },
      { RuleAction: 'maybe' as never },
    ];
    for (const over of bad) {
      const err = await rejection(fx.ec2().send(new CreateNetworkAclEntryCommand({ ...deny5432(), ...over })));
      assert.ok(['InvalidParameterValue', 'MissingParameter'].includes(err.name), `${JSON.stringify(over)} → ${err.name}`);
    }
    assert.equal((await rejection(fx.ec2().send(new CreateNetworkAclEntryCommand({ ...deny5432(), NetworkAclId: 'acl-00000000000000000' })))).name, 'InvalidNetworkAclID.NotFound');
    assert.equal((await rejection(fx.ec2().send(new CreateNetworkAclEntryCommand({ ...deny5432(), DryRun: true })))).name, 'DryRunOperation');
    assert.deepEqual(fx.emulator.networkAclForSubnet('us-east-1', fx.ids.subnetA)?.entries.map((e) => e.ruleNumber), [100, 100, 32767, 32767]);
  });
});
