import * as vscode from 'vscode';
import type { ExtensionServices } from '../services/extensionServices';
import { reloadAwsExplorer } from '../views/aws/registerAwsExplorer';
import type { AwsTreeProvider } from '../views/aws/awsTreeProvider';
import type { ExplorerNode } from '../views/explorerNode';
import type { PlanetScaleTreeProvider } from '../views/planetscale/planetscaleTreeProvider';
import { Commands } from './commandIds';

/** The explorers' refresh buttons (view title and item context menus). */
export function refreshCommands(services: ExtensionServices, awsTree: AwsTreeProvider, planetscaleTree: PlanetScaleTreeProvider) {
  return {
    refreshAws: () => reloadAwsExplorer(services, awsTree),
    refreshPlanetScale: () => planetscaleTree.refresh(),
    refreshNode: (node?: ExplorerNode) => {
      // A node's children are derived from the region load, so a node refresh reloads its tree.
      if (node?.id.startsWith('org') || node?.id.startsWith('database') || node?.id.startsWith('branch')) {
        return vscode.commands.executeCommand(Commands.refreshPlanetScale);
      }
      reloadAwsExplorer(services, awsTree);
      return undefined;
    },
  };
}
