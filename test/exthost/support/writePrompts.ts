// The answers to Write Connection String's prompts, in one place: Enter on the summary of
// defaults (the shortest path), or the pickers in their order (role, privileges of a new role,
// port, .env file when one exists, client) followed by the variable-names step. The pickers come
// after "Customize…" when the workspace's client was detected, and at once when it was not (no
// right default to summarise).

import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands/commandIds';
import { scriptUser, type ScriptedUser, type UserScript } from './scriptedUser';

/** Enter on the summary ("Write DATABASE_URL for orders/main: ..."). */
export const ACCEPT_SUMMARY: RegExp[] = [/^\$\(check\) Write /];

/** Keeps the client's default variable names. */
export const KEEP_NAMES = /^Keep /;
/** Goes on to type each name (answered through the script's `inputs`). */
export const CHOOSE_NAMES = /Choose other names/;

/** The pickers as answered, then the names step; `customize` when the summary is shown first. */
export function pickerAnswers(pickers: RegExp[], options: { customize?: boolean; names?: RegExp } = {}): RegExp[] {
  return [...(options.customize ? [/Customize…/] : []), ...pickers, options.names ?? KEEP_NAMES];
}

/** Runs Write Connection String on `org`/orders/`branch` with the user's answers scripted. */
export async function runWriteCommand(org: string, branch: string, script: UserScript): Promise<ScriptedUser> {
  const user = scriptUser(script);
  try {
    await vscode.commands.executeCommand(Commands.writeConnectionString, {
      payload: { kind: 'branch', organization: org, database: 'orders', branch },
    });
  } finally {
    user.restore();
  }
  return user;
}

/** The one success notification of a write (fails unless there is exactly one). */
export function writeSuccess(user: ScriptedUser): string {
  const shown = user.notifications.filter((n) => n.kind === 'information' && !n.modal && /^Verified the private connection/.test(n.message));
  assert.equal(shown.length, 1, `one success notification, got ${JSON.stringify(user.notifications)}`);
  return shown[0].message;
}
