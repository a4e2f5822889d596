// Private only inside the real editor, through the shipped bundles: the PlanetScale tree shows each
// Postgres database's public access (open / private only / restricted, the rules on expand, the
// warning once a private path is verified, a clear item without read_database), and Restrict /
// Allow Again run from dist/features.js with a scripted user who reads the exact confirmations.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DeleteVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import type { ResolvedBranch } from '../../../../src/commands/branchArgument';
import type { PublicAccessUi } from '../../../../src/commands/publicAccess/publicAccessUi';
import { verifyAndWrite } from '../../../../src/commands/writeConnectionString/writeConnectionString';
import { childrenOf, extensionApi, nodeAt, type ExtensionApi, type RenderedNode } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { createAppEndpoint, testEc2 } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';

/** Plays the user: answers confirmations and notifications from a script, records what was shown. */
class ScriptedUi implements PublicAccessUi {
  readonly confirmations: Array<{ message: string; detail: string; action: string }> = [];
  readonly notifications: string[] = [];
  private readonly confirms: boolean[] = [];
  private readonly picks: Array<string | undefined> = [];
  constructor(private readonly login: () => Promise<{ username: string; password: string; database: string } | undefined>) {}

  confirmNext(...answers: boolean[]): void {
    this.confirms.push(...answers);
  }

  pickNext(...answers: Array<string | undefined>): void {
    this.picks.push(...answers);
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    this.confirmations.push({ message, detail, action });
    const answer = this.confirms.shift();
    if (answer === undefined) throw new Error(`the test did not expect the confirmation "${message}"`);
    return answer;
  }

  async notify(severity: string, message: string, ...actions: string[]): Promise<string | undefined> {
    this.notifications.push(`${severity}: ${message}`);
    const pick = actions.length ? this.picks.shift() : undefined;
    return pick && actions.includes(pick) ? pick : undefined;
  }

  withProgress<T>(_title: string, task: () => Promise<T>): Promise<T> {
    return task();
  }

  credentials() {
    return this.login();
  }
}

