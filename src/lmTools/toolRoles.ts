// The database role a tool logs in with. A model never sees or passes a password: a tool uses a
// role whose password the user let VS Code keep (SecretStorage, from Write Connection String's
// "Remember"), or, for the .env tool only, a role PlanetScale creates for it after confirmation.
import type { ResolvedBranch } from '../commands/branchArgument';
import { requirePlanetScaleClient } from '../commands/branchArgument';
import { rolePasswordKey, type RoleCredentials } from '../commands/writeConnectionString/connectionInputs';
import type { ExtensionServices } from '../services/extensionServices';
import { branchName } from './toolInputs';
import { ToolInputError } from './toolInputChecks';

export type RoleLookup = { role: RoleCredentials } | { missing: string };

/** The named role (or the first role) of the branch whose password VS Code keeps. */
export async function rememberedRole(services: ExtensionServices, branch: ResolvedBranch, roleName: string | undefined, signal: AbortSignal): Promise<RoleLookup> {
  const client = await requirePlanetScaleClient(services);
  const roles = (await client.listRoles(branch.organization, branch.database, branch.branch, { signal })).filter((r) => !r.expired && !r.deleted_at && !r.disabled_at);
  const named = roleName ? roles.filter((r) => r.name === roleName || r.username === roleName) : roles;
  if (roleName && !named.length) throw new ToolInputError('role', `${branchName(branch)} has no usable role named "${roleName}" (roles: ${roles.map((r) => r.name).join(', ') || 'none'}).`);
  for (const role of named) {
    const password = await services.context.secrets.get(rolePasswordKey(branch, role.id));
    if (!password) continue;
    services.redactor.add(password);
    return { role: { username: role.username, password, database: role.database_name || 'postgres', roleName: role.name, created: false } };
  }
  return {
    missing:
      `${roleName ? `VS Code keeps no password for role "${roleName}"` : `VS Code keeps no password for any role of ${branchName(branch)}`}, ` +
      'and a tool is never given one. Ask the user to run "Write Connection String to .env" once and choose "Remember in VS Code secret storage", or let the .env tool create a new role.',
  };
}
