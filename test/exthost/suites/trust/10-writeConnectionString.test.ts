// Issue 13, items 1 and 2, through the shipped command (dist/*.js via executeCommand) with a
// scripted user: a branch that no endpoint of its own service serves never verifies, and a new
// role exists only when its connection string was written. The PlanetScale stand-in's roles are
// read over its HTTP API, independently of the extension.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'dotenv';
import { DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { verifyAndWrite } from '../../../../src/commands/writeConnectionString/writeConnectionString';
import type { UserFacingError } from '../../../../src/errors/userFacingError';
import { ExtensionApi, extensionApi } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { createAppEndpoint, testEc2 } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';
import { ScriptedUser, UserScript, scriptUser } from '../../support/scriptedUser';
import { Commands } from '../../../../src/commands/commandIds';

const ORIGINAL = 'APP_NAME=shop\nDATABASE_URL=postgres://old@localhost/dev\n';
/** New role, read only, PSBouncer, the workspace's .env, node-postgres. */
const NEW_ROLE_PICKS = [/Create a new role/, /^Read only$/, /^6432/, /^\.env$/, /^node-postgres/];

interface ApiRole { id: string; name: string; username: string }

describe('Write Connection String (shipped command): a true "verified", no orphan roles', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  let envFile: string;
  let endpointId: string | undefined;

  const rolesUrl = (db: string, branch: string, id = '') =>
    `${info.planetscaleApiUrl.replace(/\/$/, '')}/organizations/${info.planetscaleOrg}/databases/${db}/branches/${branch}/roles${id ? `/${id}` : '?per_page=100'}`;
  const authorization = { Authorization: `${info.planetscaleTokenId}:${info.planetscaleToken}` };
  async function roles(db: string, branch: string): Promise<ApiRole[]> {
    const response = await fetch(rolesUrl(db, branch), { headers: authorization });
    assert.equal(response.status, 200);
    return ((await response.json()) as { data: ApiRole[] }).data;
  }
  const newRoles = (before: ApiRole[], after: ApiRole[]) => after.filter((r) => !before.some((b) => b.id === r.id));

  async function runCommand(database: string, script: UserScript): Promise<ScriptedUser> {
    const user = scriptUser(script);
    try {
      await vscode.commands.executeCommand(Commands.writeConnectionString, {
        payload: { kind: 'branch', organization: info.planetscaleOrg, database, branch: 'main' },
      });
    } finally {
      user.restore();
    }
    return user;
  }
  const only = (user: ScriptedUser, kind: 'information' | 'warning' | 'error') => {
    // A verified private path also offers to close the public one (issue 16): its own event, not this run's outcome.
    const shown = user.notifications.filter((n) => n.kind === kind && !n.modal && !/public access is still open/.test(n.message));
    assert.equal(shown.length, 1, `one ${kind} notification, got ${JSON.stringify(user.notifications)}`);
    return shown[0];
  };

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    envFile = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.env');
    ({ endpointId } = await createAppEndpoint({ groupName: 'sb-trust', privateDns: true }));
    await eventually(async () => {
      api.awsExplorer.refresh();
      await api.awsExplorer.getChildren();
      const [match] = api.awsExplorer.endpointsForService('com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001').filter((m) => m.endpoint.id === endpointId);
      return match?.endpoint.state === 'available' ? true : undefined;
    }, 'the us-east-1 endpoint to be available in the AWS view');
  });

  beforeEach(async () => {
    fs.writeFileSync(envFile, ORIGINAL);
    await eventually(async () => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === envFile);
      return !open || open.getText() === ORIGINAL ? true : undefined;
    }, 'the open .env document to match the file');
  });

  after(async () => {
    if (!endpointId) return;
    await testEc2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    await eventually(async () => {
      const out = await testEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-endpoint-id', Values: [endpointId!] }] }));
      return (out.VpcEndpoints ?? []).every((e) => e.State?.toLowerCase() === 'deleted') ? true : undefined;
    }, 'the endpoint to be deleted');
  });

  it('analytics/main (eu-west-1) does not verify through the us-east-1 endpoint: DNS fails naming it, no role is created', async () => {
    const before = await roles('analytics', 'main');
    const user = await runCommand('analytics', { picks: NEW_ROLE_PICKS });
    const error = only(user, 'error');
    assert.match(error.message, /DNS failed for /);
    assert.match(error.message, new RegExp(`${endpointId} of another service, com\\.amazonaws\\.vpce\\.us-east-1\\.`));
    assert.match(error.message, /Create an interface endpoint for com\.amazonaws\.vpce\.eu-west-1\./);
    assert.match(error.message, /Nothing was written/);
    assert.doesNotMatch(error.message, /Verified/);
    assert.ok(!user.progressTitles.includes('Creating a PlanetScale role…'), `no role creation was started: ${user.progressTitles.join(' | ')}`);
    assert.deepEqual(newRoles(before, await roles('analytics', 'main')), []);
    assert.equal(fs.readFileSync(envFile, 'utf8'), ORIGINAL);
  });

  it('offers Create Endpoint, Diagnose and Show Log in the notification of the shipped command', async () => {
    // The error is made in dist/features.js and shown by dist/extension.js's command runner: its
    // buttons survive the bundle boundary because errors are identified by brand (issue 13, item 7).
    const user = await runCommand('analytics', { picks: NEW_ROLE_PICKS });
    const error = only(user, 'error');
    assert.doesNotMatch(error.message, /The AWS request failed|UserFacingError/);
    assert.deepEqual(error.buttons, ['Create Endpoint', 'Diagnose', 'Show Log']);
  });

  it('offers Create Endpoint (and Diagnose) on that failure, with their commands', async () => {
    const client = (await api.services.planetscale.client())!;
    const privateInfo = await client.getBranchPrivateInfo(info.planetscaleOrg, 'analytics', 'main');
    const branch = { kind: 'branch' as const, organization: info.planetscaleOrg, database: 'analytics', branch: 'main', production: true, ...privateInfo, region: 'eu-west-1' };
    const target = { folder: vscode.workspace.workspaceFolders![0], uri: vscode.Uri.file(envFile), exists: true };
    const request = { branch, role: { kind: 'new' as const, presetLabel: 'Read only', inheritedRoles: ['pg_read_all_data'] }, port: 6432 as const, client: { kind: 'node-postgres' as const, label: 'node-postgres (pg)', formatOptions: {} }, target };
    await assert.rejects(verifyAndWrite(api.services, api.awsExplorer, request), (e: UserFacingError) => {
      assert.deepEqual(e.actions.map((a) => a.label), ['Create Endpoint', 'Diagnose']);
      assert.equal(e.actions[0].command, 'planetscalePrivateLink.createEndpoint');
      return true;
    });
  });

  it('deletes the new role when the login stage then fails, and says so', async () => {
    const before = await roles('orders', 'main');
    const user = await runCommand('orders', {
      picks: NEW_ROLE_PICKS,
      // The path was proven and the role created; now nothing listens on the endpoint any more.
      onProgress: async (title) => {
        if (title.startsWith('Verifying')) await control('/forwarders/suspend', {});
      },
    }).finally(() => control('/forwarders/resume', {}));
    assert.deepEqual(user.progressTitles.map((t) => t.replace(/ .*/, '')), ['Checking', 'Creating', 'Verifying']);
    const error = only(user, 'error');
    assert.match(error.message, /TCP failed/);
    assert.match(error.message, /The new role role-[a-z0-9]+ was deleted again\./);
    assert.deepEqual(newRoles(before, await roles('orders', 'main')), []);
    assert.equal(fs.readFileSync(envFile, 'utf8'), ORIGINAL);
  });

  it('deletes the new role when the user cancels the verification', async () => {
    const before = await roles('orders', 'main');
    const user = await runCommand('orders', { picks: NEW_ROLE_PICKS, onProgress: (title) => (title.startsWith('Verifying') ? 'cancel' : undefined) });
    assert.match(only(user, 'information').message, /^Nothing was written to .*\.env\. The new role role-[a-z0-9]+ was deleted again\.$/);
    assert.deepEqual(newRoles(before, await roles('orders', 'main')), []);
    assert.equal(fs.readFileSync(envFile, 'utf8'), ORIGINAL);
  });

  it('deletes the new role when the user declines to replace DATABASE_URL', async () => {
    const before = await roles('orders', 'main');
    const asked: string[] = [];
    const user = await runCommand('orders', { picks: NEW_ROLE_PICKS, answerModal: (m) => void asked.push(m) });
    assert.match(asked.join('\n'), /already sets DATABASE_URL/);
    assert.match(only(user, 'information').message, /The new role role-[a-z0-9]+ was deleted again\./);
    assert.deepEqual(newRoles(before, await roles('orders', 'main')), []);
    assert.equal(fs.readFileSync(envFile, 'utf8'), ORIGINAL);
  });

  it('names the role it could not delete and how to delete it', async () => {
    const before = await roles('orders', 'main');
    const user = await runCommand('orders', {
      picks: NEW_ROLE_PICKS,
      onProgress: async (title) => {
        if (!title.startsWith('Verifying')) return undefined;
        await control('/planetscale/fail-next', { count: 1, status: 403, method: 'DELETE', message: 'This service token lacks the "delete_production_branch_password" access.' });
        return 'cancel';
      },
    });
    const [left] = newRoles(before, await roles('orders', 'main'));
    assert.ok(left, 'the role is still there');
    try {
      const warning = only(user, 'warning').message;
      assert.match(warning, new RegExp(`The new role ${left.name} \\(${left.username.replace('.', '\\.')}, id ${left.id}\\) is left on acme/orders/main`));
      assert.match(warning, /delete_production_branch_password/);
      assert.ok(warning.includes(`pscale role delete orders main ${left.id} --org acme`), warning);
    } finally {
      await fetch(rolesUrl('orders', 'main', left.id), { method: 'DELETE', headers: authorization });
    }
  });

  it('keeps the new role when its connection string was written, created only after the private path was proven', async () => {
    const before = await roles('orders', 'main');
    const user = await runCommand('orders', { picks: NEW_ROLE_PICKS, answerModal: () => 'Replace' });
    assert.deepEqual(user.progressTitles.map((t) => t.replace(/ .*/, '')), ['Checking', 'Creating', 'Verifying']);
    assert.match(only(user, 'information').message, /^Verified the private connection \(127\.[\d.]+:6432\) and wrote DATABASE_URL/);
    const [kept] = newRoles(before, await roles('orders', 'main'));
    assert.ok(kept, 'the new role exists');
    const url = parse(fs.readFileSync(envFile, 'utf8')).DATABASE_URL;
    assert.ok(url.startsWith(`postgresql://${kept.username}:`), url.replace(/:[^@]*@/, ':***@'));
  });
});
