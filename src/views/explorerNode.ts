import * as vscode from 'vscode';

/** A node of one of our trees: it knows its tree item and, when it has any, its children. */
export interface ExplorerNode {
  readonly id: string;
  /** What commands invoked on this node act upon (see the `payload` shapes in each tree). */
  readonly payload?: unknown;
  toTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<ExplorerNode[]> | ExplorerNode[];
}

/** A failed load shown in place, with the reason and one action, instead of a notification. */
export class ErrorNode implements ExplorerNode {
  constructor(
    readonly id: string,
    private readonly message: string,
    private readonly action?: { title: string; command: string; args?: unknown[] },
    private readonly kind = 'error',
  ) {}

  readonly payload = undefined;

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = new vscode.MarkdownString().appendText(this.message).appendMarkdown(this.action ? `\n\n_Click to ${this.action.title.toLowerCase()}._` : '');
    item.contextValue = `error:${this.kind}`;
    item.accessibilityInformation = { label: `Error: ${this.message}` };
    if (this.action) item.command = { title: this.action.title, command: this.action.command, arguments: this.action.args };
    return item;
  }
}

/** A neutral line of information (an empty list, a hint), optionally clickable. */
export class MessageNode implements ExplorerNode {
  constructor(
    readonly id: string,
    private readonly label: string,
    private readonly icon = 'info',
    private readonly command?: vscode.Command,
    readonly payload?: unknown,
    private readonly contextValue = 'message',
  ) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = this.contextValue;
    item.command = this.command;
    return item;
  }
}

/** A tree provider over ExplorerNodes with a refresh event; subclasses supply the roots. */
export abstract class NodeTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  protected readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The items the user left expanded (see treeExpansion.ts); set by the view's registration. */
  expansion: { has(id: string): boolean } | undefined;

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = node.toTreeItem();
    // Open again where the user left it open, also after a window reload.
    if (item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed && this.expansion?.has(node.id)) item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    return item;
  }

  /** Child → parent of every node handed out, so TreeView.reveal can find a node's path. */
  private readonly parents = new WeakMap<ExplorerNode, ExplorerNode>();

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.getRoots();
    const children = node.getChildren ? await node.getChildren() : [];
    for (const child of children) this.parents.set(child, node);
    return children;
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.parents.get(node);
  }

  /** Walks down from the roots, expanding only nodes whose id is a prefix path of the target. */
  async findNode(matches: (node: ExplorerNode) => boolean, leadsTo: (node: ExplorerNode) => boolean): Promise<ExplorerNode | undefined> {
    let level = await this.getChildren();
    for (let depth = 0; depth < 8 && level.length; depth++) {
      const hit = level.find(matches);
      if (hit) return hit;
      const next: ExplorerNode[] = [];
      for (const node of level.filter(leadsTo)) next.push(...(await this.getChildren(node)));
      level = next;
    }
    return undefined;
  }

  protected abstract getRoots(): Promise<ExplorerNode[]>;

  dispose(): void {
    this.changed.dispose();
  }
}
