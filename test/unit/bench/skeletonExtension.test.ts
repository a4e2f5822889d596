import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { skeletonSource } from '../../../bench/skeletonExtension';

/** Runs the skeleton's activate() with a `vscode` that records what it is asked to register. */
function activateSkeleton(source: string) {
  const registered = { commands: [] as string[], views: [] as string[], statusItems: [] as string[], subscriptions: 0 };
  const disposable = { dispose: () => undefined };
  const vscode = {
    commands: { registerCommand: (id: string) => (registered.commands.push(id), disposable) },
    window: {
      createTreeView: (id: string) => (registered.views.push(id), disposable),
      createStatusBarItem: (id: string) => (registered.statusItems.push(id), disposable),
    },
    StatusBarAlignment: { Left: 1 },
  };
  const module = { exports: {} as { activate(context: { subscriptions: unknown[] }): unknown } };
  vm.runInNewContext(source, { module, exports: module.exports, require: (name: string) => (name === 'vscode' ? vscode : assert.fail(`the skeleton requires ${name}`)) });
  const context = { subscriptions: [] as unknown[] };
  module.exports.activate(context);
  registered.subscriptions = context.subscriptions.length;
  return registered;
}

describe('bench/skeletonExtension: the floor activation is measured against', () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));

  it("registers every contributed command and tree view and one status bar item, all disposed with the context", () => {
    const registered = activateSkeleton(skeletonSource(manifest.contributes));
    const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
    const views = Object.values(manifest.contributes.views as Record<string, Array<{ id: string }>>).flat().map((v) => v.id);
    assert.deepEqual(registered.commands, commands);
    assert.deepEqual(registered.views, views);
    assert.deepEqual(registered.statusItems, ['planetscalePrivateLink.endpointStatus']);
    assert.equal(registered.subscriptions, commands.length + views.length + 1);
  });
});
