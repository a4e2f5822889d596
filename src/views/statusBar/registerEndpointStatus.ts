import type * as vscode from 'vscode';
import { registerDeleteEndpoint } from '../../commands/deleteEndpoint';
import { registerEndpointStatusCommands } from '../../commands/endpointStatusCommands';
import { EndpointWatcher } from '../../services/endpointWatcher';
import type { ExtensionServices } from '../../services/extensionServices';
import type { AwsTreeProvider } from '../aws/awsTreeProvider';
import type { ExplorerNode } from '../explorerNode';
import { EndpointStatusBar } from './endpointStatusBar';

export function registerEndpointStatus(services: ExtensionServices, tree: AwsTreeProvider, view: vscode.TreeView<ExplorerNode>): { watcher: EndpointWatcher; statusBar: EndpointStatusBar; disposables: vscode.Disposable[] } {
  const watcher = new EndpointWatcher(services);
  const statusBar = new EndpointStatusBar(watcher, services.vantage);
  return {
    watcher,
    statusBar,
    disposables: [
      watcher,
      statusBar,
      // The tree's watch/unwatch menus follow the watch list.
      watcher.onDidChange(() => tree.rerender()),
      ...registerEndpointStatusCommands(services, watcher, tree, view),
      ...registerDeleteEndpoint(services, watcher, tree),
    ],
  };
}
