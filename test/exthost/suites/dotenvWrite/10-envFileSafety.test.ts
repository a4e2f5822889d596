// Writing .env safely, through the shipped command's write path (dist/features.js, reached through
// the extension's test API after the command's questions): our header follows the values, a
// symlinked .env is followed to its target (and a target outside the workspace only after the
// user agrees), a file that appears meanwhile is re-read, CR-only and mixed line endings survive,
// and a dirty editor is never saved behind the user's back. Read back with dotenv.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import dotenv from 'dotenv';
import { DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import type { ResolvedBranch } from '../../../../src/commands/branchArgument';
import type { RoleCredentials } from '../../../../src/commands/writeConnectionString/connectionInputs';
import type { ConnectionRequest, WriteOutcome } from '../../../../src/commands/writeConnectionString/writeConnectionString';
import { ExtensionApi, extensionApi } from '../../support/api';
import { sandboxInfo } from '../../support/sandboxInfo';
import { createAppEndpoint, eventually, testEc2 } from '../../support/sandboxEc2';

interface Asked {
  message: string;
  detail: string;
  action?: string;
}

describe('.env writes are safe for the user\'s file', function () {
  this.timeout(90_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  let folder: vscode.WorkspaceFolder;
  let envFile: string;
  let endpointId: string | undefined;
  const branches: Record<'main' | 'dev', ResolvedBranch> = {} as Record<'main' | 'dev', ResolvedBranch>;
  const roles: Record<'main' | 'dev', RoleCredentials> = {} as Record<'main' | 'dev', RoleCredentials>;
  const outside: string[] = [];

  /** Runs the shipped write path; every confirmation is answered with `answer` and recorded. */
  async function write(overrides: Partial<ConnectionRequest> & { branchName?: 'main' | 'dev' }, answer = true, asked: Asked[] = []): Promise<WriteOutcome> {
    const name = overrides.branchName ?? 'main';
    const request: ConnectionRequest = {
      branch: branches[name],
      role: roles[name],
      port: 6432,
      client: { kind: 'node-postgres', label: 'node-postgres (pg)', formatOptions: {} },
      target: { folder, uri: vscode.Uri.file(envFile), exists: true },
      ...overrides,
    };
    return api.writeConnectionString.verifyAndWrite(request, async (message, detail, action) => {
      asked.push({ message, detail, action });
      return answer;
    });
  }

  const urlOf = (branch: 'main' | 'dev') => new RegExp(`^postgresql://${roles[branch].username.replace(/\./g, '\\.')}:[^@]+@${branches[branch].privateHost.replace(/\./g, '\\.')}:6432/`);

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    folder = vscode.workspace.workspaceFolders![0];
    envFile = path.join(folder.uri.fsPath, '.env');
    const client = (await api.services.planetscale.client())!;
    for (const name of ['main', 'dev'] as const) {
      const privateInfo = await client.getBranchPrivateInfo(info.planetscaleOrg, 'orders', name);
      branches[name] = { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: name, production: name === 'main', ...privateInfo, region: 'us-east-1' };
      const created = await client.createRole(info.planetscaleOrg, 'orders', name, { inheritedRoles: ['pg_read_all_data'] });
      roles[name] = { username: created.username, password: created.password, database: created.database_name, roleName: created.name, created: true };
    }
    ({ endpointId } = await createAppEndpoint({ groupName: 'sb-dotenv-safety', privateDns: true }));
    await eventually(async () => {
      api.awsExplorer.refresh();
      await api.awsExplorer.getChildren();
      const [match] = api.awsExplorer.endpointsForService(branches.main.serviceName).filter((m) => m.endpoint.id === endpointId);
      return match?.endpoint.state === 'available' ? true : undefined;
    }, 'the endpoint to be available');
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of fs.readdirSync(folder.uri.fsPath)) fs.rmSync(path.join(folder.uri.fsPath, name), { recursive: true, force: true });
    // Keys are remembered per file: each test starts as a first write.
    await api.services.context.workspaceState.update('planetscalePrivateLink.managedEnvKeys', undefined);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const dir of outside) fs.rmSync(dir, { recursive: true, force: true });
    if (endpointId) await testEc2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    await eventually(async () => {
      const out = await testEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-endpoint-id', Values: [endpointId ?? 'none'] }] }));
      return (out.VpcEndpoints ?? []).every((e) => e.State?.toLowerCase() === 'deleted') ? true : undefined;
    }, 'the endpoint to be deleted');
  });

  describe('our header comment (item 3)', () => {
    it('names the branch of the values after replacing orders/main with orders/dev', async () => {
      fs.writeFileSync(envFile, 'APP_NAME=shop\n');
      assert.equal((await write({ branchName: 'main' })).written, true);
      assert.match(fs.readFileSync(envFile, 'utf8'), /# PlanetScale [^\n]*\/orders\/main through AWS PrivateLink/);
      const asked: Asked[] = [];
      assert.equal((await write({ branchName: 'dev' }, true, asked)).written, true);
      assert.match(asked[0]?.message ?? '', /already sets DATABASE_URL/);
      const text = fs.readFileSync(envFile, 'utf8');
      assert.doesNotMatch(text, /orders\/main/, 'no comment still names orders/main');
      assert.match(text, new RegExp(`^APP_NAME=shop\\n\\n# PlanetScale ${info.planetscaleOrg}/orders/dev through AWS PrivateLink \\(node-postgres \\(pg\\)\\)\\nDATABASE_URL=`));
      assert.match(dotenv.parse(text).DATABASE_URL, urlOf('dev'));
    });
  });

  describe('a symlinked .env (item 4)', () => {
    const OLD = 'APP_NAME=shop\nDATABASE_URL=postgres://old@localhost/dev\n';

    for (const pickedAsExisting of [false, true]) {
      it(`writes into the link's target inside the workspace, replacing the old value (picked as ${pickedAsExisting ? 'existing' : 'missing'})`, async () => {
        const config = path.join(folder.uri.fsPath, 'config');
        fs.mkdirSync(config);
        fs.writeFileSync(path.join(config, 'app.env'), OLD);
        fs.symlinkSync(path.join('config', 'app.env'), envFile);
        const asked: Asked[] = [];
        const outcome = await write({ target: { folder, uri: vscode.Uri.file(envFile), exists: pickedAsExisting } }, true, asked);
        assert.equal(outcome.written, true);
        // dotenv, reading the link as the application does, sees the new value.
        const processEnv: Record<string, string> = {};
        dotenv.config({ path: envFile, processEnv, quiet: true });
        assert.match(processEnv.DATABASE_URL, urlOf('main'));
        const text = fs.readFileSync(path.join(config, 'app.env'), 'utf8');
        assert.ok(text.startsWith('APP_NAME=shop\nDATABASE_URL='), `the old value was replaced in place, nothing prepended:\n${text}`);
        assert.equal(text.match(/DATABASE_URL=/g)?.length, 1);
        assert.ok(fs.lstatSync(envFile).isSymbolicLink(), 'the link is still a link');
        assert.equal(asked.length, 1, `one question, the Replace: ${JSON.stringify(asked)}`);
        assert.match(asked[0].message, /\.env \(a link to [^)]*config\/app\.env\) already sets DATABASE_URL/, 'the question says where the link points');
      });
    }

    it('asks before following a link out of the workspace, and leaves the target alone when declined', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-env-'));
      outside.push(dir);
      const shared = path.join(dir, 'shared.env');
      fs.writeFileSync(shared, OLD);
      fs.symlinkSync(shared, envFile);
      const asked: Asked[] = [];
      const declined = await write({}, false, asked);
      assert.equal(declined.written, false);
      assert.equal(asked.length, 1);
      assert.match(asked[0].message, new RegExp(`\\.env is a link to ${fs.realpathSync(shared).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, outside the workspace folders`));
      assert.equal(asked[0].action, 'Write There');
      assert.equal(fs.readFileSync(shared, 'utf8'), OLD);

      assert.equal((await write({}, true)).written, true);
      assert.match(dotenv.parse(fs.readFileSync(envFile, 'utf8')).DATABASE_URL, urlOf('main'));
      assert.ok(fs.lstatSync(envFile).isSymbolicLink());
    });

    it('re-reads a .env that appeared while verification ran, instead of prepending to it', async () => {
      const running = write({ target: { folder, uri: vscode.Uri.file(envFile), exists: false } });
      fs.writeFileSync(envFile, OLD); // the user (or a tool) creates it while DNS/TCP/TLS run
      assert.equal((await running).written, true);
      const text = fs.readFileSync(envFile, 'utf8');
      assert.ok(text.startsWith('APP_NAME=shop\nDATABASE_URL='), `replaced in place:\n${text}`);
      assert.equal(text.match(/DATABASE_URL=/g)?.length, 1);
      assert.match(dotenv.parse(text).DATABASE_URL, urlOf('main'));
    });

    it('never overwrites a .env that changed while the Replace question was open', async () => {
      fs.writeFileSync(envFile, OLD);
      const edited = `${OLD}EDITED_MEANWHILE=1\n`;
      const running = api.writeConnectionString.verifyAndWrite(
        { branch: branches.main, role: roles.main, port: 6432, client: { kind: 'node-postgres', label: 'node-postgres (pg)', formatOptions: {} }, target: { folder, uri: vscode.Uri.file(envFile), exists: true } },
        async () => {
          fs.writeFileSync(envFile, edited);
          return true;
        },
      );
      await assert.rejects(running, /changed while the connection was being verified; nothing was written/);
      assert.equal(fs.readFileSync(envFile, 'utf8'), edited);
    });
  });

  describe('line endings and unsaved edits (item 5)', () => {
    for (const [name, before] of [
      ['CR-only', '# app\rAPP_NAME=shop\rDATABASE_URL=old\rSECRET=1\r'],
      ['mixed', '# app\r\nAPP_NAME=shop\rDATABASE_URL=old\nSECRET=1\r\nLAST=2'],
    ] as const) {
      it(`writes a ${name} file without a false "changed while verifying", keeping every other line's ending`, async () => {
        fs.writeFileSync(envFile, before);
        // An open, clean editor of the file: its buffer has the line endings normalised.
        await vscode.window.showTextDocument(vscode.Uri.file(envFile));
        const outcome = await write({});
        assert.equal(outcome.written, true);
        const after = fs.readFileSync(envFile, 'utf8');
        const written = /DATABASE_URL=([^\r\n]*)/.exec(after)?.[1] ?? '';
        assert.equal(after, before.replace('DATABASE_URL=old', () => `DATABASE_URL=${written}`), 'only the value changed, every line ending is as it was');
        assert.match(dotenv.parse(after).DATABASE_URL, urlOf('main'));
      });
    }

    it('puts the variables into a dirty editor without saving the user\'s own unsaved edits', async () => {
      const before = 'APP_NAME=shop\n';
      fs.writeFileSync(envFile, before);
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(envFile));
      await vscode.window.showTextDocument(doc);
      const draft = new vscode.WorkspaceEdit();
      draft.insert(doc.uri, new vscode.Position(1, 0), 'MY_DRAFT=unfinished\n');
      assert.ok(await vscode.workspace.applyEdit(draft));
      assert.ok(doc.isDirty);
      const outcome = await write({});
      assert.equal(outcome.written, true);
      assert.equal(fs.readFileSync(envFile, 'utf8'), before, 'nothing of the draft reached the disk');
      assert.ok(doc.isDirty, 'still unsaved');
      assert.equal(outcome.written && outcome.unsavedEditor, true, 'the outcome says the editor was left unsaved');
      const buffer = dotenv.parse(doc.getText());
      assert.equal(buffer.MY_DRAFT, 'unfinished');
      assert.match(buffer.DATABASE_URL, urlOf('main'));
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });
});
