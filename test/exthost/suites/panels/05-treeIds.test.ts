// VS Code keeps a tree's expansion across a refresh (and a window reload) for items with the same
// `id`: so every item of both trees has one, unique in its tree, the same in two loads of the same
// data, and the collapsible state a refresh gives it is the one it had (nothing re-collapsed).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerNode, NodeTreeProvider } from '../../../../src/views/explorerNode';
import { extensionApi, type ExtensionApi } from '../../support/api';
import { sandboxInfo } from '../../support/sandboxInfo';

interface Rendered {
  id: string;
  label: string;
  collapsible: vscode.TreeItemCollapsibleState | undefined;
}

/** Every item of the tree, expanding everything that can expand (a few levels, as a user would). */
async function walk(provider: NodeTreeProvider, parent?: ExplorerNode, depth = 0): Promise<Rendered[]> {
  const out: Rendered[] = [];
  for (const node of await provider.getChildren(parent)) {
    const item = provider.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    assert.ok(item.id, `the item "${label}" under ${parent?.id ?? 'the root'} has no id`);
    assert.equal(item.id, node.id, `the item "${label}" carries its node's id`);
    out.push({ id: item.id, label, collapsible: item.collapsibleState });
    if (depth < 6 && item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
      out.push(...(await walk(provider, node, depth + 1)));
    }
  }
  return out;
}

function assertUnique(items: Rendered[], tree: string): void {
  const seen = new Map<string, string>();
  for (const item of items) {
    assert.ok(!seen.has(item.id), `${tree}: "${item.label}" and "${seen.get(item.id)}" share the id ${item.id}`);
    seen.set(item.id, item.label);
  }
}

describe('tree item ids: stable across loads and unique', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  let api: ExtensionApi;

  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
  });

  it('AWS tree: profile, regions, VPCs, endpoints, subnets and security groups keep their ids and states across a refresh', async () => {
    api.awsExplorer.refresh();
    const first = await walk(api.awsExplorer);
    assert.ok(first.some((i) => i.id.startsWith('subnet/')) && first.some((i) => i.id.startsWith('sg/')), `the walk reached subnets and groups: ${first.map((i) => i.id).join(', ')}`);
    assertUnique(first, 'AWS');
    api.awsExplorer.refresh();
    const second = await walk(api.awsExplorer);
    assertUnique(second, 'AWS');
    assert.deepEqual(second, first, 'a refresh of the same data gives the same ids, labels and collapsible states');
  });

  it('PlanetScale tree: organizations, databases, branches and their values keep their ids and states across a refresh', async () => {
    // The branch ↔ endpoint link reads the AWS tree's last load.
    api.awsExplorer.refresh();
    await walk(api.awsExplorer);
    api.planetscaleExplorer.refresh();
    const first = await walk(api.planetscaleExplorer);
    assert.ok(first.some((i) => i.id.startsWith('branch/')) && first.some((i) => i.id.endsWith('/host')), `the walk reached branches and their values: ${first.map((i) => i.id).join(', ')}`);
    assertUnique(first, 'PlanetScale');
    api.planetscaleExplorer.refresh();
    const second = await walk(api.planetscaleExplorer);
    assertUnique(second, 'PlanetScale');
    assert.deepEqual(second, first, 'a refresh of the same data gives the same ids, labels and collapsible states');
  });
});
