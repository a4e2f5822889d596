// The user's yes before a tool creates AWS resources or writes a file. In a chat session VS Code
// shows the tool's `confirmationMessages` and calls the tool only after "Continue"; a call from
// outside a chat (another extension's vscode.lm.invokeTool) is confirmed here as well, with the
// same text in a modal dialog, so the tool never relies on a dialog that VS Code may skip.
import * as vscode from 'vscode';

export interface ToolConfirmation {
  /** True only when the user chose `action`. */
  confirm(title: string, detail: string, action: string): Promise<boolean>;
}

export const modalConfirmation: ToolConfirmation = {
  async confirm(title, detail, action) {
    return (await vscode.window.showWarningMessage(title, { modal: true, detail }, action)) === action;
  },
};

/** The confirmation the tools use; the extension-host tests put a scripted one in its place. */
export class ConfirmationGate implements ToolConfirmation {
  private current: ToolConfirmation = modalConfirmation;

  use(confirmation: ToolConfirmation | undefined): void {
    this.current = confirmation ?? modalConfirmation;
  }

  confirm(title: string, detail: string, action: string): Promise<boolean> {
    return this.current.confirm(title, detail, action);
  }
}

/**
 * What prepareInvocation showed the user, by input, so invoke runs exactly that (a plan built
 * again must be the same plan) and nothing a confirmation did not name.
 */
export class ShownConfirmations {
  private readonly shown = new Map<string, string>();

  remember(input: unknown, fingerprint: string): void {
    this.shown.set(key(input), fingerprint);
  }

  /** The fingerprint shown for this input, forgotten once taken. */
  take(input: unknown): string | undefined {
    const k = key(input);
    const value = this.shown.get(k);
    this.shown.delete(k);
    return value;
  }
}

function key(input: unknown): string {
  return JSON.stringify(input ?? null);
}
