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
