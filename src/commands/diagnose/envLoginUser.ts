// The login user of the connection variables the extension wrote to .env (the files and keys the
// workspace store records as ours), for the Private Host being diagnosed: Diagnose then asks at
// most the password. Read through the .env command's own locating and reading code; only the
// user name leaves this module (never the password next to it).
import * as vscode from 'vscode';
import { parseEnvFile } from '../../dotenv/dotenvParse';
import { loginUserFor } from '../../diagnose/inputGuesses';
import type { WorkspaceStore } from '../../services/workspaceStore';
import { locateEnvFile } from '../writeConnectionString/envFileLocation';
import { readEnvText } from '../writeConnectionString/envFileWriter';

export async function envLoginUser(store: WorkspaceStore, privateHost: string): Promise<string | undefined> {
  const managed = store.get('managedEnvKeys') ?? {};
  for (const [uri, keys] of Object.entries(managed)) {
    const text = await locateEnvFile(vscode.Uri.parse(uri)).then(readEnvText, () => '');
    const wanted = new Set(keys);
    const values: Record<string, string> = {};
    for (const line of parseEnvFile(text).lines) {
      if (line.entry && wanted.has(line.entry.key)) values[line.entry.key] = line.entry.value;
    }
    const user = loginUserFor(values, privateHost);
    if (user) return user;
  }
  return undefined;
}
