// Issue 15 item 4, through the shipped command on the laptop: the private path is proven from
// app-instance through Systems Manager (no password), the new role's login and query over the
// branch's public host from this machine (verify-full), and the report names which leg proved
// what. An IP restriction (made over the PlanetScale stand-in's HTTP API) makes the public host
// refuse this machine: the user is told the login was not proven and, declining, nothing is
// written and the new role is deleted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'dotenv';
import { ExtensionApi, extensionApi } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { createAppEndpoint } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';
import { type ScriptedUser, type UserScript } from '../../support/scriptedUser';
import { pickerAnswers, runWriteCommand } from '../../support/writePrompts';

const ORIGINAL = 'APP_NAME=shop\n';
/** New role, read only, PgBouncer, the workspace's .env, node-postgres, its names (no client is detected here), then the preselected instance. */
const PICKS = [...pickerAnswers([/Create a new role/, /^Read only$/, /^6432/, /^\.env$/, /^node-postgres/]), /vm-active\) app-instance$/];

interface ApiRole { id: string; name: string; username: string }

describe('laptop: Write Connection String proves the private path from an instance and the login over the public host', function () {
  this.timeout(180_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  let envFile: string;
  let privateHost: string;
  const authorization = { Authorization: `${info.planetscaleTokenId}:${info.planetscaleToken}` };
  const apiUrl = (p: string) => `${info.planetscaleApiUrl.replace(/\/$/, '')}/organizations/${info.planetscaleOrg}/databases/orders${p}`;

  async function roles(): Promise<ApiRole[]> {
    const response = await fetch(apiUrl('/branches/main/roles?per_page=100'), { headers: authorization });
    assert.equal(response.status, 200);
    return ((await response.json()) as { data: ApiRole[] }).data;
  }
  const newRoles = (before: ApiRole[], after: ApiRole[]) => after.filter((r) => !before.some((b) => b.id === r.id));

  const runCommand = (script: UserScript) => runWriteCommand(info.planetscaleOrg, 'main', script);
  const nonModal = (user: ScriptedUser) => user.notifications.filter((n) => !n.modal);

  before(async () => {
    assert.equal(info.vantage, 'laptop');
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    // The script confirmation (shown once) is covered by the probe's own tests.
    await api.services.context.workspaceState.update('planetscalePrivateLink.vantage.scriptSeen', true);
    envFile = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.env');
    const client = (await api.services.planetscale.client())!;
    const { serviceName, privateHost: host } = await client.getBranchPrivateInfo(info.planetscaleOrg, 'orders', 'main');
    privateHost = host;
    const available = async () => {
      api.awsExplorer.refresh();
      await api.awsExplorer.getChildren();
      return api.awsExplorer.endpointsForService(serviceName).find((m) => m.endpoint.state === 'available' && m.endpoint.privateDnsEnabled);
    };
    // An earlier file of this suite may have made the endpoint already.
    if (!(await available())) await createAppEndpoint({ groupName: 'laptop-write', privateDns: true });
    await eventually(available, 'an available endpoint with private DNS', 60_000);
  });

  beforeEach(async () => {
    fs.writeFileSync(envFile, ORIGINAL);
    await eventually(async () => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === envFile);
      return !open || open.getText() === ORIGINAL ? true : undefined;
    }, 'the open .env document to match the file');
  });

  it('public host open: reports both legs (instance: DNS, TCP, TLS; this machine: login and query) and writes .env', async () => {
    const before = await roles();
    const asked: string[] = [];
    const user = await runCommand({
      picks: [...PICKS],
      answerModal: (m) => {
        asked.push(m);
        if (/outside vpc-/.test(m)) return 'Verify from an Instance';
        return 'Write';
      },
    });
    const confirmation = asked.find((m) => /Write the connection string/.test(m));
    assert.ok(confirmation, `a confirmation before writing: ${asked.join(' | ')}`);
    assert.match(confirmation, /^Private path proven from i-[0-9a-f]+ \(DNS, TCP, TLS on 5432\/6432\)/);
    assert.match(confirmation, /login and query proven over the public host us-east-1\.pg\.psdb\.cloud from this machine/);
    assert.doesNotMatch(confirmation, /not proven/);
    const shown = nonModal(user);
    assert.equal(shown.length, 1, JSON.stringify(user.notifications));
    assert.equal(shown[0].kind, 'information');
    assert.match(shown[0].message, /^Private path proven from i-[0-9a-f]+ \(DNS, TCP, TLS on 5432\/6432\); login and query proven over the public host us-east-1\.pg\.psdb\.cloud from this machine; wrote DATABASE_URL to (\S+\/)?\.env\.$/);
    const [kept] = newRoles(before, await roles());
    assert.ok(kept, 'the new role exists');
    // The sandbox's public host gate saw this role's login from this machine's public address.
    const decisions = (await control('/public-access/decisions')) as Array<{ user: string; allowed: boolean; port: number }>;
    assert.ok(decisions.some((d) => d.user === kept.username && d.allowed && d.port === 6432), JSON.stringify(decisions));
    const url = parse(fs.readFileSync(envFile, 'utf8')).DATABASE_URL;
    assert.ok(url?.startsWith(`postgresql://${kept.username}:`), 'DATABASE_URL names the new role');
    assert.ok(url.includes(`@${privateHost}:6432/`), 'DATABASE_URL names the Private Host, not the public one');
  });

  it('public host refused by an IP restriction: says the login could not be proven, and writes nothing when declined', async () => {
    const created = await fetch(apiUrl('/cidrs'), {
      method: 'POST',
      headers: { ...authorization, 'Content-Type': 'application/json' },
      // Any range but this machine's public address (203.0.113.50 in the sandbox); data only.
      body: JSON.stringify({ cidrs: ['198.51.100.0/24'], description: 'laptop test: lock out this machine' }),
    });
    assert.equal(created.status, 201);
    const rule = (await created.json()) as { id: string };
    try {
      const before = await roles();
      const asked: string[] = [];
      const user = await runCommand({
        picks: [...PICKS],
        answerModal: (m) => {
          asked.push(m);
          return /outside vpc-/.test(m) ? 'Verify from an Instance' : undefined;
        },
      });
      const question = asked.find((m) => /Write the connection string/.test(m));
      assert.ok(question, `asked before writing with only the private path: ${asked.join(' | ')}`);
      assert.match(question, /^Private path proven from i-[0-9a-f]+ \(DNS, TCP, TLS on 5432\/6432\)/);
      assert.match(question, /login and query were not proven/);
      assert.match(question, /refused this machine's login.*IP restriction/);
      assert.doesNotMatch(question, /login and query proven/);
      const decisions = (await control('/public-access/decisions')) as Array<{ user: string; allowed: boolean }>;
      assert.equal(decisions.at(-1)?.allowed, false, 'the gate refused the last login');
      const shown = nonModal(user);
      assert.equal(shown.length, 1, JSON.stringify(user.notifications));
      assert.match(shown[0].message, /^Nothing was written to (\S+\/)?\.env\. The new role role-[a-z0-9]+ was deleted again\.$/);
      assert.deepEqual(newRoles(before, await roles()), []);
      assert.equal(fs.readFileSync(envFile, 'utf8'), ORIGINAL);
    } finally {
      await fetch(apiUrl(`/cidrs/${rule.id}`), { method: 'DELETE', headers: authorization });
    }
  });

  it('public host refused, the user writes anyway: the notification says the login and query were not proven', async () => {
    const created = await fetch(apiUrl('/cidrs'), {
      method: 'POST',
      headers: { ...authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify({ cidrs: ['198.51.100.0/24'], description: 'laptop test: lock out this machine' }),
    });
    assert.equal(created.status, 201);
    const rule = (await created.json()) as { id: string };
    try {
      const before = await roles();
      const user = await runCommand({ picks: [...PICKS], answerModal: (m) => (/outside vpc-/.test(m) ? 'Verify from an Instance' : 'Write Anyway') });
      const shown = nonModal(user);
      assert.equal(shown.length, 1, JSON.stringify(user.notifications));
      assert.match(shown[0].message, /^Private path proven from i-[0-9a-f]+ \(DNS, TCP, TLS on 5432\/6432\); login and query not proven \(the public host refused this machine's login, most likely an IP restriction of the database\); wrote DATABASE_URL to (\S+\/)?\.env\.$/);
      assert.doesNotMatch(shown[0].message, /Verified|login and query proven/);
      const [kept] = newRoles(before, await roles());
      assert.ok(kept, 'the role of the written connection string is kept');
      assert.ok(parse(fs.readFileSync(envFile, 'utf8')).DATABASE_URL?.startsWith(`postgresql://${kept.username}:`));
    } finally {
      await fetch(apiUrl(`/cidrs/${rule.id}`), { method: 'DELETE', headers: authorization });
    }
  });
});
