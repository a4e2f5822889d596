// Resolving what a tool's input names (profile, branch) through the services, after the pure checks
// of toolInputChecks.ts.
import type { ExtensionServices } from '../services/extensionServices';
import { requirePlanetScaleClient, resolveBranch, type ResolvedBranch } from '../commands/branchArgument';
import { readSettings } from '../services/settings';
import { NAME_RE, ToolInputError, optionalText, requiredText, type ToolInput } from './toolInputChecks';

export * from './toolInputChecks';

function planetscaleName(input: ToolInput, field: string, example: string, required: boolean): string | undefined {
  const value = required ? requiredText(input, field, example) : optionalText(input, field);
  if (value !== undefined && !NAME_RE.test(value)) throw new ToolInputError(field, `"${value}" is not a PlanetScale name (letters, digits, - and _), e.g. "${example}".`);
  return value;
}

/** The AWS profile: the one named (it must exist), else the one the AWS view uses. */
export async function resolveProfile(services: ExtensionServices, input: ToolInput): Promise<{ profile: string; regions: string[] }> {
  const named = optionalText(input, 'profile');
  const listing = await services.aws.listProfiles();
  if (named && !listing.profiles.some((p) => p.name === named)) {
    throw new ToolInputError('profile', `"${named}" is not among the AWS profiles (${listing.profiles.map((p) => p.name).join(', ') || 'none'}); leave it out to use the profile the AWS view uses.`);
  }
  const profile = named ?? services.aws.chosenProfile(listing);
  if (!profile) throw new ToolInputError('profile', 'no AWS profile is chosen in the extension; name one, or ask the user to run "Choose AWS Profile".');
  return { profile, regions: services.aws.chosenRegions(listing, profile) };
}

/**
 * The branch named by `organization`/`database`/`branch`, completed with its Private Host and
 * Private Service Name through the same resolver the commands use. The organization may be left
 * out when the token sees one organization or the settings name one.
 */
export async function resolveToolBranch(services: ExtensionServices, input: ToolInput): Promise<ResolvedBranch> {
  const database = planetscaleName(input, 'database', 'orders', true)!;
  const branch = planetscaleName(input, 'branch', 'main', true)!;
  let organization = planetscaleName(input, 'organization', 'my-org', false) ?? readSettings().planetscaleOrganization;
  if (!organization) {
    const orgs = await (await requirePlanetScaleClient(services)).listOrganizations();
    if (orgs.length !== 1) {
      throw new ToolInputError('organization', `the token sees ${orgs.length} organizations (${orgs.map((o) => o.name).join(', ')}); name one.`);
    }
    organization = orgs[0].name;
  }
  const resolved = await resolveBranch(services, { payload: { kind: 'branch', organization, database, branch, production: false } }, 'PlanetScale PrivateLink tool');
  if (!resolved) throw new ToolInputError('branch', `${organization}/${database}/${branch} could not be resolved.`);
  return resolved;
}

export function branchName(b: Pick<ResolvedBranch, 'organization' | 'database' | 'branch'>): string {
  return `${b.organization}/${b.database}/${b.branch}`;
}
