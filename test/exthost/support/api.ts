// The running extension's test API (what activate() returns) and tree helpers for the tests.
import * as vscode from 'vscode';
import type { activate } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/views/explorerNode';
import type { NodeTreeProvider } from '../../../src/views/explorerNode';
import { extensionUnderTest } from './extension';

export type ExtensionApi = ReturnType<typeof activate>;

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = extensionUnderTest() as vscode.Extension<ExtensionApi>;
  return extension.activate();
}

export interface RenderedNode {
  node: ExplorerNode;
  item: vscode.TreeItem;
  label: string;
  description: string;
}

function render(provider: NodeTreeProvider, node: ExplorerNode): RenderedNode {
  const item = provider.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
  return { node, item, label, description: typeof item.description === 'string' ? item.description : '' };
}

export async function childrenOf(provider: NodeTreeProvider, parent?: ExplorerNode): Promise<RenderedNode[]> {
  const nodes = await provider.getChildren(parent);
  return nodes.map((n) => render(provider, n));
}

/** Follows labels (exact, or a RegExp) from the roots down; fails with what was there instead. */
export async function nodeAt(provider: NodeTreeProvider, ...path: (string | RegExp)[]): Promise<RenderedNode> {
  let parent: ExplorerNode | undefined;
  let found: RenderedNode | undefined;
  for (const step of path) {
    const children = await childrenOf(provider, parent);
    found = children.find((c) => (typeof step === 'string' ? c.label === step : step.test(c.label)));
    if (!found) throw new Error(`no tree node ${String(step)} under ${parent?.id ?? 'the root'}; found: ${children.map((c) => c.label).join(', ')}`);
    parent = found.node;
  }
  if (!found) throw new Error('empty path');
  return found;
}
