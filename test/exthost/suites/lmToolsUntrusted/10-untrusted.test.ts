// An untrusted folder gets the read-only tools only: the creating and writing tools are not
// offered, cannot be invoked by name, and nothing is created or written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { CONFIRMING_TOOLS, READ_ONLY_TOOLS } from '../../../../src/lmTools/toolNames';
import { extensionApi, type ExtensionApi } from '../../support/api';
import { extensionUnderTest } from '../../support/extension';
import { ScriptedConfirmation, invokeTool } from '../../support/lmTools';
import { US_EAST_SERVICE, groupId, testEc2, vpcId } from '../../support/sandboxEc2';
import { sandboxInfo } from '../../support/sandboxInfo';

describe('language model tools in an untrusted workspace', function () {
  this.timeout(90_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  const confirmation = new ScriptedConfirmation();

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    api.languageModelTools.confirmations.use(confirmation);
  });

  it('runs in an untrusted folder', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('registers the read-only tools only; the chat hides the others by their when clause', () => {
    assert.deepEqual(api.languageModelTools.registered().sort(), [...READ_ONLY_TOOLS].sort());
    // vscode.lm.tools lists every contributed tool ("including disabled"); the chat's own tool
    // list applies each tool's `when`, which for these is false in an untrusted folder.
    const contributed = (extensionUnderTest().packageJSON as { contributes: { languageModelTools: Array<{ name: string; when?: string }> } }).contributes.languageModelTools;
    for (const name of CONFIRMING_TOOLS) assert.equal(contributed.find((t) => t.name === name)?.when, 'isWorkspaceTrusted', `${name} is hidden when untrusted`);
    for (const name of READ_ONLY_TOOLS) assert.equal(contributed.find((t) => t.name === name)?.when, undefined, `${name} is always offered`);
  });

  it('a read-only tool works: lists the endpoints of app-vpc', async () => {
    const vpc = await vpcId('app-vpc');
    const out = await invokeTool('planetscalePrivateLink_listEndpoints', { vpcId: vpc });
    assert.match(out.text, new RegExp(`interface endpoints in VPC ${vpc}|No interface endpoints in VPC ${vpc}`));
  });

  it('the create tool cannot be invoked by name, and nothing is created', async () => {
    const vpc = await vpcId('app-vpc');
    const input = { database: 'orders', branch: 'main', vpcId: vpc, clientSecurityGroupIds: [await groupId(vpc, 'app-servers')] };
    await assert.rejects(Promise.resolve(vscode.lm.invokeTool('planetscalePrivateLink_createEndpoint', { toolInvocationToken: undefined, input })));
    const endpoints = await testEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'service-name', Values: [US_EAST_SERVICE] }, { Name: 'vpc-id', Values: [vpc] }] }));
    assert.equal((endpoints.VpcEndpoints ?? []).length, 0);
    assert.equal(confirmation.asked.length, 0, 'the user was not even asked');
  });

  it('the .env tool cannot be invoked by name, and no file is written', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    await assert.rejects(Promise.resolve(vscode.lm.invokeTool('planetscalePrivateLink_writeConnectionString', { toolInvocationToken: undefined, input: { database: 'orders', branch: 'main', client: 'node-postgres' } })));
    assert.equal(fs.existsSync(path.join(folder, '.env')), false);
  });
});
