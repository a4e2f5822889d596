// Hosts the Diagnose results in one webview panel (strict page from webviewHtml.ts), shown when a
// diagnosis starts and bound to the service through a controller. The controller can be bound to
// any other message pair (`diagnoseController`), which is how the extension-host tests read what
// the page is sent and post what the page would.
import * as vscode from 'vscode';
import type { DiagnoseService } from '../../commands/diagnose/diagnoseService';
import type { ExtensionServices } from '../../services/extensionServices';
import { renderWebviewHtml, webviewPanelOptions } from '../webviewHtml';
import { DiagnoseController, type DiagnoseChannel } from './diagnoseController';
import { DIAGNOSE_VIEW_TYPE } from '../protocol/diagnoseProtocol';
import { parseRevivedDiagnoseState } from '../protocol/diagnoseRevival';

export const DIAGNOSE_PANEL_TITLE = 'Diagnose Private Connection';

/** A controller for `service` on any message pair (the panel's, or a test's). */
export function diagnoseController(services: ExtensionServices, service: DiagnoseService, channel: DiagnoseChannel): DiagnoseController {
  return new DiagnoseController(
    {
      service,
      log: services.log,
      redact: services.redact,
      reportError: (id, error) => void services.runner.run(id, () => Promise.reject(error)),
      executeCommand: (command) => vscode.commands.executeCommand(command),
    },
    channel,
  );
}

/** The results panel: one at a time, revealed (not duplicated) by each new diagnosis. */
export class DiagnosePanels implements vscode.Disposable {
  private current: { panel: vscode.WebviewPanel; controller: DiagnoseController } | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly services: ExtensionServices, private readonly service: DiagnoseService) {
    this.subscription = service.onDidStart(() => this.show());
  }

  get panel(): vscode.WebviewPanel | undefined {
    return this.current?.panel;
  }

  show(): vscode.WebviewPanel {
    if (this.current) {
      this.current.panel.reveal(undefined, true);
      return this.current.panel;
    }
    const extensionUri = this.services.context.extensionUri;
    const panel = vscode.window.createWebviewPanel(DIAGNOSE_VIEW_TYPE, DIAGNOSE_PANEL_TITLE, { viewColumn: vscode.ViewColumn.Active, preserveFocus: true }, webviewPanelOptions(extensionUri));
    this.attach(panel);
    return panel;
  }

  /**
   * VS Code restored the panel after a window reload (the serializer), with the state its page had
   * saved: the view, validated like any message, comes back marked as from before the reload.
   */
  revive(panel: vscode.WebviewPanel, state: unknown): void {
    if (this.current) {
      // One panel at a time: a diagnosis shown since the reload wins.
      panel.dispose();
      return;
    }
    const view = parseRevivedDiagnoseState(state);
    if (view) this.service.revive(view);
    else if (state !== undefined) this.services.log.warn('Diagnose panel: the state it saved before the reload did not read; it waits for a new diagnosis.');
    const { enableScripts, localResourceRoots } = webviewPanelOptions(this.services.context.extensionUri);
    panel.webview.options = { enableScripts, localResourceRoots };
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    const extensionUri = this.services.context.extensionUri;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    const controller = diagnoseController(this.services, this.service, {
      postMessage: (message) => panel.webview.postMessage(message),
      onDidReceiveMessage: panel.webview.onDidReceiveMessage,
    });
    panel.webview.html = renderWebviewHtml(panel.webview, extensionUri, { bundle: 'diagnose', title: DIAGNOSE_PANEL_TITLE, loadingText: 'Diagnosing…' });
    panel.onDidDispose(() => {
      controller.dispose();
      if (this.current?.panel === panel) this.current = undefined;
    });
    this.current = { panel, controller };
  }

  dispose(): void {
    this.subscription.dispose();
    this.current?.panel.dispose();
    this.current = undefined;
  }
}
