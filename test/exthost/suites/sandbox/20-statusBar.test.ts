// The status bar follows watched endpoints: pending → available, failed with one notification,
// and delete to `deleted` with the extension's security group gone.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Transition } from '../../../../src/aws/watch/endpointStatusModel';
import { deleteWatchedEndpoint } from '../../../../src/commands/deleteEndpoint';
import { ExtensionApi, extensionApi } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { DeleteVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { US_EAST_SERVICE, createAppEndpoint, groupExists, testEc2 } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';

function tooltipText(item: vscode.StatusBarItem): string {
  const t = item.tooltip;
  return typeof t === 'string' ? t : t?.value ?? '';
}

describe('endpoint status bar', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  const info = sandboxInfo();
  const notified: Transition[] = [];

  const watch = async (endpointId: string, vpcId: string, lastState = 'pending') =>
    api.endpointWatcher.watch({ endpointId, vpcId, profile: info.awsProfile, region: 'us-east-1', serviceName: US_EAST_SERVICE, createdAt: new Date().toISOString(), lastState });

  before(async () => {
    api = await extensionApi();
    api.endpointWatcher.onDidNotify((t) => notified.push(t));
  });

  /** Endpoints these tests made; deleted after each, so later suites find only their own. */
  const made: string[] = [];
  const createEndpoint = async (groupName: string) => {
    const created = await createAppEndpoint({ groupName });
    made.push(created.endpointId);
    return created;
  };

  afterEach(async () => {
    await control('/faults/clear');
    if (made.length) await testEc2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: made.splice(0) }));
    for (const e of api.endpointWatcher.entries()) await api.endpointWatcher.unwatch(e.endpointId);
    notified.length = 0;
  });

  it('is hidden while nothing is watched', () => {
    assert.deepEqual(api.endpointWatcher.entries(), []);
    assert.equal(api.statusBar.visible, false);
  });

  it('follows pending → available in text and tooltip, notifying once', async () => {
    await control('/endpoint-delay', { ms: 3000 });
    const { endpointId, vpcId } = await createEndpoint('sb-status-pending');
    await watch(endpointId, vpcId);
    await api.endpointWatcher.refreshNow();
    assert.equal(api.statusBar.visible, true);
    assert.match(api.statusBar.item.text, /^\$\(loading~spin\) PrivateLink: pending$/);
    assert.match(tooltipText(api.statusBar.item), new RegExp(`${endpointId}.*${vpcId.replace(/-/g, '\\-')}.*pending`));
    await eventually(async () => {
      await api.endpointWatcher.refreshNow();
      return /available/.test(api.statusBar.item.text) ? true : undefined;
    }, 'the status bar to show available');
    assert.equal(api.statusBar.item.text, '$(pass) PrivateLink: available');
    assert.match(tooltipText(api.statusBar.item), /us-east-1a, us-east-1b|subnet-/);
    assert.deepEqual(notified.map((t) => [t.entry.endpointId, t.kind]), [[endpointId, 'becameAvailable']]);
    await api.endpointWatcher.refreshNow();
    assert.equal(notified.length, 1, 'a stable state must not notify again');
  });

  it('shows a failed endpoint with the error background and exactly one notification', async () => {
    await control('/faults', { nextEndpointOutcome: 'failed', endpointAvailableAfterMs: 500 });
    const { endpointId, vpcId } = await createEndpoint('sb-status-failed');
    await watch(endpointId, vpcId);
    await eventually(async () => {
      await api.endpointWatcher.refreshNow();
      return /failed/.test(api.statusBar.item.text) ? true : undefined;
    }, 'the status bar to show failed');
    assert.equal(api.statusBar.item.text, '$(error) PrivateLink: failed');
    assert.equal((api.statusBar.item.backgroundColor as vscode.ThemeColor | undefined)?.id, 'statusBarItem.errorBackground');
    await api.endpointWatcher.refreshNow();
    await api.endpointWatcher.refreshNow();
    assert.deepEqual(notified.map((t) => t.kind), ['becameBroken']);
  });

  it('shows an unknown state with the reason when EC2 refuses, without notifying', async () => {
    await control('/endpoint-delay', { ms: 0 });
    const { endpointId, vpcId } = await createEndpoint('sb-status-denied');
    await watch(endpointId, vpcId, 'available');
    await control('/faults', { denyActions: ['DescribeVpcEndpoints'] });
    await api.endpointWatcher.refreshNow();
    assert.equal(api.statusBar.item.text, '$(question) PrivateLink: unknown');
    assert.match(tooltipText(api.statusBar.item), /DescribeVpcEndpoints/);
    assert.deepEqual(notified, []);
  });

  it('reveals a watched endpoint in the AWS view, selected', async () => {
    const { endpointId, vpcId } = await createEndpoint('sb-status-reveal');
    api.awsExplorer.refresh();
    const target = { profile: info.awsProfile, region: 'us-east-1', vpcId, endpointId };
    assert.equal(await api.awsExplorer.revealEndpoint(api.awsExplorerView, target), true);
    assert.equal(api.awsExplorerView.selection[0]?.id, `endpoint/${info.awsProfile}/us-east-1/${endpointId}`);
    assert.equal(await api.awsExplorer.revealEndpoint(api.awsExplorerView, { ...target, endpointId: 'vpce-0000000000000000' }), false);
  });

  it('deletes an endpoint to `deleted` and removes the security group the extension created', async () => {
    await control('/endpoint-delay', { ms: 0 });
    const { endpointId, vpcId, securityGroupId } = await createAppEndpoint({ groupName: 'sb-status-delete' });
    await watch(endpointId, vpcId, 'available');
    const result = await deleteWatchedEndpoint(api.services, api.endpointWatcher, { profile: info.awsProfile, region: 'us-east-1', endpointId, vpcId }, true);
    assert.equal(result.outcome, 'deleted', result.message);
    assert.equal(result.endpointState, 'deleted');
    assert.ok(result.removed.some((r) => r.id === securityGroupId), `removed: ${JSON.stringify(result.removed)}`);
    assert.equal(await groupExists(securityGroupId), false);
    assert.equal(api.endpointWatcher.isWatched(endpointId), false);
    assert.equal(api.statusBar.visible, false);
  });
});
