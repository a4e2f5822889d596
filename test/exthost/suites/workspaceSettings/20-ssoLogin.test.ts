// "aws sso login" runs as the terminal's own process with an argument vector (no shell reads the
// profile name), and only for a profile the SDK's loader lists.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { extensionApi } from '../../support/api';
import { sandboxInfo } from '../../support/sandboxInfo';
import { eventually } from '../../../harness/eventually';
import { Commands } from '../../../../src/commands/commandIds';

const SSO_COMMAND = Commands.awsSsoLogin;

/** Runs a command whose failure notification it waits on, dismissing notifications until it returns. */
async function runDismissingNotifications(command: string, ...args: unknown[]): Promise<void> {
  let done = false;
  const run = Promise.resolve(vscode.commands.executeCommand(command, ...args)).finally(() => (done = true));
  await eventually(async () => {
    if (!done) await vscode.commands.executeCommand('notifications.clearAll');
    return done ? true : undefined;
  }, `${command} to finish`);
  await run;
}

describe('aws sso login in a terminal', function () {
  this.timeout(60_000);
  const info = sandboxInfo();
  const opened: vscode.Terminal[] = [];
  let listener: vscode.Disposable;

  before(async () => {
    await extensionApi();
    listener = vscode.window.onDidOpenTerminal((t) => opened.push(t));
  });

  after(() => {
    listener.dispose();
    for (const t of opened) t.dispose();
  });

  it('starts the AWS CLI itself with the listed profile as one argument', async () => {
    await vscode.commands.executeCommand(SSO_COMMAND, info.awsProfile);
    const terminal = await eventually(async () => opened.find((t) => t.name.startsWith('AWS SSO login')), 'the AWS SSO login terminal');
    const options = terminal.creationOptions as vscode.TerminalOptions;
    assert.equal(options.shellPath, 'aws');
    assert.deepEqual(options.shellArgs, ['sso', 'login', '--profile', info.awsProfile]);
  });

  it('refuses a profile the AWS files do not list, and starts nothing', async () => {
    const before = opened.length;
    const marker = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'PWNED');
    for (const hostile of [`${info.awsProfile}; touch '${marker}'`, `x\`touch ${marker}\``, `"; & cmd /c echo > ${marker}`]) {
      await runDismissingNotifications(SSO_COMMAND, hostile);
    }
    assert.equal(opened.length, before, `terminals opened: ${opened.slice(before).map((t) => t.name).join(', ')}`);
    assert.ok(!fs.existsSync(marker));
  });
});
