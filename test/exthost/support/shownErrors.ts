// What the shipped command wrapper showed the user when a command failed. The wrapper writes the
// notification's text and buttons, exactly as it passes them to showErrorMessage, to the
// extension's log file: the tests read that file, as support would, instead of hooking the API.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { SHOWN_MARKER } from '../../../src/commands/commandRunner';
import type { ExtensionApi } from './api';
import { eventually } from '../../harness/eventually';

export interface ShownError {
  message: string;
  buttons: string[];
}

/** Everything the extension has written to its log files so far. */
export function logText(api: ExtensionApi): string {
  const dir = api.services.context.logUri.fsPath;
  if (!fs.existsSync(dir)) return '';
  return fs.readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

/** Every failure notification of `commandId` recorded in the log so far, oldest first. */
export function shownErrors(api: ExtensionApi, commandId: string): ShownError[] {
  const prefix = `${commandId} failed; ${SHOWN_MARKER} `;
  return logText(api)
    .split('\n')
    .map((line) => line.indexOf(prefix) >= 0 ? line.slice(line.indexOf(prefix) + prefix.length) : undefined)
    .filter((json): json is string => json !== undefined)
    .map((json) => JSON.parse(json) as ShownError);
}

/**
 * Runs a contributed command through the command palette's path (executeCommand → the packaged
 * dist bundles), accepting the first item of each quick pick it opens when asked to, until it
 * shows its failure notification; then closes the notification so the command finishes.
 */
export async function runUntilFailure(api: ExtensionApi, commandId: string, arg?: unknown, options: { acceptQuickPicks?: boolean } = {}): Promise<ShownError> {
  const before = shownErrors(api, commandId).length;
  const running = Promise.resolve(vscode.commands.executeCommand(commandId, arg));
  let finished = false;
  void running.then(() => (finished = true), () => (finished = true));
  const shown = await eventually(async () => {
    const entries = shownErrors(api, commandId);
    if (entries.length > before) return entries[entries.length - 1];
    if (finished) throw new Error(`${commandId} finished without showing an error`);
    if (options.acceptQuickPicks) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return undefined;
  }, `the failure notification of ${commandId}`, 60_000);
  // Closing the notification answers showErrorMessage with no pick, so the command returns.
  await vscode.commands.executeCommand('notifications.clearAll');
  await running;
  return shown;
}
