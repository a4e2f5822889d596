// Workspace trust for the tools, as for the commands: a tool that creates AWS resources or writes a
// file refuses in an untrusted folder (the registration also leaves it out until trust is granted).
import * as vscode from 'vscode';
import { UserFacingError } from '../errors/userFacingError';

export function requireTrust(what: string): void {
  if (!vscode.workspace.isTrusted) {
    throw new UserFacingError(`This tool ${what}, which needs a trusted workspace; nothing was done. Ask the user to trust this folder (Manage Workspace Trust).`);
  }
}
