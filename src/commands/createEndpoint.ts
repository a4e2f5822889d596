// planetscalePrivateLink.createEndpoint: opens the Create Endpoint form, prefilled from what it was
// invoked on (palette, VPC, branch, or the branch's "create endpoint" item).
import type * as vscode from 'vscode';
import type { ExtensionServices } from '../services/extensionServices';
import { CreateEndpointPanels } from '../webviews/createEndpoint/createEndpointPanel';
import { targetFromArgument } from '../webviews/createEndpoint/openTarget';

export const CREATE_ENDPOINT_COMMAND = 'planetscalePrivateLink.createEndpoint';

export function registerCreateEndpoint(services: ExtensionServices): vscode.Disposable[] {
  const panels = new CreateEndpointPanels(services);
  return [
    panels,
    services.runner.register(
      CREATE_ENDPOINT_COMMAND,
      (arg?: unknown) => {
        panels.open(targetFromArgument(arg));
      },
      { requiresTrust: true },
    ),
  ];
}
