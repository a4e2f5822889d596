// Hosts the Create Endpoint form in a webview panel: one panel at a time, strict page (see
// webviewHtml.ts), and a controller bound to the panel's message pair. The controller can also be
// bound to any other pair speaking the protocol (`createEndpointController`), which is how the
// extension-host tests drive it through the same validation path without a browser.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../services/extensionServices';
import { CREATE_ENDPOINT_VIEW_TYPE } from '../protocol/createEndpointProtocol';
import { parseRevivedCreateState, type RevivedCreateForm } from '../protocol/createEndpointRevival';
import { renderWebviewHtml, webviewPanelOptions } from '../webviewHtml';
import { CreateEndpointController, type ControllerDeps, type MessageChannel } from './createEndpointController';
import { vscodeCreateEndpointUi, type CreateEndpointUi } from './createEndpointUi';
import type { CreateEndpointTarget } from './openTarget';

export const CREATE_ENDPOINT_TITLE = 'Create PrivateLink Endpoint';

export function controllerDeps(services: ExtensionServices, ui: CreateEndpointUi = vscodeCreateEndpointUi()): ControllerDeps {
  return {
    log: services.log,
    redact: services.redact,
    aws: services.aws,
    core: services.core,
    planetscale: services.planetscale,
    store: services.store,
    ui,
    announcements: services.announcements,
    executeCommand: (command, ...args) => vscode.commands.executeCommand(command, ...args),
  };
}

/** A controller on any message pair (a test's, or a panel's). */
export function createEndpointController(
  services: ExtensionServices,
  target: CreateEndpointTarget,
  channel: MessageChannel,
  ui?: CreateEndpointUi,
  revived?: RevivedCreateForm,
): CreateEndpointController {
  return new CreateEndpointController(controllerDeps(services, ui), channel, target, revived);
}

/** The open form, if any; owned by the command registration, not a module singleton. */
export class CreateEndpointPanels implements vscode.Disposable {
  private current: { panel: vscode.WebviewPanel; controller: CreateEndpointController; key: string } | undefined;

  constructor(private readonly services: ExtensionServices) {}

  /** Opens the form for `target`, or brings the open one forward. */
  open(target: CreateEndpointTarget): vscode.WebviewPanel {
    const key = JSON.stringify(target);
    const current = this.current;
    if (current && (current.key === key || target.kind === 'palette' || current.controller.isRunning)) {
      if (current.key !== key && current.controller.isRunning) {
        void vscode.window.showInformationMessage('A create is still running in the open form; it stays open until it ends (you can stop waiting there).');
      }
      current.panel.reveal();
      return current.panel;
    }
    current?.panel.dispose();

    const panel = vscode.window.createWebviewPanel(CREATE_ENDPOINT_VIEW_TYPE, CREATE_ENDPOINT_TITLE, vscode.ViewColumn.Active, webviewPanelOptions(this.services.context.extensionUri));
    this.attach(panel, target, key);
    return panel;
  }

  /**
   * VS Code restored the form after a window reload (the serializer), with the state its page had
   * saved: read like any message, it gives the origin, profile, region, values and last run back.
   */
  revive(panel: vscode.WebviewPanel, state: unknown): void {
    if (this.current) {
      // One form at a time: one opened since the reload wins.
      panel.dispose();
      return;
    }
    const revived = parseRevivedCreateState(state);
    if (!revived && state !== undefined) this.services.log.warn('Create Endpoint form: the state it saved before the reload did not read; it opens empty.');
    const target = revived?.target ?? { kind: 'palette' };
    const { enableScripts, localResourceRoots } = webviewPanelOptions(this.services.context.extensionUri);
    panel.webview.options = { enableScripts, localResourceRoots };
    this.attach(panel, target, JSON.stringify(target), revived);
  }

  private attach(panel: vscode.WebviewPanel, target: CreateEndpointTarget, key: string, revived?: RevivedCreateForm): void {
    const extensionUri = this.services.context.extensionUri;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    const channel = { postMessage: (message: unknown) => panel.webview.postMessage(message), onDidReceiveMessage: panel.webview.onDidReceiveMessage };
    const controller = createEndpointController(this.services, target, channel, undefined, revived);
    panel.webview.html = renderWebviewHtml(panel.webview, extensionUri, { bundle: 'createEndpoint', title: CREATE_ENDPOINT_TITLE, loadingText: 'Loading the form…' });
    panel.onDidDispose(() => {
      controller.dispose();
      if (this.current?.panel === panel) this.current = undefined;
    });
    this.current = { panel, controller, key };
  }

  dispose(): void {
    this.current?.panel.dispose();
    this.current = undefined;
  }
}
