import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveSharedFilePaths } from '../../aws/profiles';
import { registerAwsProfileCommands } from '../../commands/awsProfileCommands';
import { registerCopyCommands } from '../../commands/copyCommands';
import { registerEnableVpcDns } from '../../commands/enableVpcDns';
import { registerOpenInConsole } from '../../commands/openInConsole';
import type { ExtensionServices } from '../../services/extensionServices';
import { affects } from '../../services/settings';
import { watchedEndpointIds } from '../../services/watchedEndpointIds';
import type { ExplorerNode } from '../explorerNode';
import { AwsTreeProvider } from './awsTreeProvider';

export function registerAwsExplorer(services: ExtensionServices): { provider: AwsTreeProvider; view: vscode.TreeView<ExplorerNode> } {
  const { context, runner } = services;
  const provider = new AwsTreeProvider(services, (id) => watchedEndpointIds(services.store).has(id));
  const view = vscode.window.createTreeView('planetscalePrivateLink.awsExplorer', { treeDataProvider: provider, showCollapseAll: true });
  const refreshAll = () => {
    services.aws.resetClients();
    provider.refresh();
  };
  context.subscriptions.push(
    provider,
    view,
    services.aws.onDidChange(refreshAll),
    services.settingsConsent.onDidChange(refreshAll),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'aws.profile', 'aws.regions', 'aws.endpointUrl')) refreshAll();
    }),
    ...watchSharedAwsFiles(refreshAll),
    runner.register('planetscalePrivateLink.refreshAws', refreshAll),
    runner.register('planetscalePrivateLink.refreshNode', (node?: ExplorerNode) => {
      // A node's children are derived from the region load, so a node refresh reloads its tree.
      if (node?.id.startsWith('org') || node?.id.startsWith('database') || node?.id.startsWith('branch')) {
        return vscode.commands.executeCommand('planetscalePrivateLink.refreshPlanetScale');
      }
      refreshAll();
      return undefined;
    }),
    ...registerAwsProfileCommands(services),
    ...registerCopyCommands(services),
    ...registerOpenInConsole(services),
    ...registerEnableVpcDns(services, provider),
  );
  return { provider, view };
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
