import type * as vscode from 'vscode';
import type { LazyFeatures } from '../deferredFeature';
import type { EndpointWatcher } from '../services/endpointWatcher';
import type { ExtensionServices } from '../services/extensionServices';
import type { AwsTreeProvider } from '../views/aws/awsTreeProvider';
import type { ExplorerNode } from '../views/explorerNode';
import type { PlanetScaleTreeProvider } from '../views/planetscale/planetscaleTreeProvider';

/** What the command handlers are built from: the services, and the views they act on. */
export interface CommandContext {
  readonly services: ExtensionServices;
  readonly awsTree: AwsTreeProvider;
  readonly awsView: vscode.TreeView<ExplorerNode>;
  readonly planetscaleTree: PlanetScaleTreeProvider;
  readonly watcher: EndpointWatcher;
  /** dist/features.js, loaded on the first command that needs it. */
  readonly features: LazyFeatures;
}

/** What runs when a command is invoked (its arguments come from menus, links or executeCommand). */
export type CommandHandler = (...args: never[]) => unknown;
