// The editor interactions of Diagnose (pickers, inputs, the modal confirmations, the progress
// notification, the clipboard) behind one interface, so tests script the user's answers and the
// flow itself never calls these APIs directly.
import * as vscode from 'vscode';

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  picked?: boolean;
}

export interface InputOptions {
  title: string;
  prompt: string;
  value?: string;
  placeHolder?: string;
  /** Masks what is typed. */
  password?: boolean;
  /** A message naming what is wrong, or undefined when the text is fine. */
  validate?(text: string): string | undefined;
}

export interface DiagnoseUi {
  pick<T>(items: PickItem<T>[], options: { title: string; placeHolder: string }): Promise<T | undefined>;
  pickMany<T>(items: PickItem<T>[], options: { title: string; placeHolder: string }): Promise<T[] | undefined>;
  input(options: InputOptions): Promise<string | undefined>;
  /** A modal question; true only when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** Runs `task` under a cancellable notification; cancelling aborts `abort`. */
  withProgress<T>(title: string, abort: AbortController, task: (report: (message: string) => void) => Promise<T>): Promise<T>;
  copyToClipboard(text: string): Promise<void>;
  notify(severity: 'info' | 'warning' | 'error', message: string): void;
}

export function vscodeDiagnoseUi(): DiagnoseUi {
  return {
    async pick(items, options) {
      const picked = await vscode.window.showQuickPick(items, { ...options, ignoreFocusOut: true });
      return picked?.value;
    },
    async pickMany(items, options) {
      const picked = await vscode.window.showQuickPick(items, { ...options, canPickMany: true, ignoreFocusOut: true });
      return picked?.map((p) => p.value);
    },
    input(options) {
      return Promise.resolve(
        vscode.window.showInputBox({
          title: options.title,
          prompt: options.prompt,
          value: options.value,
          placeHolder: options.placeHolder,
          password: options.password,
          ignoreFocusOut: true,
          validateInput: options.validate ? (text) => options.validate?.(text) : undefined,
        }),
      );
    },
    async confirm(message, detail, action) {
      return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
    },
    withProgress(title, abort, task) {
      return Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
          const listener = token.onCancellationRequested(() => abort.abort());
          return task((message) => progress.report({ message })).finally(() => listener.dispose());
        }),
      );
    },
    copyToClipboard: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
    notify(severity, message) {
      const show = severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(message);
    },
  };
}
