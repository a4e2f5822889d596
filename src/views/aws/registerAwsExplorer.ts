import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveSharedFilePaths } from '../../aws/profiles';
import type { ExtensionServices } from '../../services/extensionServices';
import { affects } from '../../services/settings';
import { watchedEndpointIds } from '../../services/watchedEndpointIds';
import type { ExplorerNode } from '../explorerNode';
import { TreeExpansion } from '../treeExpansion';
import { AwsTreeProvider } from './awsTreeProvider';
import { AWS_EXPLORER_VIEW_ID } from '../viewIds';

/** The AWS tree view and what reloads it (its commands are in src/commands/commandTable.ts). */
export function registerAwsExplorer(services: ExtensionServices): { provider: AwsTreeProvider; view: vscode.TreeView<ExplorerNode> } {
  const { context } = services;
  const provider = new AwsTreeProvider(services, (id) => watchedEndpointIds(services.store).has(id));
  const view = vscode.window.createTreeView(AWS_EXPLORER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const refreshAll = () => reloadAwsExplorer(services, provider);
  const expansion = new TreeExpansion(services.store, 'aws');
  provider.expansion = expansion;
  context.subscriptions.push(
    provider,
    view,
    ...expansion.track(view),
    services.aws.onDidChange(refreshAll),
    services.settingsConsent.onDidChange(refreshAll),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'aws.profile', 'aws.regions', 'aws.endpointUrl')) refreshAll();
    }),
    ...watchSharedAwsFiles(refreshAll),
  );
  return { provider, view };
}

/** New clients (a changed profile, settings or credentials file), then a full reload of the tree. */
export function reloadAwsExplorer(services: ExtensionServices, provider: AwsTreeProvider): void {
  services.aws.resetClients();
  provider.refresh();
}

/** Credentials refreshed outside VS Code (aws sso login, a rotated key) apply without a reload. */
function watchSharedAwsFiles(onChange: () => void): vscode.Disposable[] {
  const { configFile, credentialsFile } = resolveSharedFilePaths();
  return [...new Set([configFile, credentialsFile])].map((file) => {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
    watcher.onDidChange(onChange);
    watcher.onDidCreate(onChange);
    watcher.onDidDelete(onChange);
    return watcher;
  });
}
