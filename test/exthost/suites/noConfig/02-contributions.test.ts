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

  it('declares the activity-bar container with the AWS and PlanetScale views', () => {
    const containers = contributes().viewsContainers?.activitybar ?? [];
    assert.ok(containers.some((c) => c.id === CONTAINER_ID), `no activity-bar container ${CONTAINER_ID}`);
    const views = (contributes().views?.[CONTAINER_ID] ?? []).map((v) => [v.id, v.name]);
    assert.deepEqual(views, [
      ['planetscalePrivateLink.awsExplorer', 'AWS'],
      ['planetscalePrivateLink.planetscaleExplorer', 'PlanetScale'],
    ]);
  });

  it('opens the view container', async () => {
    await vscode.commands.executeCommand(`workbench.view.extension.${CONTAINER_ID}`);
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
