// deleteEndpoint against the EC2 emulator: the endpoint is followed to `deleted`, and the group
// the extension created is removed once the endpoint's lingering interfaces are gone.
import assert from 'node:assert/strict';
import { CreateSecurityGroupCommand, DescribeNetworkInterfacesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { applyEndpointPlan } from '../../../../src/aws/createEndpoint/applyPlan';
import type { DeleteProgress } from '../../../../src/aws/createEndpoint/applyTypes';
import { deleteEndpoint } from '../../../../src/aws/createEndpoint/deleteEndpoint';
import { createAwsTestFiles, type AwsTestFiles } from '../awsFixtures';
import { FAST, GROUP_NAME, REGION, ec2For, formFor, groupsNamed, planFor, seedIds, startEmulator, type Emulator, type SeedIds } from './createEndpointFixtures';

describe('createEndpoint/deleteEndpoint against the EC2 emulator', function () {
  this.timeout(30_000);
  let files: AwsTestFiles;
  let emulator: Emulator;
  let ec2: EC2Client;
  let ids: SeedIds;

  before(async () => {
    files = await createAwsTestFiles();
  });
  after(async () => {
    await files.dispose();
  });
  beforeEach(async () => {
    // Interfaces linger well after `deleted`, as in AWS, so the group delete must wait for them.
    emulator = await startEmulator({ eniLingerMs: 1_200 });
    ec2 = ec2For(files, emulator);
    ids = seedIds(emulator);
  });
  afterEach(async () => {
    ec2.destroy();
    await emulator.close();
  });

  async function createEndpoint(form = formFor(ids)) {
    const result = await applyEndpointPlan(ec2, planFor(form), FAST);
    assert.equal(result.outcome, 'succeeded', result.message);
    if (result.outcome !== 'succeeded') throw new Error('unreachable');
    return result;
  }

  async function interfacesOf(groupId: string): Promise<string[]> {
    const out = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }));
    return (out.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId!);
  }

  it('deletes the endpoint, follows it to deleted, then deletes the created group despite lingering interfaces', async () => {
    const created = await createEndpoint();
    assert.equal((await interfacesOf(created.securityGroupId)).length, 2);
    const events: DeleteProgress[] = [];
    const result = await deleteEndpoint(ec2, created.endpointId, { ...FAST, deleteCreatedSecurityGroups: true, onProgress: (e) => events.push(e) });

    assert.equal(result.outcome, 'deleted', result.message);
    assert.equal(result.endpointState, 'deleted');
    assert.deepEqual(result.removed, [
      { kind: 'vpcEndpoint', id: created.endpointId },
      { kind: 'securityGroup', id: created.securityGroupId },
    ]);
    assert.deepEqual(result.leftBehind, []);
    assert.equal(emulator.endpoints(REGION).find((e) => e.endpointId === created.endpointId)?.state, 'deleted');
    assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), []);
    // It had to wait for the interfaces: they were still listed after the endpoint was deleted.
    assert.ok((emulator.callCounts().DescribeNetworkInterfaces ?? 0) >= 3, `DescribeNetworkInterfaces ${emulator.callCounts().DescribeNetworkInterfaces}`);
    assert.deepEqual(
      events.filter((e) => e.status === 'done').map((e) => e.stepId),
      ['deleteEndpoint', 'waitDeleted', 'deleteSecurityGroup'],
    );
  });

  it('keeps the group when not asked to delete it', async () => {
    const created = await createEndpoint();
    const result = await deleteEndpoint(ec2, created.endpointId, FAST);
    assert.equal(result.outcome, 'deleted');
    assert.deepEqual(result.removed, [{ kind: 'vpcEndpoint', id: created.endpointId }]);
    assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), [created.securityGroupId]);
  });

  it('never deletes a group the user chose (no created-by tag)', async () => {
    const mine = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'hand-made', Description: 'hand made', VpcId: ids.vpcId }));
    const created = await createEndpoint(formFor(ids, { securityGroup: { mode: 'existing', groupId: mine.GroupId! } }));
    const result = await deleteEndpoint(ec2, created.endpointId, { ...FAST, deleteCreatedSecurityGroups: true });
    assert.equal(result.outcome, 'deleted');
    assert.deepEqual(result.removed.map((r) => r.kind), ['vpcEndpoint']);
    assert.ok(emulator.securityGroup(REGION, mine.GroupId!), 'the hand-made group is still there');
    assert.equal(emulator.callCounts().DeleteSecurityGroup ?? 0, 0);
  });

  it('leaves a created group that something else still uses, and says what and how to remove it', async () => {
    const created = await createEndpoint();
    // A second endpoint (another service would do; here the same one without private DNS) shares the group.
    const other = await applyEndpointPlan(
      ec2,
      planFor(formFor(ids, { privateDns: false, nameTag: 'second', subnetIds: [ids.subnetA], securityGroup: { mode: 'existing', groupId: created.securityGroupId } })),
      FAST,
    );
    assert.equal(other.outcome, 'succeeded', other.message);
    const result = await deleteEndpoint(ec2, created.endpointId, { ...FAST, deleteCreatedSecurityGroups: true });
    assert.equal(result.outcome, 'failed');
    assert.deepEqual(result.removed, [{ kind: 'vpcEndpoint', id: created.endpointId }]);
    assert.equal(result.leftBehind.length, 1);
    const left = result.leftBehind[0];
    assert.equal(left.id, created.securityGroupId);
    assert.match(left.reason, /still used by eni-/);
    assert.equal(left.removeCommand, `aws ec2 delete-security-group --region us-east-1 --group-id ${created.securityGroupId}`);
    assert.ok(emulator.securityGroup(REGION, created.securityGroupId));
  });

  it('an endpoint that is already gone counts as deleted', async () => {
    const created = await createEndpoint();
    await deleteEndpoint(ec2, created.endpointId, FAST);
    const again = await deleteEndpoint(ec2, created.endpointId, FAST);
    assert.equal(again.outcome, 'deleted');
    assert.equal(emulator.callCounts().DeleteVpcEndpoints, 1, 'no second delete call for a deleted endpoint');
  });

  it('a denied DeleteVpcEndpoints is reported with the IAM action and nothing is removed', async () => {
    const created = await createEndpoint();
    emulator.setFaults({ denyActions: ['ec2:DeleteVpcEndpoints'] });
    const result = await deleteEndpoint(ec2, created.endpointId, { ...FAST, deleteCreatedSecurityGroups: true });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.error?.iamAction, 'ec2:DeleteVpcEndpoints');
    assert.deepEqual(result.removed, []);
    assert.equal(emulator.endpoints(REGION).find((e) => e.endpointId === created.endpointId)?.state, 'available');
    assert.ok(emulator.securityGroup(REGION, created.securityGroupId));
  });

  it('cancelling while waiting stops waiting only: the deletion goes on and the group is kept for later', async () => {
    const created = await createEndpoint();
    const controller = new AbortController();
    const result = await deleteEndpoint(ec2, created.endpointId, {
      ...FAST,
      deleteCreatedSecurityGroups: true,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.stepId === 'deleteEndpoint' && e.status === 'done') controller.abort();
      },
    });
    assert.equal(result.outcome, 'cancelled');
    assert.deepEqual(result.leftBehind.map((l) => l.kind), ['vpcEndpoint', 'securityGroup']);
    assert.match(result.leftBehind[1].removeCommand, /delete-security-group/);
    assert.ok(emulator.securityGroup(REGION, created.securityGroupId), 'the group is kept');
  });
});
