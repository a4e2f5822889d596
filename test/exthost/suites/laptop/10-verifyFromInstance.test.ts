// On the laptop: the command "Verify from an Instance in the VPC" (through the shipped bundle)
// picks app-instance (first, suitable), proves the private path there through the sandbox's
// Systems Manager, and remembers when and from where.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ExtensionApi, extensionApi } from '../../support/api';
import { sandboxInfo } from '../../support/sandboxInfo';
import { createAppEndpoint } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';
import { Commands } from '../../../../src/commands/commandIds';

const LAST_VERIFIED = 'planetscalePrivateLink.vantage.lastVerified';

describe('laptop: verify from an instance in the VPC', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  let branch: Record<string, unknown>;
  let endpointId: string;

  before(async () => {
    assert.equal(info.vantage, 'laptop');
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    const client = (await api.services.planetscale.client())!;
    const privateInfo = await client.getBranchPrivateInfo(info.planetscaleOrg, 'orders', 'main');
    branch = { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main', production: true, ...privateInfo, region: 'us-east-1' };
    ({ endpointId } = await createAppEndpoint({ groupName: 'laptop-verify', privateDns: true }));
    await eventually(async () => {
      api.awsExplorer.refresh();
      await api.awsExplorer.getChildren();
      const match = api.awsExplorer.endpointsForService(String(branch.serviceName)).find((m) => m.endpoint.id === endpointId);
      return match?.endpoint.state === 'available' ? true : undefined;
    }, 'the endpoint to be available');
  });

  it('proves DNS, TCP and TLS from app-instance and records "verified from i-…"', async () => {
    // The script confirmation is a modal dialog; this test covers the run after it was accepted once.
    await api.services.context.workspaceState.update('planetscalePrivateLink.vantage.scriptSeen', true);
    const running = vscode.commands.executeCommand(Commands.verifyFromInstance, { payload: branch });
    let settled = false;
    void Promise.resolve(running).finally(() => {
      settled = true;
    });
    // Accept the preselected (first, suitable) instance as soon as the pick shows.
    const recorded = await eventually(async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return api.services.context.workspaceState.get<Record<string, { instanceId: string; pathProven: boolean; proven: string[] }>>(LAST_VERIFIED)?.[endpointId];
    }, 'the verification to be recorded', 60_000);
    await running;
    assert.equal(recorded.pathProven, true);
    assert.match(recorded.instanceId, /^i-[0-9a-f]+$/);
    assert.ok(recorded.proven.some((p) => /verify-full/.test(p)), recorded.proven.join('\n'));
  });
});
