// Which items of a tree the user left expanded, kept in workspace state so that a window reload
// opens them again. VS Code keeps the expansion of items with the same `id` across a refresh, but
// it did not bring it back after a reload of the web workbench (code-server); this does, for both
// trees. Collapsing an item forgets it; ids that no longer appear are simply never matched.
import type * as vscode from 'vscode';
import type { WorkspaceStore } from '../services/workspaceStore';
import type { ExplorerNode } from './explorerNode';

/** Enough for any tree a person expands by hand; the oldest are forgotten first. */
const MAX_REMEMBERED = 500;

export class TreeExpansion {
  /** Read once, then kept in step with what is written (the tree asks for every item it draws). */
  private expanded: Set<string>;

  constructor(private readonly store: WorkspaceStore, private readonly viewKey: 'aws' | 'planetscale') {
    this.expanded = new Set(store.get('treeExpanded')?.[viewKey] ?? []);
  }

  has(id: string): boolean {
    return this.expanded.has(id);
  }

  /** Follows the user's expanding and collapsing in `view`. */
  track(view: vscode.TreeView<ExplorerNode>): vscode.Disposable[] {
    return [view.onDidExpandElement((e) => void this.remember(e.element.id, true)), view.onDidCollapseElement((e) => void this.remember(e.element.id, false))];
  }

  private async remember(id: string, expanded: boolean): Promise<void> {
    const next = [...this.expanded].filter((x) => x !== id);
    if (expanded) next.push(id);
    this.expanded = new Set(next.slice(-MAX_REMEMBERED));
    await this.store.change('treeExpanded', (all) => ({ ...all, [this.viewKey]: [...this.expanded] }));
  }
}
