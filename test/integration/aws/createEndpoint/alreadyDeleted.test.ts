// An endpoint deleted by someone else between our read and our DeleteVpcEndpoints: EC2 reports it in
// `Unsuccessful` as `InvalidVpcEndpoint.NotFound` (DescribeVpcEndpoints says
// `InvalidVpcEndpointId.NotFound`). Both delete and undo must read that as "already gone".
import assert from 'node:assert/strict';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { applyEndpointPlan } from '../../../../src/aws/createEndpoint/applyPlan';
import { deleteEndpoint } from '../../../../src/aws/createEndpoint/deleteEndpoint';
import { eventually } from '../../../harness/eventually';
import { type Emulator, FAST, formFor, planFor, REGION, type SeedIds, useEmulatorPerTest } from './createEndpointFixtures';

describe('createEndpoint: an endpoint already deleted when we delete it', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let ec2: EC2Client;
  let ids: SeedIds;
  useEmulatorPerTest((fixture) => ({ emulator, ec2, ids } = fixture));

  /** Holds our DeleteVpcEndpoints in the emulator's latency and deletes the endpoint meanwhile. */
  async function deleteBehindOurBack(endpointId: string, deletesBefore = 0): Promise<void> {
    await eventually(() => ((emulator.callCounts().DeleteVpcEndpoints ?? 0) > deletesBefore ? true : undefined), 'our DeleteVpcEndpoints call', 10_000);
    emulator.setEndpointState(endpointId, 'deleted');
  }

  it('delete: Unsuccessful InvalidVpcEndpoint.NotFound counts as deleted', async () => {
    const created = await applyEndpointPlan(ec2, planFor(formFor(ids)), FAST);
    assert.equal(created.outcome, 'succeeded', created.message);
    if (created.outcome !== 'succeeded') return;
    emulator.setFaults({ latencyMs: 800, latencyActions: ['DeleteVpcEndpoints'] });
    const [result] = await Promise.all([deleteEndpoint(ec2, created.endpointId, FAST), deleteBehindOurBack(created.endpointId)]);
    assert.equal(result.outcome, 'deleted', result.message);
    assert.deepEqual(result.removed, [{ kind: 'vpcEndpoint', id: created.endpointId }]);
    assert.deepEqual(result.leftBehind, []);
  });

  it('undo: Unsuccessful InvalidVpcEndpoint.NotFound counts as removed, nothing is reported left', async () => {
    emulator.setFaults({ nextEndpointOutcome: 'failed', latencyMs: 800, latencyActions: ['DeleteVpcEndpoints'] });
    let endpointId: string | undefined;
    const run = applyEndpointPlan(ec2, planFor(formFor(ids)), {
      ...FAST,
      onProgress: (e) => {
        if (e.stepId === 'createEndpoint' && e.status === 'done') endpointId = e.resourceId;
      },
    });
    const sabotage = eventually(() => endpointId, 'the created endpoint', 10_000).then((id) => deleteBehindOurBack(id));
    const [result] = await Promise.all([run, sabotage]);
    assert.equal(result.outcome, 'failed', result.message);
    if (result.outcome !== 'failed') return;
    assert.deepEqual(result.leftBehind, [], result.message);
    assert.deepEqual(result.undone.map((u) => u.kind), ['vpcEndpoint', 'securityGroup']);
    assert.equal(emulator.endpoints(REGION).find((e) => e.endpointId === endpointId)?.state, 'deleted');
  });
});
