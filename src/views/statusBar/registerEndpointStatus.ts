import type * as vscode from 'vscode';
import { EndpointWatcher } from '../../services/endpointWatcher';
import type { ExtensionServices } from '../../services/extensionServices';
import type { AwsTreeProvider } from '../aws/awsTreeProvider';
import { EndpointStatusBar } from './endpointStatusBar';

/** The watch list and its status bar item (their commands are in src/commands/commandTable.ts). */
export function registerEndpointStatus(services: ExtensionServices, tree: AwsTreeProvider): { watcher: EndpointWatcher; statusBar: EndpointStatusBar; disposables: vscode.Disposable[] } {
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
    ],
  };
}
