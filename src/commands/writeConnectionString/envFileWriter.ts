import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EnvFileTarget } from './envFileTarget';

/**
 * Writes the new text through a WorkspaceEdit (undoable, correct with unsaved edits in an open
 * editor), then saves the document.
 */
export async function writeEnvFile(target: EnvFileTarget, oldText: string, newText: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  if (!target.exists) {
    edit.createFile(target.uri, { ignoreIfExists: true });
    edit.insert(target.uri, new vscode.Position(0, 0), newText);
  } else {
    const doc = await vscode.workspace.openTextDocument(target.uri);
    if (doc.getText() !== oldText) throw new Error(`${path.basename(target.uri.path)} changed while the connection was being verified; run the command again.`);
    edit.replace(target.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(oldText.length)), newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code refused the edit of ${target.uri.fsPath}.`);
  const doc = await vscode.workspace.openTextDocument(target.uri);
  await doc.save();
}

/** True when git would commit the file: not ignored in a git repository. Unknown → false. */
export function isTrackedByGit(file: vscode.Uri, cwd: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('git', ['check-ignore', '-q', file.fsPath], { cwd, timeout: 5000 }, (err) => {
      // Exit 0: ignored. Exit 1: not ignored. 128 (not a repository) or no git: nothing to warn about.
      const code: unknown = err ? (err as { code?: unknown }).code : 0;
      resolve(code === 1);
    });
  });
}

/** Appends the file's name to the folder's .gitignore (created if needed), through a WorkspaceEdit. */
export async function addToGitignore(target: EnvFileTarget): Promise<void> {
  const gitignore = vscode.Uri.joinPath(target.folder.uri, '.gitignore');
  const name = path.posix.relative(target.folder.uri.path, target.uri.path);
  let text = '';
  let exists = true;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(gitignore));
  } catch {
    exists = false;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const addition = `${text && !text.endsWith('\n') ? eol : ''}${name}${eol}`;
  const edit = new vscode.WorkspaceEdit();
  if (!exists) edit.createFile(gitignore, { ignoreIfExists: true });
  const doc = exists ? await vscode.workspace.openTextDocument(gitignore) : undefined;
  edit.insert(gitignore, doc ? doc.positionAt(doc.getText().length) : new vscode.Position(0, 0), addition);
  await vscode.workspace.applyEdit(edit);
  await (await vscode.workspace.openTextDocument(gitignore)).save();
}
