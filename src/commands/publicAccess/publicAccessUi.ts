// The editor interactions of Restrict / Allow Again (modal confirmation, notifications with
// actions, progress, the role whose login re-verifies the paths) behind one interface, so tests
// script the user's answers through the shipped feature.
import * as vscode from 'vscode';
import type { PlanetScaleClient } from '../../planetscale/planetscaleClient';
import type { ExtensionServices } from '../../services/extensionServices';
import type { ResolvedBranch } from '../branchArgument';
import { pickRole } from '../writeConnectionString/connectionInputs';
import { roleForRun } from '../writeConnectionString/newRole';

export interface LoginCredentials {
  username: string;
  password: string;
  database: string;
  /** Deletes a role created just for this check; says what became of it ('' when none was made). */
  discard?(): Promise<{ message: string }>;
}

export interface PublicAccessUi {
  /** A modal question; true only when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A notification; resolves to the chosen action (or undefined) once it is answered or dismissed. */
  notify(severity: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Promise<string | undefined>;
  withProgress<T>(title: string, task: () => Promise<T>): Promise<T>;
  /** A role of the branch whose login proves the paths (existing with its password, or new). */
  credentials(client: PlanetScaleClient, branch: ResolvedBranch, title: string): Promise<LoginCredentials | undefined>;
}

export function vscodePublicAccessUi(services: ExtensionServices): PublicAccessUi {
  return {
    async confirm(message, detail, action) {
      return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
    },
    notify(severity, message, ...actions) {
      const show = severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      return Promise.resolve(show(message, ...actions));
    },
    withProgress(title, task) {
      return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task));
    },
    async credentials(client, branch, title) {
      const choice = await pickRole(services, client, branch, title);
      if (!choice) return undefined;
      // A new role is created now and deleted once both checks ran (it exists only to prove them).
      const role = await roleForRun(services, branch, choice);
      const { username, password, database } = role.credentials;
      return { username, password, database, discard: role.discard };
    },
  };
}
