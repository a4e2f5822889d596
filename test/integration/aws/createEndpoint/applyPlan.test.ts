// applyEndpointPlan against the EC2 emulator through the real SDK: the happy path, server errors
// with undo, idempotent re-submits, cancellation, acceptance, throttling.
import assert from 'node:assert/strict';
import { CreateSecurityGroupCommand, CreateVpcEndpointCommand, DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { applyEndpointPlan } from '../../../../src/aws/createEndpoint/applyPlan';
import type { ApplyProgress, ApplyResult } from '../../../../src/aws/createEndpoint/applyTypes';
import { TAG_CREATED_BY, TAG_REQUEST } from '../../../../src/aws/createEndpoint/resourceTags';
import { loadSeed } from '../../../../sandbox/ec2/index';
import { type Emulator, FAST, formFor, GROUP_NAME, groupsNamed, liveEndpoints, planFor, REGION, type SeedIds, SERVICE, startEmulator, useEmulatorPerTest } from './createEndpointFixtures';

function expectOutcome<K extends ApplyResult['outcome']>(result: ApplyResult, outcome: K): ApplyResult & { outcome: K } {
  assert.equal(result.outcome, outcome, `expected ${outcome}, got ${result.outcome}: ${result.message}`);
  return result as ApplyResult & { outcome: K };
}

describe('createEndpoint/applyPlan against the EC2 emulator', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let ec2: EC2Client;
  let ids: SeedIds;
  const fixture = useEmulatorPerTest((f) => ({ emulator, ec2, ids } = f));

  it('creates the tagged security group with 5432/6432 from the client group and follows the endpoint to available', async () => {
    const events: ApplyProgress[] = [];
    const plan = planFor(formFor(ids));
    const result = expectOutcome(await applyEndpointPlan(ec2, plan, { ...FAST, onProgress: (e) => events.push(e) }), 'succeeded');

    assert.equal(result.state, 'available');
    assert.equal(result.reusedEndpoint, false);
    assert.equal(result.reusedSecurityGroup, false);
    const endpoint = emulator.endpoints(REGION).find((e) => e.endpointId === result.endpointId);
    assert.ok(endpoint, 'the endpoint exists in the emulator');
    assert.equal(endpoint.state, 'available');
    assert.equal(endpoint.vpcId, ids.vpcId);
    assert.equal(endpoint.serviceName, SERVICE);
    assert.equal(endpoint.privateDnsEnabled, true);
    assert.deepEqual([...endpoint.subnetIds].sort(), [ids.subnetA, ids.subnetB].sort());
    assert.deepEqual(endpoint.securityGroupIds, [result.securityGroupId]);
    assert.equal(endpoint.tags.Name, 'orders-main-privatelink');
    assert.equal(endpoint.tags[TAG_CREATED_BY], 'vscode-extension');
    assert.equal(endpoint.tags['planetscale-privatelink:branch'], 'acme/orders/main');

    const group = emulator.securityGroup(REGION, result.securityGroupId);
    assert.ok(group);
    assert.equal(group.groupName, GROUP_NAME);
    assert.equal(group.tags[TAG_CREATED_BY], 'vscode-extension');
    const inbound = group.ingress.map((r) => `${r.ipProtocol}:${r.fromPort}-${r.toPort}:${r.referencedGroupId}`).sort();
    assert.deepEqual(inbound, [`tcp:5432-5432:${ids.appServers}`, `tcp:6432-6432:${ids.appServers}`]);

    // Progress: every step ran then finished, in plan order.
    const done = events.filter((e) => e.status === 'done').map((e) => e.stepId);
    assert.deepEqual(done, plan.steps.map((s) => s.id));
    assert.deepEqual(
      events.filter((e) => e.status === 'running' && e.message === plan.steps.find((s) => s.id === e.stepId)?.title).map((e) => e.stepId),
      plan.steps.map((s) => s.id),
    );
    assert.ok(events.some((e) => e.stepId === 'waitAvailable' && e.status === 'running' && /pending/.test(e.message)), 'reports the pending state while waiting');
    assert.equal(events.find((e) => e.stepId === 'createEndpoint' && e.status === 'done')?.resourceId, result.endpointId);
  });

  it('allows CIDR sources when chosen instead of client groups', async () => {
    const plan = planFor(formFor(ids, { securityGroup: { mode: 'create', groupName: 'pl-cidr', sourceKind: 'cidrs', sourceGroupIds: [], cidrs: ['127.10.0.0/16'] } }));
    const result = expectOutcome(await applyEndpointPlan(ec2, plan, FAST), 'succeeded');
    const group = emulator.securityGroup(REGION, result.securityGroupId)!;
    assert.deepEqual(group.ingress.map((r) => `${r.fromPort}:${r.cidrIpv4}`).sort(), ['5432:127.10.0.0/16', '6432:127.10.0.0/16']);
  });

  it('uses an existing security group as chosen, and never deletes it on failure', async () => {
    emulator.setFaults({ nextEndpointOutcome: 'failed' });
    const plan = planFor(formFor(ids, { securityGroup: { mode: 'existing', groupId: ids.appServers } }));
    assert.deepEqual(plan.steps.map((s) => s.id), ['createEndpoint', 'waitAvailable']);
    const result = expectOutcome(await applyEndpointPlan(ec2, plan, FAST), 'failed');
    assert.deepEqual(result.undone.map((u) => u.kind), ['vpcEndpoint']);
    assert.ok(emulator.securityGroup(REGION, ids.appServers), 'the user-chosen group is still there');
  });

  it('submitting the same form twice gives one endpoint and one security group (ClientToken + tag)', async () => {
    const plan = planFor(formFor(ids));
    const first = expectOutcome(await applyEndpointPlan(ec2, plan, FAST), 'succeeded');
    const again = planFor(formFor(ids));
    const second = expectOutcome(await applyEndpointPlan(ec2, again, FAST), 'succeeded');

    assert.equal(second.endpointId, first.endpointId);
    assert.equal(second.securityGroupId, first.securityGroupId);
    assert.equal(second.reusedEndpoint, true);
    assert.equal(second.reusedSecurityGroup, true);
    assert.equal(liveEndpoints(emulator, ids.vpcId).length, 1);
    assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), [first.securityGroupId]);
    assert.equal(emulator.callCounts().CreateSecurityGroup, 1, 'the second submit did not try to create a group');
    assert.equal(emulator.callCounts().CreateVpcEndpoint, 2, 'the second submit asked EC2 with the same ClientToken');
    const group = emulator.securityGroup(REGION, first.securityGroupId)!;
    assert.equal(group.ingress.length, 2, 'no duplicate rules');
  });

  it('a failure after the security group exists undoes it (denied CreateVpcEndpoint, no dry run)', async () => {
    emulator.setFaults({ denyActions: ['ec2:CreateVpcEndpoint'] });
    const events: ApplyProgress[] = [];
    const result = expectOutcome(await applyEndpointPlan(ec2, planFor(formFor(ids)), { ...FAST, onProgress: (e) => events.push(e) }), 'failed');

    assert.equal(result.failedStepId, 'createEndpoint');
    assert.equal(result.error.iamAction, 'ec2:CreateVpcEndpoint');
    assert.match(result.error.message, /not allowed to create VPC endpoints/);
    assert.doesNotMatch(result.message + result.error.message, /Encoded authorization/i);
    assert.deepEqual(result.leftBehind, []);
    assert.equal(result.undone.length, 1);
    assert.equal(result.undone[0].kind, 'securityGroup');
    assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), [], 'no security group left');
    assert.equal(liveEndpoints(emulator, ids.vpcId).length, 0);
    const statuses = events.filter((e) => e.stepId === 'createSecurityGroup').map((e) => e.status);
    assert.deepEqual(statuses, ['running', 'done', 'undoing', 'undone']);
    assert.deepEqual(events.filter((e) => e.stepId === 'waitAvailable').map((e) => e.status), ['skipped']);
  });

  it('an endpoint that ends failed is deleted, then its security group despite lingering interfaces', async () => {
    emulator.setFaults({ nextEndpointOutcome: 'failed' });
    const result = expectOutcome(await applyEndpointPlan(ec2, planFor(formFor(ids)), FAST), 'failed');
    assert.equal(result.failedStepId, 'waitAvailable');
    assert.equal(result.error.code, 'EndpointFailed');
    assert.deepEqual(result.undone.map((u) => u.kind), ['vpcEndpoint', 'securityGroup']);
    assert.deepEqual(result.leftBehind, []);
    assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), []);
    assert.equal(liveEndpoints(emulator, ids.vpcId).length, 0);
    assert.ok((emulator.callCounts().DescribeNetworkInterfaces ?? 0) >= 1, 'waited for the interfaces to go');
  });

  it('a rejected connection is reported with its fix and undone', async () => {
    emulator.setFaults({ nextEndpointOutcome: 'rejected' });
    const result = expectOutcome(await applyEndpointPlan(ec2, planFor(formFor(ids)), FAST), 'failed');
    assert.equal(result.error.code, 'EndpointRejected');
    assert.match(result.error.fix, /PlanetScale/);
    assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), []);
  });

  describe('server errors map to the field and leave nothing behind', () => {
    const cases: Array<{ name: string; form: (ids: SeedIds) => Parameters<typeof formFor>[1]; field: string; code: string; seed?: 'twoInA' }> = [
      { name: 'private DNS on legacy-vpc (no DNS hostnames)', form: (i) => ({ vpcId: i.legacyVpcId, subnetIds: [i.legacyA, i.legacyB], securityGroup: { mode: 'create', groupName: GROUP_NAME, sourceKind: 'cidrs', sourceGroupIds: [], cidrs: ['127.11.0.0/16'] } }), field: 'privateDns', code: 'InvalidParameter' },
      { name: 'a subnet in us-east-1c, which the service does not offer', form: (i) => ({ subnetIds: [i.subnetA, i.subnetC] }), field: 'subnetIds', code: 'InvalidParameter' },
      { name: 'a service that does not exist in the region', form: () => ({ serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0ffffffffffffffff' }), field: 'serviceName', code: 'InvalidServiceName' },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const form = formFor(ids, c.form(ids));
        const result = expectOutcome(await applyEndpointPlan(ec2, planFor(form), FAST), 'failed');
        assert.equal(result.failedStepId, 'createEndpoint');
        assert.equal(result.error.code, c.code);
        assert.equal(result.error.field, c.field);
        assert.ok(result.error.fix.length > 10, 'says how to fix it');
        assert.deepEqual(result.undone.map((u) => u.kind), ['securityGroup']);
        assert.deepEqual(await groupsNamed(ec2, form.vpcId, GROUP_NAME), []);
        assert.equal(emulator.endpoints(REGION).length, 0);
      });
    }

    it('a conflicting private DNS endpoint already in the VPC', async () => {
      const existing = await ec2.send(
        new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: ids.vpcId, ServiceName: SERVICE, SubnetIds: [ids.subnetA], PrivateDnsEnabled: true }),
      );
      const result = expectOutcome(await applyEndpointPlan(ec2, planFor(formFor(ids)), FAST), 'failed');
      assert.equal(result.error.field, 'privateDns');
      assert.match(result.error.message, /already has an endpoint with private DNS/);
      assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), []);
      assert.deepEqual(liveEndpoints(emulator, ids.vpcId).map((e) => e.endpointId), [existing.VpcEndpoint!.VpcEndpointId]);
    });

    it('a security group with the same name already in the VPC', async () => {
      const theirs = await ec2.send(new CreateSecurityGroupCommand({ GroupName: GROUP_NAME, Description: 'someone else', VpcId: ids.vpcId }));
      const result = expectOutcome(await applyEndpointPlan(ec2, planFor(formFor(ids)), FAST), 'failed');
      assert.equal(result.failedStepId, 'createSecurityGroup');
      assert.equal(result.error.code, 'InvalidGroup.Duplicate');
      assert.equal(result.error.field, 'securityGroup.groupName');
      assert.deepEqual(result.undone, [], 'nothing of ours to undo');
      assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), [theirs.GroupId], 'their group is untouched');
      assert.equal(emulator.endpoints(REGION).length, 0);
    });
  });

  it('two subnets in one AZ: DuplicateSubnetsInSameZone names the subnets field', async () => {
    const seed = loadSeed(undefined);
    const vpc = seed.regions.find((r) => r.name === REGION)!.vpcs.find((v) => v.name === 'app-vpc')!;
    vpc.subnets.push({ name: 'app-vpc-us-east-1a-2', cidrBlock: '127.10.4.0/24', availabilityZone: 'us-east-1a' });
    await fixture.swap(await startEmulator({ seed }));
    const second = emulator.subnetIdByName(REGION, 'app-vpc-us-east-1a-2')!;
    const result = expectOutcome(await applyEndpointPlan(ec2, planFor(formFor(ids, { subnetIds: [ids.subnetA, second] })), FAST), 'failed');
    assert.equal(result.error.code, 'DuplicateSubnetsInSameZone');
    assert.equal(result.error.field, 'subnetIds');
    assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), []);
  });

  it('retries throttled calls (RequestLimitExceeded) and still succeeds', async () => {
    emulator.setFaults({ throttleNextCalls: 2 });
    const result = expectOutcome(await applyEndpointPlan(ec2, planFor(formFor(ids)), FAST), 'succeeded');
    assert.equal(result.state, 'available');
    // The first call of the run (the look-up for an earlier group) was answered twice with 503.
    assert.equal(emulator.callCounts().DescribeSecurityGroups, 3);
    assert.equal(emulator.faults().throttleNextCalls, 0);
  });

  it('cancelling while waiting keeps the endpoint and says so; a re-submit picks it up', async () => {
    emulator.setEndpointDelay(60_000);
    const controller = new AbortController();
    const plan = planFor(formFor(ids));
    const result = expectOutcome(
      await applyEndpointPlan(ec2, plan, {
        ...FAST,
        signal: controller.signal,
        onProgress: (e) => {
          if (e.stepId === 'waitAvailable' && e.status === 'running' && /pending/.test(e.message)) controller.abort();
        },
      }),
      'cancelled',
    );
    assert.ok(result.endpointId);
    assert.equal(result.state, 'pending');
    assert.match(result.message, /NOT deleted/);
    assert.match(result.message, new RegExp(`delete-vpc-endpoints --region us-east-1 --vpc-endpoint-ids ${result.endpointId}`));
    const kept = result.leftBehind.find((l) => l.kind === 'vpcEndpoint');
    assert.equal(kept?.id, result.endpointId);
    assert.ok(result.leftBehind.some((l) => l.kind === 'securityGroup' && l.id === result.securityGroupId));
    assert.equal(emulator.callCounts().DeleteVpcEndpoints ?? 0, 0, 'nothing was deleted');
    assert.equal(emulator.callCounts().DeleteSecurityGroup ?? 0, 0);
    assert.equal(liveEndpoints(emulator, ids.vpcId)[0]?.state, 'pending');

    emulator.setEndpointDelay(200);
    emulator.setEndpointState(result.endpointId!, 'available');
    const resumed = expectOutcome(await applyEndpointPlan(ec2, planFor(formFor(ids)), FAST), 'succeeded');
    assert.equal(resumed.endpointId, result.endpointId);
    assert.equal(liveEndpoints(emulator, ids.vpcId).length, 1);
  });

  it('cancelling before the endpoint exists removes the new group and creates nothing', async () => {
    const controller = new AbortController();
    const events: ApplyProgress[] = [];
    const result = expectOutcome(
      await applyEndpointPlan(ec2, planFor(formFor(ids)), {
        ...FAST,
        signal: controller.signal,
        onProgress: (e) => {
          events.push(e);
          if (e.stepId === 'authorizeIngress' && e.status === 'done') controller.abort();
        },
      }),
      'cancelled',
    );
    assert.equal(result.endpointId, undefined);
    assert.deepEqual(result.undone.map((u) => u.kind), ['securityGroup']);
    assert.deepEqual(result.leftBehind, []);
    assert.match(result.message, /Cancelled before the endpoint was created/);
    assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), []);
    assert.equal(emulator.callCounts().CreateVpcEndpoint ?? 0, 0);
    // The stopped step is reported before the ones that will not run, then the undo.
    const order = events.filter((e) => e.status !== 'running' && e.status !== 'done').map((e) => `${e.stepId}:${e.status}`);
    assert.deepEqual(order, ['createEndpoint:skipped', 'waitAvailable:skipped', 'createSecurityGroup:undoing', 'createSecurityGroup:undone']);
  });

  it('a service that requires acceptance: created without private DNS, then turned on after acceptance', async () => {
    emulator.setFaults({ nextEndpointOutcome: 'pendingAcceptance' });
    const plan = planFor(formFor(ids), { acceptanceRequired: true });
    assert.deepEqual(plan.steps.map((s) => s.id), ['createSecurityGroup', 'authorizeIngress', 'createEndpoint', 'waitForAcceptance', 'enablePrivateDns', 'waitAvailable']);
    let dnsWhilePending: boolean | undefined;
    const result = expectOutcome(
      await applyEndpointPlan(ec2, plan, {
        ...FAST,
        onProgress: (e) => {
          if (e.stepId === 'waitForAcceptance' && e.status === 'running' && /pendingAcceptance/.test(e.message) && e.resourceId) {
            dnsWhilePending = emulator.endpoints(REGION).find((x) => x.endpointId === e.resourceId)?.privateDnsEnabled;
            // PlanetScale accepts the connection.
            emulator.setEndpointState(e.resourceId, 'available');
          }
        },
      }),
      'succeeded',
    );
    assert.equal(dnsWhilePending, false, 'private DNS was off while waiting for acceptance');
    const endpoint = emulator.endpoints(REGION).find((x) => x.endpointId === result.endpointId)!;
    assert.equal(endpoint.privateDnsEnabled, true);
    assert.equal(emulator.callCounts().ModifyVpcEndpoint, 1);
  });

  it('puts the form fingerprint on both resources, which is how a re-submit finds them', async () => {
    const plan = planFor(formFor(ids));
    const result = expectOutcome(await applyEndpointPlan(ec2, plan, FAST), 'succeeded');
    const sg = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [result.securityGroupId] }));
    assert.equal(sg.SecurityGroups?.[0].Tags?.find((t) => t.Key === TAG_REQUEST)?.Value, plan.fingerprint);
    const ep = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [result.endpointId] }));
    assert.equal(ep.VpcEndpoints?.[0].Tags?.find((t) => t.Key === TAG_REQUEST)?.Value, plan.fingerprint);
  });
});
