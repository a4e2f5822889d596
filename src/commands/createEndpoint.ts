// planetscalePrivateLink.createEndpoint: opens the Create Endpoint form, prefilled from what it was
// invoked on (palette, VPC, branch, or the branch's "create endpoint" item).
import type * as vscode from 'vscode';
import type { ExtensionServices } from '../services/extensionServices';
import { CreateEndpointPanels } from '../webviews/createEndpoint/createEndpointPanel';
import { targetFromArgument } from '../webviews/createEndpoint/openTarget';

/** The command's implementation (loaded lazily from the features bundle on first use). */
export function createEndpointFeature(services: ExtensionServices): {
  run(arg?: unknown): void;
  /** The form restored after a window reload (registered as the viewType's serializer). */
  revive(panel: vscode.WebviewPanel, state: unknown): void;
  disposables: vscode.Disposable[];
} {
  const panels = new CreateEndpointPanels(services);
  return { run: (arg) => panels.open(targetFromArgument(arg)), revive: (panel, state) => panels.revive(panel, state), disposables: [panels] };
}
