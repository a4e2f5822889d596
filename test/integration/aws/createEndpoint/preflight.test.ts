// preflightEndpointPlan against the EC2 emulator: every problem is found before anything exists,
// with the field, the fix and an offer; DryRun finds missing permissions.
import assert from 'node:assert/strict';
import { CreateSecurityGroupCommand, CreateVpcEndpointCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { applyEndpointPlan } from '../../../../src/aws/createEndpoint/applyPlan';
import type { PreflightResult } from '../../../../src/aws/createEndpoint/applyTypes';
import { buildEndpointPlan } from '../../../../src/aws/createEndpoint/endpointPlan';
import { preflightEndpointPlan } from '../../../../src/aws/createEndpoint/preflight';
import { type Emulator, FAST, formFor, GROUP_NAME, groupsNamed, planFor, REGION, type SeedIds, useEmulatorPerTest } from './createEndpointFixtures';

function problem(result: PreflightResult, code: string) {
  const found = result.problems.find((p) => p.code === code);
  assert.ok(found, `expected problem ${code}; got ${result.problems.map((p) => `${p.code}(${p.field})`).join(', ')}`);
  return found;
}

describe('createEndpoint/preflight against the EC2 emulator', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let ec2: EC2Client;
  let ids: SeedIds;
  useEmulatorPerTest((fixture) => ({ emulator, ec2, ids } = fixture));

  /** Nothing in the account changed: no group, no endpoint. */
  async function assertNothingCreated(vpcId = ids.vpcId) {
    assert.deepEqual(await groupsNamed(ec2, vpcId, GROUP_NAME), []);
    assert.equal(emulator.endpoints(REGION).length, 0);
  }

  it('passes for a good form: all dry runs allowed, facts for the plan, nothing created', async () => {
    const plan = planFor(formFor(ids));
    const result = await preflightEndpointPlan(ec2, plan);
    assert.equal(result.ok, true, JSON.stringify(result.problems));
    assert.deepEqual(result.missingPermissions, []);
    assert.deepEqual(
      result.dryRuns.map((d) => `${d.action}:${d.outcome}`).sort(),
      ['ec2:AuthorizeSecurityGroupIngress:allowed', 'ec2:CreateSecurityGroup:allowed', 'ec2:CreateVpcEndpoint:allowed', 'ec2:DeleteSecurityGroup:allowed'],
    );
    assert.equal(result.acceptanceRequired, false);
    assert.deepEqual(result.serviceAvailabilityZones, ['us-east-1a', 'us-east-1b']);
    assert.deepEqual(result.subnetAvailabilityZones, { [ids.subnetA]: 'us-east-1a', [ids.subnetB]: 'us-east-1b' });
    await assertNothingCreated();
    // Every mutating call was made as a dry run only (they were counted but changed nothing).
    assert.ok((emulator.callCounts().CreateVpcEndpoint ?? 0) >= 1);
  });

  it('passes again when the same form is re-submitted after its endpoint exists (private DNS on)', async () => {
    const plan = planFor(formFor(ids));
    const first = await applyEndpointPlan(ec2, plan, FAST);
    assert.equal(first.outcome, 'succeeded');
    const again = await preflightEndpointPlan(ec2, planFor(formFor(ids)));
    assert.equal(again.ok, true, JSON.stringify(again.problems));
    assert.equal(again.dryRuns.find((d) => d.action === 'ec2:CreateVpcEndpoint')?.outcome, 'allowed');
    const second = await applyEndpointPlan(ec2, planFor(formFor(ids)), FAST);
    assert.equal(second.outcome, 'succeeded');
    assert.equal(second.outcome === 'succeeded' && first.outcome === 'succeeded' && second.endpointId, first.outcome === 'succeeded' && first.endpointId);
    assert.equal(emulator.endpoints(REGION).length, 1);
  });

  it('a denied ec2:CreateVpcEndpoint is found by the dry run, before anything exists', async () => {
    emulator.setFaults({ denyActions: ['ec2:CreateVpcEndpoint'] });
    const result = await preflightEndpointPlan(ec2, planFor(formFor(ids)), { profile: 'sbx' });
    assert.equal(result.ok, false);
    assert.deepEqual(result.missingPermissions, ['ec2:CreateVpcEndpoint']);
    const missing = problem(result, 'MissingPermissions');
    assert.match(missing.message, /ec2:CreateVpcEndpoint/);
    assert.match(missing.message, /profile "sbx"/);
    assert.match(missing.fix, /allow ec2:CreateVpcEndpoint/);
    assert.equal(result.dryRuns.find((d) => d.action === 'ec2:CreateVpcEndpoint')?.outcome, 'denied');
    assert.equal(result.dryRuns.find((d) => d.action === 'ec2:CreateSecurityGroup')?.outcome, 'allowed');
    assert.equal(emulator.callCounts().CreateSecurityGroup, 1, 'the group creation was only dry-run');
    await assertNothingCreated();
  });

  it('several denied actions are all listed at once', async () => {
    emulator.setFaults({ denyActions: ['ec2:CreateSecurityGroup', 'ec2:AuthorizeSecurityGroupIngress'] });
    const result = await preflightEndpointPlan(ec2, planFor(formFor(ids)));
    assert.deepEqual(result.missingPermissions, ['ec2:AuthorizeSecurityGroupIngress', 'ec2:CreateSecurityGroup']);
    await assertNothingCreated();
  });

  it('a denied DeleteSecurityGroup is a warning: creation works but could not clean up', async () => {
    emulator.setFaults({ denyActions: ['ec2:DeleteSecurityGroup'] });
    const result = await preflightEndpointPlan(ec2, planFor(formFor(ids)));
    assert.equal(result.ok, true);
    const warning = result.problems.find((p) => p.severity === 'warning' && /ec2:DeleteSecurityGroup/.test(p.message));
    assert.ok(warning);
  });

  it('a denied Describe call is reported as a missing permission too', async () => {
    emulator.setFaults({ denyActions: ['ec2:DescribeVpcEndpoints'] });
    const result = await preflightEndpointPlan(ec2, planFor(formFor(ids)));
    assert.equal(result.ok, false);
    assert.ok(result.missingPermissions.includes('ec2:DescribeVpcEndpoints'));
  });

  it('private DNS on legacy-vpc: names the field and offers to turn the VPC attributes on', async () => {
    const form = formFor(ids, {
      vpcId: ids.legacyVpcId,
      subnetIds: [ids.legacyA, ids.legacyB],
      securityGroup: { mode: 'create', groupName: GROUP_NAME, sourceKind: 'cidrs', sourceGroupIds: [], cidrs: ['127.11.0.0/16'] },
    });
    const result = await preflightEndpointPlan(ec2, planFor(form));
    assert.equal(result.ok, false);
    const p = problem(result, 'VpcDnsOff');
    assert.equal(p.field, 'privateDns');
    assert.match(p.message, /enableDnsHostnames/);
    assert.deepEqual(p.offer, { kind: 'enableVpcDns', vpcId: ids.legacyVpcId });
    assert.equal(result.problems.filter((x) => x.field === 'privateDns' && x.severity === 'error').length, 1, 'the dry run does not repeat it');
    await assertNothingCreated(ids.legacyVpcId);
  });

  it('a subnet in us-east-1c (not offered by the service)', async () => {
    const result = await preflightEndpointPlan(ec2, planFor(formFor(ids, { subnetIds: [ids.subnetA, ids.subnetC] })));
    assert.equal(result.ok, false);
    const p = problem(result, 'SubnetZoneNotOffered');
    assert.equal(p.field, 'subnetIds');
    assert.match(p.message, new RegExp(`${ids.subnetC} is in us-east-1c`));
    assert.match(p.message, /us-east-1a, us-east-1b/);
    await assertNothingCreated();
  });

  it('an existing endpoint with private DNS for the service: conflict, with the offer to use it', async () => {
    const existing = await ec2.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: ids.vpcId, ServiceName: planFor(formFor(ids)).request.serviceName, SubnetIds: [ids.subnetA], PrivateDnsEnabled: true }),
    );
    const existingId = existing.VpcEndpoint!.VpcEndpointId!;
    const result = await preflightEndpointPlan(ec2, planFor(formFor(ids)));
    assert.equal(result.ok, false);
    const p = problem(result, 'ConflictingPrivateDns');
    assert.equal(p.field, 'privateDns');
    assert.match(p.message, new RegExp(existingId));
    assert.deepEqual(p.offer, { kind: 'useExistingEndpoint', endpointId: existingId });
  });

  it('an existing endpoint without private DNS conflict is only a warning with the offer', async () => {
    const existing = await ec2.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: ids.vpcId, ServiceName: planFor(formFor(ids)).request.serviceName, SubnetIds: [ids.subnetA], PrivateDnsEnabled: false }),
    );
    const result = await preflightEndpointPlan(ec2, planFor(formFor(ids)));
    assert.equal(result.ok, true, JSON.stringify(result.problems));
    const p = problem(result, 'EndpointExists');
    assert.equal(p.severity, 'warning');
    assert.deepEqual(p.offer, { kind: 'useExistingEndpoint', endpointId: existing.VpcEndpoint!.VpcEndpointId });
  });

  it('a security group with the same name: offers to reuse it', async () => {
    const theirs = await ec2.send(new CreateSecurityGroupCommand({ GroupName: GROUP_NAME, Description: 'made by hand', VpcId: ids.vpcId }));
    const result = await preflightEndpointPlan(ec2, planFor(formFor(ids)));
    assert.equal(result.ok, false);
    const p = problem(result, 'DuplicateSecurityGroupName');
    assert.equal(p.field, 'securityGroup.groupName');
    assert.deepEqual(p.offer, { kind: 'reuseSecurityGroup', groupId: theirs.GroupId });
    assert.equal(emulator.endpoints(REGION).length, 0);
  });

  it('the group of an earlier submit of the same form is not a conflict: it will be reused', async () => {
    emulator.setFaults({ denyActions: ['ec2:DeleteSecurityGroup', 'ec2:CreateVpcEndpoint'] });
    const plan = planFor(formFor(ids));
    const failed = await applyEndpointPlan(ec2, plan, { ...FAST, cleanup: { attempts: 1 } });
    assert.equal(failed.outcome, 'failed');
    assert.equal(failed.outcome === 'failed' && failed.leftBehind[0]?.kind, 'securityGroup', 'the group could not be undone');
    emulator.clearFaults();
    const result = await preflightEndpointPlan(ec2, planFor(formFor(ids)));
    assert.equal(result.ok, true, JSON.stringify(result.problems));
    assert.equal(result.reusableSecurityGroupId, failed.outcome === 'failed' ? failed.leftBehind[0].id : '');
    assert.equal(problem(result, 'ReuseSecurityGroup').severity, 'info');
  });

  it('an existing group without 5432/6432 inbound: warning with the offer to add the rules', async () => {
    const result = await preflightEndpointPlan(ec2, planFor(formFor(ids, { securityGroup: { mode: 'existing', groupId: ids.appServers } })));
    const p = problem(result, 'GroupMissingPorts');
    assert.equal(p.severity, 'warning');
    assert.equal(p.field, 'securityGroup.groupId');
    assert.deepEqual(p.offer, { kind: 'addIngressRules', groupId: ids.appServers, ports: [5432, 6432] });
    assert.equal(result.ok, true);
  });

  it('a service name that does not exist in the region', async () => {
    const result = await preflightEndpointPlan(ec2, planFor(formFor(ids, { serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0ffffffffffffffff' })));
    assert.equal(result.ok, false);
    const p = problem(result, 'InvalidServiceName');
    assert.equal(p.field, 'serviceName');
    assert.match(p.fix, /Private Service Name/);
    await assertNothingCreated();
  });

  it('a plan for a service that requires acceptance dry-runs the create without private DNS', async () => {
    // The seed's service needs no acceptance; the plan is built as for one that does.
    const plan = buildEndpointPlan(planFor(formFor(ids)).request, { acceptanceRequired: true });
    const result = await preflightEndpointPlan(ec2, plan);
    assert.equal(result.dryRuns.find((d) => d.action === 'ec2:ModifyVpcEndpoint')?.outcome, 'skipped');
    assert.equal(result.dryRuns.find((d) => d.action === 'ec2:CreateVpcEndpoint')?.outcome, 'allowed', 'dry run created without private DNS');
  });

  it('leaves the account exactly as it was, even for a form with several problems', async () => {
    const before = JSON.stringify(emulator.snapshot());
    await preflightEndpointPlan(ec2, planFor(formFor(ids)));
    await preflightEndpointPlan(ec2, planFor(formFor(ids, { subnetIds: [ids.subnetA, ids.subnetC], nameTag: 'other' })));
    assert.equal(JSON.stringify(emulator.snapshot()), before);
    assert.equal(emulator.callCounts().DeleteVpcEndpoints ?? 0, 0);
  });
});
