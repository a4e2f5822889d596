import * as vscode from 'vscode';
import type { ExtensionServices } from '../../services/extensionServices';
import { affects } from '../../services/settings';
import type { AwsTreeProvider } from '../aws/awsTreeProvider';
import type { ExplorerNode } from '../explorerNode';
import { TreeExpansion } from '../treeExpansion';
import { PlanetScaleTreeProvider } from './planetscaleTreeProvider';
import { PLANETSCALE_EXPLORER_VIEW_ID } from '../viewIds';

/** The PlanetScale tree view and what refreshes it (its commands are in src/commands/commandTable.ts). */
export function registerPlanetScaleExplorer(
  services: ExtensionServices,
  awsTree: AwsTreeProvider,
): { provider: PlanetScaleTreeProvider; view: vscode.TreeView<ExplorerNode> } {
  const { context } = services;
  const provider = new PlanetScaleTreeProvider(services, awsTree);
  const view = vscode.window.createTreeView(PLANETSCALE_EXPLORER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const expansion = new TreeExpansion(services.store, 'planetscale');
  provider.expansion = expansion;
  context.subscriptions.push(
    provider,
    view,
    ...expansion.track(view),
    services.planetscale.onDidChange(() => provider.refresh()),
    // Branch ↔ endpoint links depend on what the AWS tree loaded.
    awsTree.onDidLoad(() => provider.refresh()),
    // A proof from an instance in the VPC shows on the branch's endpoint ("verified from i-…").
    services.vantage.onDidRecord(() => provider.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'planetscale.apiUrl', 'planetscale.organization')) provider.refresh();
    }),
    services.settingsConsent.onDidChange(() => provider.refresh()),
  );
  return { provider, view };
}
