import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contributes, extensionUnderTest } from '../../support/extension';

const CONTAINER_ID = 'planetscalePrivateLink';

describe('contributions without any configuration', () => {
  before(async () => {
    await extensionUnderTest().activate();
  });

  it('registers every command the manifest declares', async () => {
    const declared = (contributes().commands ?? []).map((c) => c.command);
    assert.ok(declared.length > 0, 'the manifest declares no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `declared but not registered: ${missing.join(', ')}`);
  });

  it('focuses each of its views', async () => {
    const views = contributes().views?.[CONTAINER_ID] ?? [];
    for (const view of views) {
      // The focus command exists only for a registered view; executing it fails otherwise.
      await vscode.commands.executeCommand(`${view.id}.focus`);
    }
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of ['planetscalePrivateLink.awsExplorer.focus', 'planetscalePrivateLink.planetscaleExplorer.focus']) {
      assert.ok(registered.has(id), `${id} is not registered`);
    }
  });

  it('rejects focusing a view that does not exist (the focus check is meaningful)', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand(`${CONTAINER_ID}.noSuchView.focus`)));
  });
});
