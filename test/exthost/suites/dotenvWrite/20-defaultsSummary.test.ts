// Issue 18 item 5, through the shipped command with a scripted user: when the workspace's client is
// detected, the command asks one question, a summary of the defaults; Enter on it verifies and
// writes (the command and one confirmation: 2 user actions). Customize… walks the pickers and a
// variable-names step whose names are written; an invalid name is refused with the field and fix.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import dotenv from 'dotenv';
import { DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { ExtensionApi, extensionApi } from '../../support/api';
import { sandboxInfo } from '../../support/sandboxInfo';
import { createAppEndpoint, testEc2 } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';
import { type UserScript } from '../../support/scriptedUser';
import { ACCEPT_SUMMARY, CHOOSE_NAMES, pickerAnswers, runWriteCommand, writeSuccess } from '../../support/writePrompts';

const PACKAGE_JSON = JSON.stringify({ name: 'orders-app', dependencies: { pg: '^8.13.0' } }, null, 2);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

interface ApiRole { id: string; username: string; inherited_roles: string[] }

describe('Write Connection String: one summary of the defaults, or Customize… with variable names', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  let folder: vscode.WorkspaceFolder;
  let envFile: string;
  let privateHost: string;
  let endpointId: string | undefined;

  const runCommand = (script: UserScript) => runWriteCommand(info.planetscaleOrg, 'main', script);
  const success = writeSuccess;
  async function roleByUser(username: string): Promise<ApiRole | undefined> {
    const url = `${info.planetscaleApiUrl.replace(/\/$/, '')}/organizations/${info.planetscaleOrg}/databases/orders/branches/main/roles?per_page=100`;
    const response = await fetch(url, { headers: { Authorization: `${info.planetscaleTokenId}:${info.planetscaleToken}` } });
    assert.equal(response.status, 200);
    return ((await response.json()) as { data: ApiRole[] }).data.find((r) => r.username === username);
  }

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    folder = vscode.workspace.workspaceFolders![0];
    envFile = path.join(folder.uri.fsPath, '.env');
    const client = (await api.services.planetscale.client())!;
    const privateInfo = await client.getBranchPrivateInfo(info.planetscaleOrg, 'orders', 'main');
    privateHost = privateInfo.privateHost;
    ({ endpointId } = await createAppEndpoint({ groupName: 'sb-defaults-summary', privateDns: true }));
    await eventually(async () => {
      api.awsExplorer.refresh();
      await api.awsExplorer.getChildren();
      const [match] = api.awsExplorer.endpointsForService(privateInfo.serviceName).filter((m) => m.endpoint.id === endpointId);
      return match?.endpoint.state === 'available' ? true : undefined;
    }, 'the endpoint to be available');
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of fs.readdirSync(folder.uri.fsPath)) fs.rmSync(path.join(folder.uri.fsPath, name), { recursive: true, force: true });
    // The application: node-postgres, so the summary can name a detected client.
    fs.writeFileSync(path.join(folder.uri.fsPath, 'package.json'), PACKAGE_JSON);
    await api.services.context.workspaceState.update('planetscalePrivateLink.managedEnvKeys', undefined);
  });

  after(async () => {
    for (const name of fs.readdirSync(folder.uri.fsPath)) fs.rmSync(path.join(folder.uri.fsPath, name), { recursive: true, force: true });
    if (endpointId) await testEc2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    await eventually(async () => {
      const out = await testEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-endpoint-id', Values: [endpointId ?? 'none'] }] }));
      return (out.VpcEndpoints ?? []).every((e) => e.State?.toLowerCase() === 'deleted') ? true : undefined;
    }, 'the endpoint to be deleted');
  });

  it('names the defaults in one summary, and Enter on it verifies and writes: no other prompt (2 user actions)', async () => {
    const user = await runCommand({ picks: [...ACCEPT_SUMMARY] });
    assert.equal(user.quickPicks.length, 1, `one question: ${JSON.stringify(user.quickPicks)}`);
    const [summary, customize] = user.quickPicks[0].labels;
    assert.equal(summary, '$(check) Write DATABASE_URL for orders/main: new read/write role, PSBouncer 6432, node-postgres (pg) detected, to a new .env');
    assert.equal(customize, '$(settings-gear) Customize…');
    assert.match(user.quickPicks[0].details[0], /detected from package\.json: pg; file .*\/\.env\.$/);
    assert.deepEqual(user.inputBoxes, []);
    assert.deepEqual(user.notifications.filter((n) => n.modal), [], 'a plain add asks nothing more');
    // Verification first: the path without credentials, the role for a path that works, its login and query, then the write.
    assert.deepEqual(user.progressTitles, [`Checking the private path to ${privateHost}`, 'Creating a PlanetScale role…', `Verifying ${privateHost}`]);
    assert.match(success(user), /^Verified the private connection \(127\.[\d.]+:6432\) and wrote DATABASE_URL to .*\/\.env\.$/);
    const env = dotenv.parse(fs.readFileSync(envFile, 'utf8'));
    assert.deepEqual(Object.keys(env), ['DATABASE_URL']);
    const url = new URL(env.DATABASE_URL);
    assert.match(env.DATABASE_URL, new RegExp(`^postgresql://[^:]+:[^@]+@${escape(privateHost)}:6432/postgres\\?sslmode=verify-full`));
    const role = await roleByUser(decodeURIComponent(url.username));
    assert.ok(role, 'the role written exists in PlanetScale');
    assert.deepEqual([...role.inherited_roles].sort(), ['pg_read_all_data', 'pg_write_all_data'], 'a new read/write role');
  });

  it('Customize… walks the pickers and a names step, and writes the names typed for both ports', async () => {
    const user = await runCommand({
      picks: pickerAnswers([/Create a new role/, /^Read only$/, /^Both$/, /^node-postgres/], { customize: true, names: CHOOSE_NAMES }),
      inputs: ['ORDERS_POOLED_URL', 'ORDERS_DIRECT_URL'],
    });
    assert.deepEqual(user.inputBoxes, ['Variable name of the pooled connection URL (PSBouncer, 6432)', 'Variable name of the direct connection URL (5432, for migrations)']);
    assert.deepEqual(user.refusals, []);
    assert.match(success(user), /wrote ORDERS_POOLED_URL, ORDERS_DIRECT_URL to /);
    const env = dotenv.parse(fs.readFileSync(envFile, 'utf8'));
    assert.deepEqual(Object.keys(env), ['ORDERS_POOLED_URL', 'ORDERS_DIRECT_URL']);
    assert.match(env.ORDERS_POOLED_URL, new RegExp(`@${escape(privateHost)}:6432/`));
    assert.match(env.ORDERS_DIRECT_URL, new RegExp(`@${escape(privateHost)}:5432/`));
    const role = await roleByUser(decodeURIComponent(new URL(env.ORDERS_POOLED_URL).username));
    assert.deepEqual(role?.inherited_roles, ['pg_read_all_data'], 'the read-only role chosen in Customize…');
  });

  it('refuses an invalid variable name with the field and the fix, and writes the corrected one', async () => {
    const user = await runCommand({
      picks: pickerAnswers([/Create a new role/, /^Read and write$/, /^6432/, /^node-postgres/], { customize: true, names: CHOOSE_NAMES }),
      inputs: ['1ORDERS-URL', 'ORDERS_URL'],
    });
    assert.deepEqual(user.refusals, ['The name of the connection URL (port 6432), "1ORDERS-URL", is not a valid variable name: use letters, digits and _, not starting with a digit (e.g. DATABASE_URL).']);
    assert.match(success(user), /wrote ORDERS_URL to /);
    assert.deepEqual(Object.keys(dotenv.parse(fs.readFileSync(envFile, 'utf8'))), ['ORDERS_URL']);
  });
});
