// Issue 18 item 12: the walkthrough's context keys follow real state. What is true as the extension
// activates (the profile configured in the settings, the token in the environment) is set at
// activation; the endpoint (created in the EC2 emulator and watched), its arrival at `available`,
// a .env written by the shipped command and a diagnosis run each set their key as they happen.
// The keys are read through the test API (the values the extension last gave `setContext`).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DeleteVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { ExtensionApi, extensionApi } from '../../support/api';
import { sandboxInfo } from '../../support/sandboxInfo';
import { US_EAST_SERVICE as SERVICE, createAppEndpoint, groupId, testEc2 } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';
import { scriptUser } from '../../support/scriptedUser';
import { ACCEPT_SUMMARY } from '../../support/writePrompts';
import { Commands } from '../../../../src/commands/commandIds';
import type { WalkthroughFacts } from '../../../../src/services/walkthroughProgress';

describe('walkthrough: each step\'s context key follows what really happened', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  let endpointId: string | undefined;
  let vpc: string;
  const facts = (): WalkthroughFacts | undefined => api.walkthrough.facts();
  const until = (fact: keyof WalkthroughFacts, what: string) => eventually(async () => (facts()?.[fact] ? true : undefined), what, 60_000);

  before(async () => {
    api = await extensionApi();
  });

  after(async () => {
    if (endpointId) await testEc2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
  });

  it('at activation: the configured profile and the environment\'s token are set; nothing else', async () => {
    await eventually(async () => facts(), 'the first refresh');
    assert.deepEqual(facts(), { profileReady: true, tokenStored: true, endpointCreated: false, endpointAvailable: false, envWritten: false, diagnosed: false });
  });

  it('an endpoint created and watched sets endpointCreated, and its arrival at available sets endpointAvailable', async () => {
    ({ endpointId, vpcId: vpc } = await createAppEndpoint({ groupName: 'sb-walkthrough', privateDns: true }));
    await api.endpointWatcher.watch({ endpointId, profile: info.awsProfile, region: 'us-east-1', vpcId: vpc, serviceName: SERVICE, createdAt: new Date().toISOString() });
    await until('endpointCreated', 'endpointCreated after watching the endpoint');
    await until('endpointAvailable', 'endpointAvailable once the watcher sees the endpoint available');
    assert.equal(facts()?.envWritten, false);
  });

  it('a verified .env written by the shipped command sets envWritten', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ dependencies: { pg: '^8.13.0' } }));
    await eventually(async () => {
      api.awsExplorer.refresh();
      await api.awsExplorer.getChildren();
      return api.awsExplorer.endpointsForService(SERVICE).some((m) => m.endpoint.id === endpointId && m.endpoint.state === 'available') ? true : undefined;
    }, 'the endpoint in the AWS view');
    const user = scriptUser({ picks: [...ACCEPT_SUMMARY] });
    try {
      await vscode.commands.executeCommand(Commands.writeConnectionString, { payload: { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main' } });
    } finally {
      user.restore();
    }
    assert.ok(fs.existsSync(path.join(folder, '.env')), `.env written: ${JSON.stringify(user.notifications)}`);
    await until('envWritten', 'envWritten after the write');
    assert.equal(facts()?.diagnosed, false);
  });

  it('a diagnosis run to a result sets diagnosed', async () => {
    const client = (await api.services.planetscale.client())!;
    const { privateHost } = await client.getBranchPrivateInfo(info.planetscaleOrg, 'orders', 'main');
    const appSg = await groupId(vpc, 'app-servers');
    // The shipped Diagnose service, as the command runs it once its prompts are answered.
    const result = await api.diagnose.diagnose({
      target: { profile: info.awsProfile, region: 'us-east-1', endpointId: endpointId!, vpcId: vpc, serviceName: SERVICE, privateHost, branch: { organization: info.planetscaleOrg, database: 'orders', branch: 'main' } },
      client: { kind: 'securityGroups', securityGroups: [{ id: appSg, name: 'app-servers' }] },
    });
    assert.ok(result, 'the diagnosis ran');
    await until('diagnosed', 'diagnosed after the diagnosis');
    assert.deepEqual(facts(), { profileReady: true, tokenStored: true, endpointCreated: true, endpointAvailable: true, envWritten: true, diagnosed: true });
  });
});
