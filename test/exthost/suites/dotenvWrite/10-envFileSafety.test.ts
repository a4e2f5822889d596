// Writing .env safely, through the shipped command (dist/*.js via executeCommand) with a scripted
// user (test/exthost/support/scriptedUser.ts): our header follows the values, a symlinked .env is
// followed to its target (one outside the workspace only after the user agrees), a file that
// appears while verification runs is re-read, CR-only and mixed line endings survive, and a dirty
// editor is never saved behind the user's back. Files are read back with dotenv.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import dotenv from 'dotenv';
import { DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { ExtensionApi, extensionApi } from '../../support/api';
import { sandboxInfo } from '../../support/sandboxInfo';
import { createAppEndpoint, testEc2 } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';
import { type ScriptedUser, type UserScript } from '../../support/scriptedUser';
import { pickerAnswers, runWriteCommand, writeSuccess } from '../../support/writePrompts';

/** New read-only role, PSBouncer; then (when a .env exists) the file; then node-postgres and its names (no client is detected in this empty folder). */
const picks = (envFilePick: boolean) => pickerAnswers([/Create a new role/, /^Read only$/, /^6432/, ...(envFilePick ? [/^\.env$/] : []), /^node-postgres/]);
const OLD = 'APP_NAME=shop\nDATABASE_URL=postgres://old@localhost/dev\n';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('Write Connection String (shipped command) keeps the user\'s .env safe', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  let folder: vscode.WorkspaceFolder;
  let envFile: string;
  let endpointId: string | undefined;
  const hosts: Record<string, string> = {};
  const outside: string[] = [];

  const runCommand = (branch: 'main' | 'dev', script: UserScript) => runWriteCommand(info.planetscaleOrg, branch, script);
  const success = writeSuccess;
  const modals = (user: ScriptedUser) => user.notifications.filter((n) => n.modal).map((n) => n.message);
  const urlOf = (branch: 'main' | 'dev') => new RegExp(`^postgresql://[^:]+:[^@]+@${escape(hosts[branch])}:6432/`);

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    folder = vscode.workspace.workspaceFolders![0];
    envFile = path.join(folder.uri.fsPath, '.env');
    const client = (await api.services.planetscale.client())!;
    for (const name of ['main', 'dev']) hosts[name] = (await client.getBranchPrivateInfo(info.planetscaleOrg, 'orders', name)).privateHost;
    ({ endpointId } = await createAppEndpoint({ groupName: 'sb-dotenv-safety', privateDns: true }));
    await eventually(async () => {
      api.awsExplorer.refresh();
      await api.awsExplorer.getChildren();
      const [match] = api.awsExplorer.endpointsForService((await client.getBranchPrivateInfo(info.planetscaleOrg, 'orders', 'main')).serviceName)
        .filter((m) => m.endpoint.id === endpointId);
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
      success(await runCommand('main', { picks: picks(true) }));
      assert.match(fs.readFileSync(envFile, 'utf8'), /# PlanetScale [^\n]*\/orders\/main through AWS PrivateLink/);
      const user = await runCommand('dev', { picks: picks(true), answerModal: () => 'Replace' });
      success(user);
      assert.match(modals(user)[0] ?? '', /already sets DATABASE_URL/);
      const text = fs.readFileSync(envFile, 'utf8');
      assert.doesNotMatch(text, /orders\/main/, 'no comment still names orders/main');
      assert.match(text, new RegExp(`^APP_NAME=shop\\n\\n# PlanetScale ${escape(info.planetscaleOrg)}/orders/dev through AWS PrivateLink \\(node-postgres \\(pg\\)\\)\\nDATABASE_URL=`));
      assert.match(dotenv.parse(text).DATABASE_URL, urlOf('dev'));
    });
  });

  describe('a symlinked .env (item 4)', () => {
    it('is offered as the existing .env, and the link\'s target inside the workspace gets the new value in place', async () => {
      const config = path.join(folder.uri.fsPath, 'config');
      fs.mkdirSync(config);
      fs.writeFileSync(path.join(config, 'app.env'), OLD);
      fs.symlinkSync(path.join('config', 'app.env'), envFile);
      const user = await runCommand('main', { picks: picks(true), answerModal: () => 'Replace' });
      success(user);
      // dotenv, reading the link as the application does, sees the new value.
      const processEnv: Record<string, string> = {};
      dotenv.config({ path: envFile, processEnv, quiet: true });
      assert.match(processEnv.DATABASE_URL, urlOf('main'));
      const text = fs.readFileSync(path.join(config, 'app.env'), 'utf8');
      assert.ok(text.startsWith('APP_NAME=shop\nDATABASE_URL='), `the old value was replaced in place, nothing prepended:\n${text}`);
      assert.equal(text.match(/DATABASE_URL=/g)?.length, 1);
      assert.ok(fs.lstatSync(envFile).isSymbolicLink(), 'the link is still a link');
      assert.deepEqual(modals(user).length, 1, `one question, the Replace: ${JSON.stringify(modals(user))}`);
      assert.match(modals(user)[0], /\.env \(a link to [^)]*config\/app\.env\) already sets DATABASE_URL/, 'the question says where the link points');
    });

    it('asks before following a link out of the workspace, and leaves the target alone when declined', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-env-'));
      outside.push(dir);
      const shared = path.join(dir, 'shared.env');
      fs.writeFileSync(shared, OLD);
      fs.symlinkSync(shared, envFile);
      const declined = await runCommand('main', { picks: picks(true) });
      assert.equal(fs.readFileSync(shared, 'utf8'), OLD, 'declined: the target is untouched');
      assert.match(modals(declined)[0] ?? '', new RegExp(`\\.env is a link to ${escape(fs.realpathSync(shared))}, outside the workspace folders`));
      assert.equal(modals(declined).length, 1);

      const accepted = await runCommand('main', { picks: picks(true), answerModal: (m) => (/outside the workspace/.test(m) ? 'Write There' : 'Replace') });
      success(accepted);
      assert.match(dotenv.parse(fs.readFileSync(envFile, 'utf8')).DATABASE_URL, urlOf('main'));
      assert.ok(fs.lstatSync(envFile).isSymbolicLink());
    });

    it('re-reads a .env that appeared while verification ran, instead of prepending to it', async () => {
      // No .env when the file is chosen ("Create .env" is taken without asking); one appears during the check.
      const user = await runCommand('main', {
        picks: picks(false),
        onProgress: () => {
          if (!fs.existsSync(envFile)) fs.writeFileSync(envFile, OLD);
        },
        answerModal: () => 'Replace',
      });
      success(user);
      const text = fs.readFileSync(envFile, 'utf8');
      assert.ok(text.startsWith('APP_NAME=shop\nDATABASE_URL='), `replaced in place:\n${text}`);
      assert.equal(text.match(/DATABASE_URL=/g)?.length, 1);
      assert.match(dotenv.parse(text).DATABASE_URL, urlOf('main'));
    });

    it('never overwrites a .env that changed while the Replace question was open', async () => {
      fs.writeFileSync(envFile, OLD);
      const edited = `${OLD}EDITED_MEANWHILE=1\n`;
      const user = await runCommand('main', {
        picks: picks(true),
        answerModal: () => {
          fs.writeFileSync(envFile, edited);
          return 'Replace';
        },
      });
      assert.equal(fs.readFileSync(envFile, 'utf8'), edited);
      const errors = user.notifications.filter((n) => n.kind === 'error');
      assert.equal(errors.length, 1, JSON.stringify(user.notifications));
      assert.match(errors[0].message, /changed while the connection was being verified; nothing was written/);
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
        success(await runCommand('main', { picks: picks(true), answerModal: () => 'Replace' }));
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
      // The previous test left this document open: its buffer follows the disk only once the file
      // watcher reports the write, and the draft must be typed into what is on disk now.
      await eventually(async () => (doc.getText() === before ? true : undefined), 'the open editor to show the file as written');
      const draft = new vscode.WorkspaceEdit();
      draft.insert(doc.uri, new vscode.Position(1, 0), 'MY_DRAFT=unfinished\n');
      assert.ok(await vscode.workspace.applyEdit(draft));
      assert.ok(doc.isDirty);
      const user = await runCommand('main', { picks: picks(true) });
      assert.equal(fs.readFileSync(envFile, 'utf8'), before, 'nothing of the draft reached the disk');
      assert.ok(doc.isDirty, 'still unsaved');
      const buffer = dotenv.parse(doc.getText());
      assert.equal(buffer.MY_DRAFT, 'unfinished');
      assert.match(buffer.DATABASE_URL, urlOf('main'));
      assert.match(success(user), /into the editor of [^ ]*\.env, which has unsaved changes of yours: save it/);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });
});
