// The defaults of Write Connection String, shown as one summary to confirm: a new read/write role,
// PSBouncer 6432 (both ports for Prisma, whose migrations cannot run through PSBouncer), the
// client the workspace's dependency files name, that format's variable names, and `.env` at the
// folder's root. Enter on the summary is the whole input; "Customize…" walks every picker.
import * as vscode from 'vscode';
import { DIRECT_PORT, POOLED_PORT, type ClientKind, type PortChoice } from '../../connection/connectionFormats';
import { renamableVariables } from '../../connection/variableNames';
import type { ResolvedBranch } from '../branchArgument';
import { ClientChoice, ROLE_PRESETS, detectedClient } from './connectionInputs';
import { EnvFileTarget, defaultEnvFile, displayName } from './envFileTarget';
import type { NewRoleChoice } from './newRole';

export interface WriteDefaults {
  role: NewRoleChoice;
  port: PortChoice;
  client: ClientChoice;
  /** "detected from package.json: pg". */
  evidence: string;
  target: EnvFileTarget;
}

/** The defaults for `folder`, or undefined when no client is detected (then there is no right default to offer). */
export async function writeDefaults(folder: vscode.WorkspaceFolder): Promise<WriteDefaults | undefined> {
  const detected = await detectedClient(folder.uri);
  if (!detected) return undefined;
  const [readWrite] = ROLE_PRESETS;
  return {
    role: { kind: 'new', presetLabel: readWrite.label, inheritedRoles: readWrite.roles },
    port: defaultPort(detected.choice.kind),
    client: detected.choice,
    evidence: detected.evidence,
    target: await defaultEnvFile(folder),
  };
}

export function defaultPort(kind: ClientKind): PortChoice {
  return kind === 'prisma' ? 'both' : POOLED_PORT;
}

function describePort(port: PortChoice): string {
  if (port === 'both') return `PSBouncer ${POOLED_PORT} and direct ${DIRECT_PORT}`;
  return port === POOLED_PORT ? `PSBouncer ${POOLED_PORT}` : `direct ${DIRECT_PORT}`;
}

/** "Write DATABASE_URL for orders/main: new read/write role, PSBouncer 6432, node-postgres (pg) detected, to .env". */
export function summaryOf(branch: Pick<ResolvedBranch, 'database' | 'branch'>, defaults: WriteDefaults): string {
  const names = renamableVariables(defaults.client.kind, defaults.port).map((v) => v.defaultName);
  const what = names.length ? names.join(' and ') : 'the PG* variables';
  const role = defaults.role.presetLabel === ROLE_PRESETS[0].label ? 'new read/write role' : `new ${defaults.role.presetLabel.toLowerCase()} role`;
  const file = defaults.target.exists ? '.env' : 'a new .env';
  return `Write ${what} for ${branch.database}/${branch.branch}: ${role}, ${describePort(defaults.port)}, ${defaults.client.label} detected, to ${file}`;
}

/** The one question of the shortest path: 'write' (Enter on the summary), 'customize', or undefined (dismissed). */
export async function confirmDefaults(branch: ResolvedBranch, defaults: WriteDefaults, title: string): Promise<'write' | 'customize' | undefined> {
  type Item = vscode.QuickPickItem & { answer: 'write' | 'customize' };
  const items: Item[] = [
    {
      label: `$(check) ${summaryOf(branch, defaults)}`,
      detail: `Verified first (DNS, TCP, TLS, login, query) through ${branch.privateHost}; the role is created only once the private path works. Client ${defaults.evidence}; file ${displayName(defaults.target)}.`,
      answer: 'write',
    },
    { label: '$(settings-gear) Customize…', detail: 'Choose the role, port, .env file, client and variable names.', answer: 'customize' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'Enter writes with these defaults, after the connection is verified', ignoreFocusOut: true });
  return pick?.answer;
}
