// A run stopped in the middle (the window reloaded while it waited for PlanetScale to accept): the
// next start finds what it made by the form's request tag, and can still turn on private DNS once
// the connection is accepted — against the EC2 emulator through the real SDK.
import assert from 'node:assert/strict';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { applyEndpointPlan } from '../../../../src/aws/createEndpoint/applyPlan';
import { enablePrivateDnsAfterAcceptance, findCreationLeftovers, type CreationInProgress } from '../../../../src/aws/createEndpoint/interruptedCreation';
import type { EndpointPlan } from '../../../../src/aws/createEndpoint/endpointPlan';
import { eventually } from '../../../harness/eventually';
import { type Emulator, FAST, formFor, GROUP_NAME, planFor, REGION, type SeedIds, SERVICE, useEmulatorPerTest } from './createEndpointFixtures';

describe('createEndpoint/interruptedCreation against the EC2 emulator', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let ec2: EC2Client;
  let ids: SeedIds;
  useEmulatorPerTest((fixture) => ({ emulator, ec2, ids } = fixture));

  function recordOf(plan: EndpointPlan): CreationInProgress {
    return {
      fingerprint: plan.fingerprint,
      profile: 'sandbox',
      region: REGION,
      vpcId: ids.vpcId,
      serviceName: SERVICE,
      groupName: GROUP_NAME,
      privateDnsAfterAcceptance: plan.privateDnsAfterAcceptance,
      startedAt: new Date().toISOString(),
    };
  }

  /** Runs the plan until it waits for acceptance, then stops it, as a window reload would. */
  async function interruptWhileWaitingForAcceptance(plan: EndpointPlan): Promise<void> {
    emulator.setFaults({ nextEndpointOutcome: 'pendingAcceptance' });
    const reload = new AbortController();
    const result = await applyEndpointPlan(ec2, plan, {
      ...FAST,
      signal: reload.signal,
      onProgress: (e) => {
        if (e.stepId === 'waitForAcceptance' && e.status === 'running') reload.abort();
      },
    });
    assert.equal(result.outcome, 'cancelled', result.message);
  }

  it('finds the endpoint and the group of the interrupted run by its tag, and nothing of another form', async () => {
    const plan = planFor(formFor(ids), { acceptanceRequired: true });
    await interruptWhileWaitingForAcceptance(plan);
    const mine = emulator.endpoints(REGION).filter((e) => e.vpcId === ids.vpcId && e.state === 'pendingAcceptance');
    assert.equal(mine.length, 1);

    const found = await findCreationLeftovers(ec2, recordOf(plan));
    assert.deepEqual(found.endpointIds, [mine[0].endpointId]);
    assert.deepEqual(found.securityGroupId ? [found.securityGroupId] : [], mine[0].securityGroupIds);

    const other = planFor(formFor(ids, { nameTag: 'another-form' }), { acceptanceRequired: true });
    assert.notEqual(other.fingerprint, plan.fingerprint);
    assert.deepEqual(await findCreationLeftovers(ec2, recordOf(other)), { endpointIds: [] });
  });

  it('turns on private DNS once PlanetScale accepts the connection, not before', async () => {
    const plan = planFor(formFor(ids), { acceptanceRequired: true });
    assert.equal(plan.privateDnsAfterAcceptance, true);
    await interruptWhileWaitingForAcceptance(plan);
    const [endpointId] = (await findCreationLeftovers(ec2, recordOf(plan))).endpointIds;
    const privateDns = () => emulator.endpoints(REGION).find((e) => e.endpointId === endpointId)?.privateDnsEnabled;
    assert.equal(privateDns(), false);

    emulator.resetCallCounts();
    const finishing = enablePrivateDnsAfterAcceptance(ec2, endpointId, { ...FAST.wait });
    // PlanetScale accepts only once the step has seen the endpoint still waiting for it.
    await eventually(() => ((emulator.callCounts().DescribeVpcEndpoints ?? 0) >= 2 ? true : undefined), 'the wait for acceptance', 10_000);
    assert.equal(privateDns(), false, 'private DNS stays off until acceptance');
    assert.equal(emulator.callCounts().ModifyVpcEndpoint ?? 0, 0);
    emulator.setEndpointState(endpointId, 'available');
    assert.deepEqual(await finishing, { outcome: 'enabled' });
    assert.equal(privateDns(), true);
    assert.deepEqual(await enablePrivateDnsAfterAcceptance(ec2, endpointId, { ...FAST.wait }), { outcome: 'alreadyOn' });
  });

  it('a rejected connection is reported, not turned on', async () => {
    const plan = planFor(formFor(ids), { acceptanceRequired: true });
    await interruptWhileWaitingForAcceptance(plan);
    const [endpointId] = (await findCreationLeftovers(ec2, recordOf(plan))).endpointIds;
    emulator.setEndpointState(endpointId, 'rejected');
    const outcome = await enablePrivateDnsAfterAcceptance(ec2, endpointId, { ...FAST.wait });
    assert.equal(outcome.outcome, 'notAccepted');
    assert.equal(emulator.callCounts().ModifyVpcEndpoint ?? 0, 0);
  });
});
