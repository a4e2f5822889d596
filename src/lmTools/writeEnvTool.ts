// Tool: the Write Connection String command without its pickers: the branch, role, port, client and
// .env file come from the input, the user confirms a message naming the file and the variables, and
// then the command's own verifyAndWrite runs (verify DNS → TCP → TLS → login → query, write only
// after it passed, ask before replacing existing values). Only in a trusted workspace.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { detectClients } from '../connection/clientDetection';
import { CLIENT_KINDS, clientLabel, formatConnection, type ClientKind } from '../connection/connectionFormats';
import type { ResolvedBranch } from '../commands/branchArgument';
import { ROLE_PRESETS, workspaceFiles, type ClientChoice } from '../commands/writeConnectionString/connectionInputs';
import type { RoleChoice } from '../commands/writeConnectionString/newRole';
import type { EnvFileTarget } from '../commands/writeConnectionString/envFileTarget';
import { verifyAndWrite } from '../commands/writeConnectionString/writeConnectionString';
import type { ExtensionServices } from '../services/extensionServices';
import type { AwsTreeProvider } from '../views/aws/awsTreeProvider';
import type { ShownConfirmations } from './shownConfirmations';
import type { ToolConfirmation } from './toolConfirmation';
import { asInput, branchName, optionalText, readPort, resolveToolBranch, type ToolInput } from './toolInputs';
import { rememberedRole } from './toolRoles';
import { ToolInputError } from './toolInputChecks';
import { toolResult } from './toolResult';
import type { ToolCall } from './toolRunner';
import { requireTrust } from './toolTrust';

export const WRITE_ACTION = 'Verify and Write';
const NEW_ROLES: Record<string, (typeof ROLE_PRESETS)[number]> = { readWrite: ROLE_PRESETS[0], readOnly: ROLE_PRESETS[1], admin: ROLE_PRESETS[2] };

interface WritePlan {
  branch: ResolvedBranch;
  target: EnvFileTarget;
  client: ClientChoice;
  port: ReturnType<typeof readPort>;
  keys: string[];
  roleName?: string;
  newRole?: string;
  title: string;
  detail: string;
}

async function writePlan(services: ExtensionServices, input: ToolInput): Promise<WritePlan> {
  const port = readPort(input);
  const roleName = optionalText(input, 'role');
  const newRole = optionalText(input, 'newRole');
  if (newRole && !NEW_ROLES[newRole]) throw new ToolInputError('newRole', `"${newRole}" is not one of ${Object.keys(NEW_ROLES).join(', ')}.`);
  if (newRole && roleName) throw new ToolInputError('role', 'give either role (an existing role whose password VS Code keeps) or newRole, not both.');
  const target = await envTarget(input);
  const client = await clientChoice(input, target.folder.uri);
  const branch = await resolveToolBranch(services, input);
  // Only the variable names: the role's values are not known (or not created) yet.
  const keys = formatConnection(client.kind, { host: branch.privateHost, user: 'user', password: 'password', database: 'postgres', port }, client.formatOptions).variables.map((v) => v.key);
  const file = vscode.workspace.asRelativePath(target.uri, true);
  const title = `Verify the private connection of ${branchName(branch)} and write ${keys.join(', ')} to ${file}?`;
  const detail = [
    `File: ${target.uri.fsPath}${target.exists ? '' : ' (created)'}`,
    `Variables: ${keys.join(', ')} (${client.label}, port ${port === 'both' ? '6432 and 5432' : port}), holding the role's password.`,
    newRole ? `Role: a new PlanetScale role (${NEW_ROLES[newRole].roles.join(', ')}) is created on ${branchName(branch)} once DNS, TCP and TLS pass, and deleted again if nothing is written.` : `Role: ${roleName ?? 'the role whose password VS Code keeps'}.`,
    'The file is written only after DNS, TCP, TLS, login and a query through the Private Host pass; existing values are replaced only after a second confirmation.',
  ].join('\n');
  return { branch, target, client, port, keys, title, detail, ...(roleName ? { roleName } : {}), ...(newRole ? { newRole } : {}) };
}

export async function prepareWriteEnv(services: ExtensionServices, shown: ShownConfirmations, rawInput: unknown): Promise<vscode.PreparedToolInvocation> {
  const plan = await writePlan(services, asInput(rawInput));
  shown.remember(rawInput, plan.title + plan.detail);
  return { invocationMessage: `Verifying and writing ${plan.keys.join(', ')}`, confirmationMessages: { title: plan.title, message: plan.detail } };
}

