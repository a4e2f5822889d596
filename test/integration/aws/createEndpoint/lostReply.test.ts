// Lost replies: the emulator performs CreateSecurityGroup / CreateVpcEndpoint and then resets the
// connection, on every SDK retry too (the ClientToken makes the endpoint retries idempotent, so
// they all name one endpoint). Undo must find what was made by its request tag and remove it, or
// say how to find it; a run must never end with "Nothing was created" while something was.
import assert from 'node:assert/strict';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { applyEndpointPlan } from '../../../../src/aws/createEndpoint/applyPlan';
import type { ApplyResult } from '../../../../src/aws/createEndpoint/applyTypes';
import { TAG_REQUEST } from '../../../../src/aws/createEndpoint/resourceTags';
import { type Emulator, FAST, formFor, GROUP_NAME, groupsNamed, liveEndpoints, planFor, type SeedIds, useEmulatorPerTest } from './createEndpointFixtures';

function failed(result: ApplyResult): ApplyResult & { outcome: 'failed' } {
  assert.equal(result.outcome, 'failed', result.message);
  return result as ApplyResult & { outcome: 'failed' };
}

describe('createEndpoint/applyPlan: a create whose reply is lost', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let ec2: EC2Client;
  let ids: SeedIds;
  useEmulatorPerTest((fixture) => ({ emulator, ec2, ids } = fixture));

  it('CreateSecurityGroup: the group made at AWS is found by its tag and deleted', async () => {
    emulator.setFaults({ dropReplyActions: ['CreateSecurityGroup'] });
    const result = failed(await applyEndpointPlan(ec2, planFor(formFor(ids)), FAST));
    assert.ok((emulator.callCounts().CreateSecurityGroup ?? 0) >= 2, 'the SDK retried, and lost every answer');
    assert.equal(result.failedStepId, 'createSecurityGroup');
    assert.match(result.message, /may have created it/);
    assert.equal(result.undone.length, 1, result.message);
    assert.equal(result.undone[0].kind, 'securityGroup');
    assert.deepEqual(result.leftBehind, []);
    assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), [], 'no group is left in the VPC');
    assert.doesNotMatch(result.message, /Nothing was created/);
  });

  it('CreateVpcEndpoint: the endpoint made at AWS is found by its tag and deleted, then the new group', async () => {
    emulator.setFaults({ dropReplyActions: ['CreateVpcEndpoint'] });
    const result = failed(await applyEndpointPlan(ec2, planFor(formFor(ids)), FAST));
    assert.ok((emulator.callCounts().CreateVpcEndpoint ?? 0) >= 2, 'the SDK retried, and lost every answer');
    const made = emulator.endpoints().filter((e) => e.vpcId === ids.vpcId && e.tags[TAG_REQUEST]);
    assert.equal(made.length, 1, 'the retries (same ClientToken) made one endpoint');
    assert.equal(result.failedStepId, 'createEndpoint');
    assert.deepEqual(result.undone.map((u) => u.kind), ['vpcEndpoint', 'securityGroup'], result.message);
    assert.equal(result.undone[0].id, made[0].endpointId);
    assert.deepEqual(result.leftBehind, []);
    assert.equal(liveEndpoints(emulator, ids.vpcId).length, 0, 'no endpoint is left');
    assert.deepEqual(await groupsNamed(ec2, ids.vpcId, GROUP_NAME), []);
  });

  it('when looking for it fails too, the result says it may exist and how to find it', async () => {
    emulator.setFaults({ dropReplyActions: ['CreateVpcEndpoint'] });
    const plan = planFor(formFor(ids));
    const result = failed(
      await applyEndpointPlan(ec2, plan, {
        ...FAST,
        onProgress: (e) => {
          // Once the create has failed, the lookup of undo cannot read the endpoints either.
          if (e.stepId === 'createEndpoint' && e.status === 'failed') emulator.setFaults({ denyActions: ['DescribeVpcEndpoints'] });
        },
      }),
    );
    const endpointLeft = result.leftBehind.find((l) => l.kind === 'vpcEndpoint');
    assert.ok(endpointLeft, result.message);
    assert.match(endpointLeft.id, new RegExp(plan.fingerprint));
    assert.match(endpointLeft.removeCommand, /describe-vpc-endpoints .*--filters/);
    assert.match(endpointLeft.reason, /may exist/);
    // The group the endpoint may use is kept and reported, not deleted under it.
    assert.ok(result.leftBehind.some((l) => l.kind === 'securityGroup'), result.message);
    assert.match(result.message, /Left in your account/);
  });
});
