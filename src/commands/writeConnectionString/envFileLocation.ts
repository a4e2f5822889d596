// Where a chosen .env file really is, looked at fresh each time: it may have appeared since it was
// picked, and it may be a symbolic link (VS Code reports `File | SymbolicLink`), whose target —
// possibly outside the workspace — is what dotenv reads and what must be edited.
import { lstat, readlink, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UserFacingError } from '../../errors/userFacingError';

export interface EnvFileLink {
  /** The file the link resolves to (every link in the chain followed). */
  target: vscode.Uri;
  /** True when the target lies in one of the open workspace folders. */
  insideWorkspace: boolean;
}

export interface EnvFileLocation {
  /** The path the user chose (the link itself when it is one). */
  uri: vscode.Uri;
  exists: boolean;
  link?: EnvFileLink;
  /** The file to read and write: the link's target, else `uri`. */
  fileUri: vscode.Uri;
}

/** True when `file` is `root` or below it (both absolute, already resolved). */
export function isInsideFolder(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export async function locateEnvFile(uri: vscode.Uri, folders: readonly vscode.WorkspaceFolder[] = vscode.workspace.workspaceFolders ?? []): Promise<EnvFileLocation> {
  const name = path.basename(uri.path);
  if (uri.scheme !== 'file') {
    // Without a local path there is no way to see where a link points: refuse links, follow nothing.
    const stat = await vscode.workspace.fs.stat(uri).then((s) => s, () => undefined);
    if (stat && stat.type & vscode.FileType.SymbolicLink) {
      throw new UserFacingError(`${name} is a symbolic link, and where it points cannot be seen in this workspace: choose the file it points to instead.`);
    }
    return { uri, exists: !!stat, fileUri: uri };
  }
  const stat = await lstat(uri.fsPath).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (!stat) return { uri, exists: false, fileUri: uri };
  if (!stat.isSymbolicLink()) return { uri, exists: true, fileUri: uri };
  const resolved = await realpath(uri.fsPath).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
    const pointsTo = await readlink(uri.fsPath).catch(() => 'a missing file');
    throw new UserFacingError(`${name} is a symbolic link to ${pointsTo}, which does not exist: create that file, or remove the link, then run the command again.`);
  });
  const roots = await Promise.all(folders.filter((f) => f.uri.scheme === 'file').map((f) => realpath(f.uri.fsPath).catch(() => f.uri.fsPath)));
  return {
    uri,
    exists: true,
    link: { target: vscode.Uri.file(resolved), insideWorkspace: roots.some((root) => isInsideFolder(resolved, root)) },
    fileUri: vscode.Uri.file(resolved),
  };
}

/** "app/.env" or "app/.env (a link to /srv/shared/app.env)". */
export function describeLocation(location: EnvFileLocation, shownName: string): string {
  if (!location.link) return shownName;
  const folder = vscode.workspace.getWorkspaceFolder(location.link.target);
  const where = folder ? path.posix.join(folder.name, path.posix.relative(folder.uri.path, location.link.target.path)) : location.link.target.fsPath;
  return `${shownName} (a link to ${where})`;
}