export async function writeEnv(services: ExtensionServices, awsTree: AwsTreeProvider, confirmation: ToolConfirmation, shown: ShownConfirmations, rawInput: unknown, call: ToolCall): Promise<vscode.LanguageModelToolResult> {
  requireTrust('writes a .env file');
  const confirmed = shown.take(rawInput);
  const plan = await writePlan(services, asInput(rawInput));
  if (call.inChat && confirmed !== plan.title + plan.detail) {
    return toolResult(services.redact, 'Nothing was written: this is not what the user confirmed. Call the tool again so the user sees the file and variables.', { written: false });
  }
  if (!call.inChat && !(await confirmation.confirm(plan.title, plan.detail, WRITE_ACTION))) {
    return toolResult(services.redact, 'The user declined: nothing was verified or written.', { written: false, declined: true });
  }
  const role = await roleFor(services, plan, call.signal);
  if ('missing' in role) return toolResult(services.redact, `Nothing was written. ${role.missing}`, { written: false });
  const outcome = await verifyAndWrite(services, awsTree, { branch: plan.branch, role: role.role, port: plan.port, client: plan.client, target: plan.target }, (message, diff) => confirmation.confirm(message, diff, 'Replace'));
  const file = vscode.workspace.asRelativePath(plan.target.uri, true);
  const proven = outcome.verifications.map((v) => v.summary).join(' ');
  if (outcome.written) return toolResult(services.redact, `${proven} Wrote ${outcome.keys.join(', ')} to ${file}.`, { written: true, file, keys: outcome.keys, role: 'roleName' in role.role ? role.role.roleName : 'a new role' });
  const why = { cancelled: 'the verification was cancelled', declined: 'the user declined replacing the existing values', unchanged: 'the file already holds these values', verificationFailed: 'the verification failed' }[outcome.reason];
  return toolResult(services.redact, `${proven} Nothing was written to ${file}: ${why}.`, { written: false, reason: outcome.reason, file });
}

/** A kept role's credentials, or the command's "new role" choice (created only once the private path is proven). */
async function roleFor(services: ExtensionServices, plan: WritePlan, signal: AbortSignal): Promise<{ role: RoleChoice } | { missing: string }> {
  if (!plan.newRole) return rememberedRole(services, plan.branch, plan.roleName, signal);
  const preset = NEW_ROLES[plan.newRole];
  return { role: { kind: 'new', presetLabel: preset.label, inheritedRoles: preset.roles } };
}

/** The `.env*` file at the root of a workspace folder, as the command's picker offers them. */
async function envTarget(input: ToolInput): Promise<EnvFileTarget> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) throw new ToolInputError('folder', 'no folder is open; the connection string is written to a .env file in the application\'s folder.');
  const folderName = optionalText(input, 'folder');
  const folder = folderName ? folders.find((f) => f.name === folderName) : folders[0];
  if (!folder) throw new ToolInputError('folder', `"${folderName}" is not a workspace folder (${folders.map((f) => f.name).join(', ')}).`);
  const name = optionalText(input, 'envFile') ?? '.env';
  if (!/^\.env(\.[A-Za-z0-9_.-]+)?$/.test(name) || name.includes('..') || name !== path.basename(name)) {
    throw new ToolInputError('envFile', `"${name}" is not a .env file at the folder's root; use .env or .env.<name> such as .env.local.`);
  }
  const uri = vscode.Uri.joinPath(folder.uri, name);
  const exists = await vscode.workspace.fs.stat(uri).then((s) => (s.type & vscode.FileType.File) !== 0, () => false);
  return { folder, uri, exists };
}

/** The client named in the input, else the one detected from the folder's dependency files. */
async function clientChoice(input: ToolInput, folder: vscode.Uri): Promise<ClientChoice> {
  const named = optionalText(input, 'client');
  if (named) {
    if (!CLIENT_KINDS.includes(named as ClientKind)) throw new ToolInputError('client', `"${named}" is not one of ${CLIENT_KINDS.join(', ')}.`);
    const detected = (await detectClients(workspaceFiles(folder))).candidates.find((c) => c.kind === named);
    return { kind: named as ClientKind, label: clientLabel(named as ClientKind), formatOptions: detected?.formatOptions ?? {} };
  }
  const [first] = (await detectClients(workspaceFiles(folder))).candidates;
  if (!first) throw new ToolInputError('client', `no Postgres client was detected in the folder; name the one that reads the .env file (${CLIENT_KINDS.join(', ')}).`);
  return { kind: first.kind, label: first.label, formatOptions: first.formatOptions };
}
