import * as vscode from 'vscode';
import { shellQuote } from '../../aws/createEndpoint/cliCommands';
import type { ExtensionServices } from '../../services/extensionServices';
import { ResolvedBranch, requirePlanetScaleClient } from '../branchArgument';
import type { RoleCredentials } from './connectionInputs';

/**
 * "Create a new role" as the user chose it. The role is created only once the private path
 * (DNS, TCP, TLS) is proven, and deleted again when the run then writes nothing.
 */
export interface NewRoleChoice {
  kind: 'new';
  /** E.g. "Read and write". */
  presetLabel: string;
  inheritedRoles: string[];
}

export type RoleChoice = RoleCredentials | NewRoleChoice;

export function isNewRole(choice: RoleChoice): choice is NewRoleChoice {
  return 'kind' in choice && choice.kind === 'new';
}

/** What became of a role created for a run that wrote nothing. */
export interface RoleCleanup {
  /** False when nothing was created, or when the role was deleted. */
  left: boolean;
  /** One sentence for the user ('' when nothing was created). */
  message: string;
}

export interface RoleForRun {
  credentials: RoleCredentials;
  /** Deletes the role if this run created it (once; later calls repeat the first answer). */
  discard(): Promise<RoleCleanup>;
}

/** The credentials to log in with: the existing role as chosen, or a role created now. */
export async function roleForRun(services: ExtensionServices, branch: ResolvedBranch, choice: RoleChoice): Promise<RoleForRun> {
  if (!isNewRole(choice)) return { credentials: choice, discard: async () => ({ left: false, message: '' }) };
  const client = await requirePlanetScaleClient(services);
  const { organization: org, database: db, branch: name } = branch;
  const role = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Creating a PlanetScale role…' }, () =>
    client.createRole(org, db, name, { inheritedRoles: choice.inheritedRoles }),
  );
  services.redactor.add(role.password);
  services.log.info(`Created PlanetScale role ${role.name} (${role.username}) on ${org}/${db}/${name}.`);
  let cleanup: Promise<RoleCleanup> | undefined;
  const remove = async (): Promise<RoleCleanup> => {
    try {
      await client.deleteRole(org, db, name, role.id);
      services.log.info(`Deleted PlanetScale role ${role.name} (${role.username}): the run that created it wrote nothing.`);
      return { left: false, message: `The new role ${role.name} was deleted again.` };
    } catch (err) {
      const reason = services.redact(err instanceof Error ? err.message : String(err));
      const how = `pscale role delete ${[db, name, role.id].map(shellQuote).join(' ')} --org ${shellQuote(org)}`;
      const message = `The new role ${role.name} (${role.username}, id ${role.id}) is left on ${org}/${db}/${name}: deleting it failed (${reason}). Delete it in the PlanetScale dashboard (the branch's Roles page) or run: ${how}`;
      services.log.warn(message);
      return { left: true, message };
    }
  };
  return {
    credentials: { username: role.username, password: role.password, database: role.database_name || 'postgres', roleName: role.name, created: true },
    discard: () => (cleanup ??= remove()),
  };
}
