import * as path from 'node:path';
import * as vscode from 'vscode';
import { UserFacingError } from '../../errors/userFacingError';
import { locateEnvFile } from './envFileLocation';

export interface EnvFileTarget {
  folder: vscode.WorkspaceFolder;
  uri: vscode.Uri;
  exists: boolean;
}

/** The workspace folder (multi-root aware) and the `.env*` file in it to write, or a new `.env`. */
export async function pickEnvFile(title: string): Promise<EnvFileTarget | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    throw new UserFacingError('Open the folder of your application first: the connection string is written to a .env file in it.', [
      { label: 'Open Folder', command: 'workbench.action.files.openFolder' },
    ]);
  }
  const folder = folders.length === 1
    ? folders[0]
    : (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder of the application that reads the .env file' }));
  if (!folder) return undefined;
  const entries = await vscode.workspace.fs.readDirectory(folder.uri).then((e) => e, () => [] as [string, vscode.FileType][]);
  // A link to a file is `File | SymbolicLink`; a link to nothing is `Unknown | SymbolicLink`: both are there.
  const envFiles = entries
    .filter(([name, type]) => (type & (vscode.FileType.File | vscode.FileType.SymbolicLink)) !== 0 && !(type & vscode.FileType.Directory) && /^\.env(\..+)?$/.test(name))
    .map(([name]) => name)
    .sort((a, b) => Number(a !== '.env') - Number(b !== '.env') || a.localeCompare(b));
  const items: (vscode.QuickPickItem & { file: string; exists: boolean })[] = await Promise.all(envFiles.map(async (name) => ({
    label: name,
    description: await linkDescription(vscode.Uri.joinPath(folder.uri, name)) ?? (/example|sample|template/i.test(name) ? 'looks like a template others copy: secrets would be committed' : undefined),
    file: name,
    exists: true,
  })));
  if (!envFiles.includes('.env')) items.unshift({ label: '$(new-file) Create .env', description: folder.name, file: '.env', exists: false });
  const pick = items.length === 1 && !items[0].exists ? items[0] : await vscode.window.showQuickPick(items, { title, placeHolder: `The .env file in ${folder.name} to write`, ignoreFocusOut: true });
  if (!pick) return undefined;
  return { folder, uri: vscode.Uri.joinPath(folder.uri, pick.file), exists: pick.exists };
}

/** Where a link points, said before the user picks it ("→ link to /srv/shared/.env, outside the workspace"). */
async function linkDescription(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const { link } = await locateEnvFile(uri);
    if (!link) return undefined;
    return `$(file-symlink-file) link to ${link.target.fsPath}${link.insideWorkspace ? '' : ', outside the workspace folders'}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export function displayName(target: EnvFileTarget): string {
  return path.posix.join(target.folder.name, path.basename(target.uri.path));
}
