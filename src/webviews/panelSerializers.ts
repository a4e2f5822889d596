// Both panels come back after a window reload: VS Code keeps each open panel with the state its
// page saved (vscode.setState) and, for a viewType with a serializer, hands the restored panel and
// that state to the extension (activating it through `onWebviewPanel:<viewType>`). The panel's
// feature (from the lazily loaded features bundle) reads the state like any message and rebuilds
// the form or the results from it.
import * as vscode from 'vscode';
import { CREATE_ENDPOINT_VIEW_TYPE } from './protocol/createEndpointProtocol';
import { DIAGNOSE_VIEW_TYPE } from './protocol/diagnoseProtocol';

export interface RevivablePanels {
  revive(panel: vscode.WebviewPanel, state: unknown): void;
}

/** The features that own each panel, built on first use. */
export interface PanelOwners {
  createEndpoint: { get(): RevivablePanels };
  diagnose: { get(): RevivablePanels };
}

export function registerPanelSerializers(owners: PanelOwners, log: Pick<vscode.LogOutputChannel, 'error'>): vscode.Disposable[] {
  const serializer = (name: string, owner: { get(): RevivablePanels }): vscode.WebviewPanelSerializer => ({
    async deserializeWebviewPanel(panel, state) {
      try {
        owner.get().revive(panel, state);
      } catch (err) {
        // A panel that cannot be rebuilt is closed rather than left blank.
        log.error(`${name}: could not restore the panel after the reload: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        panel.dispose();
      }
    },
  });
  return [
    vscode.window.registerWebviewPanelSerializer(CREATE_ENDPOINT_VIEW_TYPE, serializer('Create Endpoint form', owners.createEndpoint)),
    vscode.window.registerWebviewPanelSerializer(DIAGNOSE_VIEW_TYPE, serializer('Diagnose panel', owners.diagnose)),
  ];
}
