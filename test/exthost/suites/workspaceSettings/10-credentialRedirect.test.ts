// A workspace's .vscode/settings.json points aws.endpointUrl at another loopback port, where a
// listener records every request. Until the user agrees nothing reaches it (the user's sandbox
// endpoint serves the tree meanwhile), the question names the host, and the answer is remembered.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as vscode from 'vscode';
import { ExtensionApi, childrenOf, extensionApi } from '../../support/api';
import { sandboxInfo } from '../../support/sandboxInfo';
import { eventually } from '../../../harness/eventually';
import { Commands } from '../../../../src/commands/commandIds';

interface Question {
  message: string;
  detail: string;
}

/** A scripted user: records each question and answers when the test says so. */
function scriptedUser() {
  const questions: Question[] = [];
  let answer: (value: boolean | undefined) => void = () => undefined;
  let answered = Promise.resolve<boolean | undefined>(undefined);
  const arm = () => (answered = new Promise((resolve) => (answer = resolve)));
  arm();
  return {
    questions,
    prompt: async (q: Question) => {
      questions.push(q);
      return answered;
    },
    answer(value: boolean) {
      answer(value);
      arm();
    },
  };
}

describe('workspace settings that redirect credentials', function () {
  this.timeout(90_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  let server: http.Server;
  let recorded: Array<{ url: string; authorization: string }>;
  let redirectUrl: string;
  let settingsFile: string;

  const workspaceEndpoint = () => vscode.workspace.getConfiguration('planetscalePrivateLink').inspect<string>('aws.endpointUrl')?.workspaceValue;

  async function writeWorkspaceSetting(url: string): Promise<void> {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ 'planetscalePrivateLink.aws.endpointUrl': url }, null, 2));
    await eventually(async () => (workspaceEndpoint() === url ? true : undefined), `VS Code to read ${url} from .vscode/settings.json`);
  }

  async function loadAwsTree(): Promise<string[]> {
    api.awsExplorer.refresh();
    return (await childrenOf(api.awsExplorer)).map((n) => `${n.label} ${n.description}`);
  }

  before(async () => {
    api = await extensionApi();
    recorded = [];
    server = http.createServer((req, res) => {
      recorded.push({ url: req.url ?? '', authorization: String(req.headers.authorization ?? '') });
      req.resume();
      // 403 without an AWS error body: the SDK does not retry it, so no request arrives late.
      res.writeHead(403, { 'content-type': 'text/plain' }).end('recorder');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    redirectUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    settingsFile = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json');
  });

  after(async () => {
    fs.rmSync(settingsFile, { force: true });
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends nothing to the workspace host before the user agrees, asks once naming the host, then uses it', async () => {
    const user = scriptedUser();
    api.services.settingsConsent.answerWith(user.prompt);
    await writeWorkspaceSetting(redirectUrl);

    // The tree still loads, from the user's own endpoint (the sandbox), while the question waits.
    const roots = await loadAwsTree();
    assert.ok(roots.some((r) => r.startsWith(`${info.awsProfile} account 123456789012`)), roots.join('\n'));
    await vscode.commands.executeCommand(Commands.refreshAws);
    await loadAwsTree();
    await eventually(async () => (user.questions.length ? true : undefined), 'the question about the workspace setting');
    assert.equal(user.questions.length, 1, 'asked once, however often the setting is read');
    const host = redirectUrl.replace('http://', '');
    assert.ok(user.questions[0].message.includes(`your AWS credentials to ${host}`), user.questions[0].message);
    assert.ok(user.questions[0].detail.includes(`instead of ${new URL(info.ec2Endpoint).host}`), user.questions[0].detail);
    assert.equal(recorded.length, 0, 'no request reached the workspace host before the answer');

    const changed = new Promise<void>((resolve) => api.services.settingsConsent.onDidChange(() => resolve()));
    user.answer(true);
    await changed;
    await eventually(async () => {
      await loadAwsTree();
      return recorded.length ? true : undefined;
    }, 'a request at the workspace host once the user agreed');
    assert.match(recorded[0].authorization, /^AWS4-HMAC-SHA256 Credential=/, 'signed with the user\'s AWS credentials, as the question said');
    assert.equal(user.questions.length, 1);
  });

  it('a changed value is a new question; "keep my settings" is remembered and keeps the sandbox', async () => {
    const user = scriptedUser();
    api.services.settingsConsent.answerWith(user.prompt);
    const otherUrl = `${redirectUrl}/other`;
    await writeWorkspaceSetting(otherUrl);
    recorded.length = 0;

    const roots = await loadAwsTree();
    assert.ok(roots.some((r) => r.startsWith(`${info.awsProfile} account 123456789012`)), roots.join('\n'));
    await eventually(async () => (user.questions.length ? true : undefined), 'the question about the changed value');
    const changed = new Promise<void>((resolve) => api.services.settingsConsent.onDidChange(() => resolve()));
    user.answer(false);
    await changed;

    const after = await loadAwsTree();
    assert.ok(after.some((r) => r.startsWith(`${info.awsProfile} account 123456789012`)), after.join('\n'));
    assert.equal(recorded.length, 0, 'the refused host got nothing');
    assert.deepEqual(api.services.settingsConsent.record()['aws.endpointUrl'], { value: otherUrl, allowed: false });
    await vscode.commands.executeCommand(Commands.refreshAws);
    await loadAwsTree();
    assert.equal(user.questions.length, 1, 'a refused value is not asked again');
  });
});
