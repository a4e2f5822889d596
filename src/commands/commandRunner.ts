import * as vscode from 'vscode';
import { ErrorAction, isCancellation } from '../errors/userFacingError';
import { Commands } from './commandIds';

export interface CommandOptions {
  /** Creates or deletes AWS resources or writes files: refuse in an untrusted workspace. */
  requiresTrust?: boolean;
}

export type Redact = (text: string) => string;
export type ErrorDescriber = (err: unknown) => { message: string; actions: ErrorAction[] } | undefined;

/**
 * Every command goes through here: it is timed, its failure becomes one clear message with
 * actions, and the detail goes to the log after secrets are masked.
 */
export class CommandRunner {
  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly redact: Redact,
    private readonly describe: ErrorDescriber,
  ) {}

  register(id: string, handler: (...args: never[]) => unknown, options: CommandOptions = {}): vscode.Disposable {
    return vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(id, () => (handler as (...a: unknown[]) => unknown)(...args), options));
  }

  async run(id: string, body: () => unknown, options: CommandOptions = {}): Promise<unknown> {
    if (options.requiresTrust && !vscode.workspace.isTrusted) {
      const manage = 'Manage Workspace Trust';
      const pick = await vscode.window.showWarningMessage(
        'This action creates AWS resources or writes files, which needs a trusted workspace. Trust this folder to continue.',
        manage,
      );
      if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    const started = Date.now();
    try {
      const result = await body();
      this.log.debug(`${id} finished in ${Date.now() - started} ms`);
      return result;
    } catch (err) {
      if (isCancellation(err)) {
        this.log.info(`${id} cancelled after ${Date.now() - started} ms`);
        return undefined;
      }
      await this.report(id, err);
      return undefined;
    }
  }

  private async report(id: string, err: unknown): Promise<void> {
    // describeError knows every error by brand, not instanceof (a lazily loaded bundle has its own classes).
    const described = this.describe(err);
    const message = this.redact(described?.message ?? `Something went wrong: ${err instanceof Error ? err.message : String(err)}`);
    const detail = err instanceof Error ? err.stack ?? err.message : String(err);
    const own = described?.actions ?? [];
    const actions = own.some((a) => a.label === SHOW_LOG.label) ? own : [...own, SHOW_LOG];
    const buttons = actions.map((a) => a.label);
    // The log records exactly what the user was shown: support reads it, and so do the tests.
    this.log.error(`${id} failed; ${SHOWN_MARKER} ${JSON.stringify({ message, buttons })}\n${this.redact(detail)}`);
    const pick = await vscode.window.showErrorMessage(message, ...buttons);
    const chosen = actions.find((a) => a.label === pick);
    if (chosen) await vscode.commands.executeCommand(chosen.command, ...(chosen.args ?? []));
  }
}

const SHOW_LOG: ErrorAction = { label: 'Show Log', command: Commands.showLog };

/** Precedes the JSON `{ message, buttons }` of a failure notification in the log. */
export const SHOWN_MARKER = 'showed';
