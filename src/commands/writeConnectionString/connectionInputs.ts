import * as vscode from 'vscode';
import { CLIENT_KINDS, ClientKind, FormatOptions, PortChoice, clientLabel } from '../../connection/connectionFormats';
import { DetectedClient, WorkspaceFiles, describeEvidence, detectClients } from '../../connection/clientDetection';
import type { PlanetScaleClient } from '../../planetscale/planetscaleClient';
import type { ExtensionServices } from '../../services/extensionServices';
import type { ResolvedBranch } from '../branchArgument';
import type { RoleChoice } from './newRole';

export interface RoleCredentials {
  username: string;
  password: string;
  database: string;
  roleName: string;
  /** True when the role was created just now (its one-time password is in `password`). */
  created: boolean;
  /** SecretStorage key when the user chose to remember an existing role's password. */
  rememberKey?: string;
}

export const ROLE_PRESETS = [
  { label: 'Read and write', detail: 'pg_read_all_data, pg_write_all_data', roles: ['pg_read_all_data', 'pg_write_all_data'] },
  { label: 'Read only', detail: 'pg_read_all_data', roles: ['pg_read_all_data'] },
  { label: 'Administrator', detail: 'postgres (can create and alter tables)', roles: ['postgres'] },
];

/** Where a role's password lives in SecretStorage when the user chose to remember it. */
export const rolePasswordKey = (b: Pick<ResolvedBranch, 'organization' | 'database' | 'branch'>, roleId: string): string => `planetscalePrivateLink.rolePassword/${b.organization}/${b.database}/${b.branch}/${roleId}`;

/**
 * An existing role (password asked, masked) or a new role, which is only chosen here: it is
 * created once the private path is proven (newRole.ts).
 */
export async function pickRole(services: ExtensionServices, client: PlanetScaleClient, branch: ResolvedBranch, title: string): Promise<RoleChoice | undefined> {
  const roles = await client.listRoles(branch.organization, branch.database, branch.branch);
  const usable = roles.filter((r) => !r.expired && !r.deleted_at && !r.disabled_at);
  type Item = vscode.QuickPickItem & { roleId?: string };
  const items: Item[] = [
    { label: '$(add) Create a new role', detail: 'Created once the private path is proven (deleted again if nothing is written); its one-time password is never shown or logged.' },
    ...(usable.length ? [{ label: 'Existing roles', kind: vscode.QuickPickItemKind.Separator } as Item] : []),
    ...usable.map((r) => ({ label: r.name, description: r.username, detail: r.inherited_roles.length ? `inherits ${r.inherited_roles.join(', ')}` : undefined, roleId: r.id })),
  ];
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'Database role the application logs in with', ignoreFocusOut: true });
  if (!pick) return undefined;
  if (!pick.roleId) {
    const preset = await vscode.window.showQuickPick(ROLE_PRESETS, { title, placeHolder: 'Privileges of the new role', ignoreFocusOut: true });
    if (!preset) return undefined;
    return { kind: 'new', presetLabel: preset.label, inheritedRoles: preset.roles };
  }
  const role = usable.find((r) => r.id === pick.roleId)!;
  const key = rolePasswordKey(branch, role.id);
  const stored = await services.context.secrets.get(key);
  if (stored) {
    services.redactor.add(stored);
    return { username: role.username, password: stored, database: role.database_name || 'postgres', roleName: role.name, created: false };
  }
  const password = await vscode.window.showInputBox({
    title,
    prompt: `Password of ${role.username} (shown once when the role was created in PlanetScale)`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v ? undefined : 'Enter the role\'s password, or go back and create a new role.'),
  });
  if (!password) return undefined;
  services.redactor.add(password);
  const remember = await vscode.window.showQuickPick(
    [{ label: 'Don\'t remember', remember: false }, { label: 'Remember in VS Code secret storage', remember: true }],
    { title, placeHolder: 'Keep this password for next time?', ignoreFocusOut: true },
  );
  if (!remember) return undefined;
  return { username: role.username, password, database: role.database_name || 'postgres', roleName: role.name, created: false, rememberKey: remember.remember ? key : undefined };
}

export async function pickPort(title: string): Promise<PortChoice | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: '6432 — PSBouncer (pooled)', detail: 'For application traffic: many short connections share a few server connections.', port: 6432 as PortChoice },
      { label: '5432 — direct Postgres', detail: 'For migrations, long transactions, LISTEN/NOTIFY and session features.', port: 5432 as PortChoice },
      { label: 'Both', detail: 'Pooled for the app, direct for migrations (Prisma: DATABASE_URL and DIRECT_URL).', port: 'both' as PortChoice },
    ],
    { title, placeHolder: 'Port', ignoreFocusOut: true },
  );
  return pick?.port;
}

export interface ClientChoice {
  kind: ClientKind;
  label: string;
  formatOptions: FormatOptions;
}

/** The workspace's client, detected from its dependency files; the user can pick another. */
export async function pickClient(folder: vscode.Uri, title: string): Promise<ClientChoice | undefined> {
  const { candidates } = await detectClients(workspaceFiles(folder));
  const detected = candidates.map((c: DetectedClient) => ({ label: c.label, description: '$(search) detected', detail: describeEvidence(c), choice: detectedChoice(c) }));
  const others = CLIENT_KINDS.filter((k) => !candidates.some((c) => c.kind === k)).map((k) => ({ label: clientLabel(k), description: undefined, detail: undefined, choice: { kind: k, label: clientLabel(k), formatOptions: {} } }));
  const pick = await vscode.window.showQuickPick([...detected, ...others], {
    title,
    placeHolder: detected.length ? `Detected ${detected[0].label}; the variables and TLS parameters follow the client` : 'No Postgres client detected: which client reads the .env file?',
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return pick?.choice;
}

/** The client the folder's dependency files point to first, with why; undefined when none is found. */
export async function detectedClient(folder: vscode.Uri): Promise<{ choice: ClientChoice; evidence: string } | undefined> {
  const [best] = (await detectClients(workspaceFiles(folder))).candidates;
  return best && { choice: detectedChoice(best), evidence: describeEvidence(best) };
}

function detectedChoice(c: DetectedClient): ClientChoice {
  return { kind: c.kind, label: c.label, formatOptions: withLibpqHint(c) };
}

/** The manifest's word on a bundled libpq (psycopg[binary]), for when the driver cannot be asked. */
function withLibpqHint(c: DetectedClient): FormatOptions {
  return c.libpq ? { ...c.formatOptions, libpq: { ...c.formatOptions.libpq, bundled: c.libpq === 'bundled' } } : c.formatOptions;
}

/** Dependency files read through vscode.workspace.fs, so remote workspaces work too. */
export function workspaceFiles(folder: vscode.Uri): WorkspaceFiles {
  return {
    async readFile(relPath) {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, relPath)));
      } catch {
        return undefined;
      }
    },
    async listFiles() {
      const list = async (sub: string) => {
        try {
          const entries = await vscode.workspace.fs.readDirectory(sub ? vscode.Uri.joinPath(folder, sub) : folder);
          return entries.filter(([, t]) => t === vscode.FileType.File).map(([n]) => (sub ? `${sub}/${n}` : n));
        } catch {
          return [];
        }
      };
      return [...(await list('')), ...(await list('requirements'))];
    },
  };
}
