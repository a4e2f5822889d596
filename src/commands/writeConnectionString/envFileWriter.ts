import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UserFacingError } from '../../errors/userFacingError';
import type { EnvFileLocation } from './envFileLocation';
import type { EnvFileTarget } from './envFileTarget';

/** What the write did: saved to disk, or edited in an editor that held unsaved changes of the user's. */
export type EnvWriteResult = 'saved' | 'unsavedEditor';

// Keeps a byte-order mark in the text, so writing it back keeps it too.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function openDocument(location: EnvFileLocation): vscode.TextDocument | undefined {
  const uris = new Set([location.uri.toString(), location.fileUri.toString()]);
  return vscode.workspace.textDocuments.find((d) => uris.has(d.uri.toString()));
}

async function diskText(location: EnvFileLocation): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(location.fileUri));
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
    throw err;
  }
}

/**
 * The text the edit is planned on. An editor with unsaved changes wins (they are the user's
 * latest intent); otherwise the disk's exact bytes, because an open document has its line
 * endings normalised and would make a CR-only or mixed file look changed.
 */
export async function readEnvText(location: EnvFileLocation): Promise<string> {
  const open = openDocument(location);
  if (open?.isDirty) return open.getText();
  return (await diskText(location)) ?? '';
}

/**
 * Writes `newText` if the file still holds `oldText`. A clean file is written byte for byte to
 * disk (lines we did not change keep their line endings; a link's target is written, the link
 * stays). An editor with unsaved changes gets the edit in its buffer, undoable and NOT saved:
 * saving would also save the user's own unfinished edits.
 */
export async function writeEnvFile(location: EnvFileLocation, oldText: string, newText: string): Promise<EnvWriteResult> {
  const name = path.basename(location.uri.path);
  const changed = () => new UserFacingError(`${name} changed while the connection was being verified; nothing was written. Run the command again to see the new contents.`);
  const open = openDocument(location);
  if (open?.isDirty) {
    if (open.getText() !== oldText) throw changed();
    const edit = new vscode.WorkspaceEdit();
    const [from, to, replacement] = changedSpan(oldText, newText);
    edit.replace(open.uri, new vscode.Range(open.positionAt(from), open.positionAt(to)), replacement);
    if (!(await vscode.workspace.applyEdit(edit))) throw new UserFacingError(`VS Code refused the edit of ${name}; nothing was written.`);
    return 'unsavedEditor';
  }
  // Re-read: a file that appeared, vanished or changed since it was read is never overwritten blindly.
  const now = await diskText(location);
  if ((now ?? '') !== oldText) throw changed();
  await vscode.workspace.fs.writeFile(location.fileUri, new TextEncoder().encode(newText));
  return 'saved';
}

/** The smallest [start, end) of `before` to replace, and its replacement, that turns it into `after`. */
function changedSpan(before: string, after: string): [number, number, string] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return [head, before.length - tail, after.slice(head, after.length - tail)];
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

/** Appends the file's name to the folder's .gitignore (created if needed), never saving a user's unsaved edits there. */
export async function addToGitignore(target: EnvFileTarget): Promise<void> {
  const gitignore = vscode.Uri.joinPath(target.folder.uri, '.gitignore');
  const name = path.posix.relative(target.folder.uri.path, target.uri.path);
  const location: EnvFileLocation = { uri: gitignore, exists: true, fileUri: gitignore };
  const text = await readEnvText(location);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const addition = `${text && !/[\r\n]$/.test(text) ? eol : ''}${name}${eol}`;
  await writeEnvFile(location, text, text + addition);
}