describe('private only: public access in the tree, Restrict and Allow Again', function () {
  this.timeout(90_000);
  const info = sandboxInfo();
  const ORDERS = { payload: { kind: 'database', organization: info.planetscaleOrg, database: 'orders' } };
  let api: ExtensionApi;
  let endpointId: string | undefined;
  let role: { username: string; password: string; database: string };

  const client = async () => (await api.services.planetscale.client())!;
  const rules = async () => {
    const response = await fetch(`${info.planetscaleApiUrl}/organizations/${info.planetscaleOrg}/databases/orders/cidrs`, { headers: { Authorization: `${info.planetscaleTokenId}:${info.planetscaleToken}` } });
    return ((await response.json()) as { data: Array<{ id: string; cidrs: string[]; description: string | null }> }).data;
  };
  const orders = async (): Promise<{ node: RenderedNode; children: RenderedNode[] }> => {
    api.planetscaleExplorer.refresh();
    const node = await nodeAt(api.planetscaleExplorer, info.planetscaleOrg, 'orders');
    return { node, children: await childrenOf(api.planetscaleExplorer, node.node) };
  };

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    const created = await (await client()).createRole(info.planetscaleOrg, 'orders', 'main', { inheritedRoles: ['pg_read_all_data'] });
    role = { username: created.username, password: created.password, database: created.database_name };
  });

  after(async () => {
    for (const rule of await rules()) {
      await fetch(`${info.planetscaleApiUrl}/organizations/${info.planetscaleOrg}/databases/orders/cidrs/${rule.id}`, { method: 'DELETE', headers: { Authorization: `${info.planetscaleTokenId}:${info.planetscaleToken}` } });
    }
    if (endpointId) await testEc2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
  });

  it('shows a database with no rule as open, and its public access after the branches', async () => {
    const { node, children } = await orders();
    assert.match(node.description, /^Postgres · AWS us-east-1 · public access open$/);
    assert.equal(node.item.contextValue, 'database:postgresql:open');
    assert.equal(children.at(-1)?.label, 'Public access: open');
    assert.ok(!children.some((c) => c.item.contextValue === 'publicAccessWarning'), 'no warning before a private path is verified');
  });

  it('refuses to restrict while no private path is verified, offers to verify first, and creates nothing', async () => {
    const ui = new ScriptedUi(async () => assert.fail('no credentials may be asked'));
    const outcome = await api.publicAccess.restrict(ORDERS, ui);
    assert.deepEqual(outcome, { done: false, reason: 'noVerifiedPath' });
    assert.match(ui.notifications[0], /^warning: No private path to database acme\/orders has been verified in this workspace/);
    assert.match(ui.notifications[0], /Verify the private path first/);
    assert.equal(ui.confirmations.length, 0);
    assert.deepEqual(await rules(), []);
  });

  it('after a verified private path, warns on the database that public access is still open', async () => {
    ({ endpointId } = await createAppEndpoint({ groupName: 'sb-private-only', privateDns: true }));
    const privateInfo = await (await client()).getBranchPrivateInfo(info.planetscaleOrg, 'orders', 'main');
    const branch: ResolvedBranch = { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main', production: true, ...privateInfo, region: 'us-east-1' };
    const folder = vscode.workspace.workspaceFolders![0];
    const envFile = path.join(folder.uri.fsPath, '.env.private-only');
    fs.writeFileSync(envFile, '');
    const target = { folder, uri: vscode.Uri.file(envFile), exists: true };
    await eventually(async () => {
      // The verification matches the DNS answers against the endpoints the AWS view has loaded.
      api.awsExplorer.refresh();
      await api.awsExplorer.getChildren();
      const outcome = await verifyAndWrite(api.services, api.awsExplorer, { branch, role: { ...role, roleName: 'x', created: true }, port: 6432, client: { kind: 'node-postgres', label: 'pg', formatOptions: {} }, target }, async () => true).catch(() => undefined);
      return outcome?.written ? true : undefined;
    }, 'the private verification to pass once the endpoint is available');
    const { node, children } = await orders();
    assert.equal(children[0].label, 'Private path verified, but public access is still open — Restrict to Private Connections…');
    assert.equal(children[0].item.command?.command, 'planetscalePrivateLink.restrictToPrivate');
    assert.equal((node.item.iconPath as vscode.ThemeIcon).id, 'warning');
  });

  it('restricts after the exact confirmation, proves both halves, and shows the database as private only', async () => {
    const ui = new ScriptedUi(async () => role);
    ui.confirmNext(true);
    const outcome = await api.publicAccess.restrict(ORDERS, ui);
    const [asked] = ui.confirmations;
    assert.equal(asked.message, 'Restrict database acme/orders to private connections?');
    assert.equal(asked.action, 'Restrict to Private Connections');
    const lines = asked.detail.split('\n');
    assert.equal(lines[0], 'This creates one IP restriction rule allowing 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 for all roles and schemas.');
    assert.ok(lines.includes('It applies to every branch of the database.'));
    assert.ok(lines.includes('It affects only new connections: connections that are open now stay open.'));
    assert.ok(lines.includes('Existing rules it leaves alone: none.'));
    assert.match(asked.detail, /Verified private path: branch main through [a-z0-9]+\.private-pg\.psdb\.cloud, .* from this machine/);
    assert.ok(outcome.done && outcome.result.proven, JSON.stringify(outcome));
    assert.match(ui.notifications.at(-1)!, /^info: Database acme\/orders is private only\. Created the private-only rule; the private path still logs in; the public host refused this machine\./);
    const stored = await rules();
    assert.equal(stored.length, 1);
    assert.deepEqual(stored[0].cidrs, ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    assert.match(stored[0].description ?? '', /\[vscode-planetscale-privatelink\]/);
    const { node, children } = await orders();
    assert.match(node.description, / · private only$/);
    assert.equal(node.item.contextValue, 'database:postgresql:privateOnly');
    const access = children.find((c) => c.label === 'Public access: private only')!;
    const [rule] = await childrenOf(api.planetscaleExplorer, access.node);
    assert.equal(rule.label, '10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16');
    assert.match(rule.description, /^made by this extension · all roles, all schemas/);
  });

  it('allows public connections again after the same kind of confirmation, deleting only its own rule', async () => {
    await fetch(`${info.planetscaleApiUrl}/organizations/${info.planetscaleOrg}/databases/orders/cidrs`, {
      method: 'POST', headers: { Authorization: `${info.planetscaleTokenId}:${info.planetscaleToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ cidrs: ['198.51.100.0/24'], description: 'Office VPN' }),
    });
    assert.match((await orders()).node.description, / · restricted$/);
    const ui = new ScriptedUi(async () => assert.fail('Allow Again asks for no credentials'));
    ui.confirmNext(true);
    const outcome = await api.publicAccess.allowAgain(ORDERS, ui);
    const [asked] = ui.confirmations;
    assert.equal(asked.message, 'Allow public connections to database acme/orders again?');
    assert.match(asked.detail, /^This deletes only the IP restriction rules this extension created:\n {2}• 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16/);
    assert.match(asked.detail, /It applies to every branch of the database\.\nIt affects only new connections: connections that are open now stay open\./);
    assert.match(asked.detail, /Existing rules it leaves alone \(never deleted by this extension\):\n {2}• 198\.51\.100\.0\/24 · all roles, all schemas · "Office VPN"/);
    assert.ok(outcome.done);
    assert.deepEqual((await rules()).map((r) => r.description), ['Office VPN'], 'the user\'s rule is kept');
    assert.match(ui.notifications.at(-1)!, /^info: Deleted the extension's rule on acme\/orders\. Your 1 rule stay in force\./);
  });

  it('offers to undo at once when the private path fails after the rule is created', async () => {
    for (const rule of await rules()) {
      await fetch(`${info.planetscaleApiUrl}/organizations/${info.planetscaleOrg}/databases/orders/cidrs/${rule.id}`, { method: 'DELETE', headers: { Authorization: `${info.planetscaleTokenId}:${info.planetscaleToken}` } });
    }
    // The endpoint stops answering between the confirmation and the re-verification.
    const ui = new ScriptedUi(async () => {
      await control('/forwarders/suspend', {});
      return role;
    });
    ui.confirmNext(true);
    ui.pickNext('Undo Now');
    try {
      const outcome = await api.publicAccess.restrict(ORDERS, ui);
      assert.ok(outcome.done && !outcome.result.privateCheck.ok && outcome.undone, JSON.stringify(outcome));
      assert.match(ui.notifications.find((n) => n.startsWith('error:'))!, /the private path FAILED: .*Undo the rule now/);
      assert.deepEqual(await rules(), [], 'the rule was undone');
    } finally {
      await control('/forwarders/resume', {});
    }
    assert.match((await orders()).node.description, / · public access open$/);
  });

  it('names write_database when the token may read but not change IP restrictions, and leaves nothing behind', async () => {
    const reader = (await control('/planetscale/tokens', { accesses: ['read_organization', 'read_database', 'read_branch'] })) as { id: string; token: string };
    await api.services.planetscale.tokens.store(reader.id, reader.token);
    try {
      const ui = new ScriptedUi(async () => role);
      ui.confirmNext(true);
      await assert.rejects(api.publicAccess.restrict(ORDERS, ui), /\(403\): it lacks the access write_database/);
      assert.deepEqual(await rules(), []);
    } finally {
      await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    }
  });

  it('shows a clear item, not an error, when the token lacks read_database', async () => {
    // read_branch lets a token list the databases, but not read their IP restrictions.
    const narrow = (await control('/planetscale/tokens', { accesses: ['read_organization', 'read_branch'] })) as { id: string; token: string };
    await api.services.planetscale.tokens.store(narrow.id, narrow.token);
    try {
      const { node, children } = await eventually(async () => {
        const seen = await orders();
        return / · public access unknown$/.test(seen.node.description) ? seen : undefined;
      }, 'the tree to use the narrow token');
      assert.equal(node.item.contextValue, 'database:postgresql:unknown');
      const item = children.find((c) => /^Public access unknown/.test(c.label))!;
      assert.equal(item.label, 'Public access unknown: the service token lacks read_database (needed to read IP restrictions)');
      assert.equal(item.item.contextValue, 'error:forbidden');
      assert.deepEqual(children.filter((c) => /^branch/.test(String(c.item.contextValue))).map((c) => c.label).sort(), ['dev', 'feature-x', 'main'], 'the branches still load');
    } finally {
      await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    }
  });
});
