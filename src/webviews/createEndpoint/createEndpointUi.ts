// The editor-side interactions of the Create Endpoint flow (confirmations, the progress
// notification, clipboard, editors, notifications) behind one interface, so a test can script
// the answers a user would give (the controller never calls these APIs directly).
import * as vscode from 'vscode';

export interface ProgressReporter {
  report(message: string): void;
}

export interface CreateEndpointUi {
  /** A modal question; true when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** Runs `task` under a cancellable notification; cancelling aborts `signal`. */
  withProgress<T>(title: string, abort: AbortController, task: (progress: ProgressReporter) => Promise<T>): Promise<T>;
  copyToClipboard(text: string): Promise<void>;
  openInEditor(content: string, language: string): Promise<void>;
  /** Shows a notification without waiting for it; `onAction` runs when a button is chosen. */
  notify(severity: 'info' | 'warning' | 'error', message: string, actions?: Array<{ label: string; run: () => unknown }>): void;
}

export function vscodeCreateEndpointUi(): CreateEndpointUi {
  return {
    async confirm(message, detail, action) {
      const pick = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
      return pick === action;
    },
    withProgress(title, abort, task) {
      return Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
          const listener = token.onCancellationRequested(() => abort.abort());
          return task({ report: (message) => progress.report({ message }) }).finally(() => listener.dispose());
        }),
      );
    },
    async copyToClipboard(text) {
      await vscode.env.clipboard.writeText(text);
    },
    async openInEditor(content, language) {
      const document = await vscode.workspace.openTextDocument({ content, language });
      await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    },
    notify(severity, message, actions = []) {
      const show =
        severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void Promise.resolve(show(message, ...actions.map((a) => a.label))).then((pick) => actions.find((a) => a.label === pick)?.run());
    },
  };
}
