// The Diagnose panel's results go stale when their endpoint changes: a finished diagnosis of a
// sandbox endpoint, then the sandbox's control API moves the endpoint to `failed` and later EC2
// deletes it; the endpoint watcher's polls (the real ones, against the emulator) report each change
// and the panel's host sends the page a view marked stale, with the new state or the deletion.
// The endpoint is followed, not watched: the status bar's list is left as it was.
import assert from 'node:assert/strict';
import { DeleteSecurityGroupCommand, DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { createDiagnoseService } from '../../../../src/commands/diagnose';
import type { DiagnoseRequest, DiagnoseService } from '../../../../src/commands/diagnose/diagnoseService';
import type { DiagnoseController } from '../../../../src/webviews/diagnose/diagnoseController';
import { diagnoseController } from '../../../../src/webviews/diagnose/diagnosePanel';
import type { DiagnoseHostMessage, DiagnoseView } from '../../../../src/webviews/protocol/diagnoseProtocol';
import { eventually } from '../../../harness/eventually';
import { extensionApi, type ExtensionApi } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { US_EAST_SERVICE, createAppEndpoint, groupId, testEc2 } from '../../support/sandboxEc2';
import { ScriptedPage, quietDiagnoseUi } from '../../support/scriptedPage';

describe('Diagnose results go stale when the endpoint changes', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  const ec2 = testEc2();
  let api: ExtensionApi;
  let endpointId = '';
  let securityGroupId = '';
  let request: DiagnoseRequest;
  let service: DiagnoseService;
  let page: ScriptedPage<DiagnoseHostMessage>;
  let controller: DiagnoseController;

  const view = (): DiagnoseView | undefined => page.last('state')?.state;

  before(async () => {
    api = await extensionApi();
    await control('/endpoint-delay', { ms: 300 });
    let vpcId: string;
    ({ endpointId, securityGroupId, vpcId } = await createAppEndpoint({ groupName: 'PScaleStaleTestSG' }));
    await eventually(async () => {
      const out = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
      return String(out.VpcEndpoints?.[0]?.State).toLowerCase() === 'available' ? true : undefined;
    }, `${endpointId} available`);
    request = {
      target: { profile: info.awsProfile, region: 'us-east-1', endpointId, vpcId, serviceName: US_EAST_SERVICE },
      client: { kind: 'securityGroups', securityGroups: [{ id: await groupId(vpcId, 'app-servers'), name: 'app-servers' }] },
    };
    service = createDiagnoseService(api.services, { awsTree: api.awsExplorer, watcher: api.endpointWatcher }, quietDiagnoseUi());
    page = new ScriptedPage<DiagnoseHostMessage>();
    controller = diagnoseController(api.services, service, page);
  });

  after(async () => {
    await controller?.settled();
    controller?.dispose();
    page?.dispose();
    service?.dispose();
    await control('/endpoint-delay', { ms: 4000 });
    if (!securityGroupId) return;
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] })).catch(() => undefined);
    await eventually(async () => {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: securityGroupId }));
      return true;
    }, `deleting ${securityGroupId}`, 60_000);
  });

  it('a state change after the diagnosis marks the results stale with the new state; Re-run clears it', async () => {
    const result = await service.diagnose(request);
    assert.ok(result, 'the diagnosis finished');
    assert.equal(view()?.phase, 'done');
    assert.equal(view()?.stale, undefined, 'fresh results are not stale');
    // The watcher now polls the endpoint (in memory only) and knows its state.
    await api.endpointWatcher.refreshNow();
    assert.equal(view()?.stale, undefined, 'no change, no stale mark');
    assert.equal(api.endpointWatcher.isWatched(endpointId), false, 'following is not watching: the status bar list is unchanged');

    await control(`/endpoints/${endpointId}/state`, { state: 'failed' });
    await api.endpointWatcher.refreshNow();
    assert.deepEqual(view()?.stale, { reason: 'stateChanged', state: 'failed' });
    assert.deepEqual(service.view?.stale, { reason: 'stateChanged', state: 'failed' });
    assert.equal(view()?.checks.length, result.checks.length, 'the results stay on screen, marked');

    // Re-run from the page, as the banner's button does: new results, no longer stale.
    const requestId = page.post({ type: 'action', action: 'rerun' });
    await controller.settled();
    const answer = page.received.find((m) => m.type === 'actionDone' && m.requestId === requestId);
    assert.ok(answer && answer.type === 'actionDone' && answer.ok, JSON.stringify(answer));
    assert.equal(view()?.phase, 'done');
    assert.equal(view()?.stale, undefined);
    assert.equal(view()?.checks.find((c) => c.id === 'endpointState')?.status, 'fail', 'the new run sees the failed endpoint');
  });

  it('deleting the endpoint marks the results as from before it was deleted', async () => {
    await api.endpointWatcher.refreshNow();
    assert.equal(view()?.stale, undefined);
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    // EC2 reports `deleting` first, then the id is gone: either way the endpoint is going away.
    await eventually(async () => {
      await api.endpointWatcher.refreshNow();
      return view()?.stale?.reason === 'deleted' ? true : undefined;
    }, 'results marked as from before the deletion', 60_000);
    assert.deepEqual(service.view?.stale, { reason: 'deleted' });
  });
});
