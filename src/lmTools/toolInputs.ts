// Reading a tool's input: the model sends JSON that may not match the schema, so every field is
// checked here the way the commands check what a user picks or types, and a wrong one becomes a
// ToolInputError naming the field and what it should look like.
import type { ExtensionServices } from '../services/extensionServices';
import { requirePlanetScaleClient, resolveBranch, type ResolvedBranch } from '../commands/branchArgument';
import { readSettings } from '../services/settings';
import { ToolInputError } from './toolResult';

export type ToolInput = Record<string, unknown>;

const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;
// PlanetScale names: letters, digits, dashes and underscores; never a path.
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function asInput(value: unknown): ToolInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ToolInputError('input', 'give the tool\'s parameters as a JSON object.');
  return value as ToolInput;
}

export function optionalText(input: ToolInput, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ToolInputError(field, 'must be a string.');
  return value.trim() || undefined;
}

export function requiredText(input: ToolInput, field: string, example: string): string {
  const value = optionalText(input, field);
  if (!value) throw new ToolInputError(field, `is required, e.g. "${example}".`);
  return value;
}

/** A string matching `pattern`, or undefined when absent. */
export function optionalId(input: ToolInput, field: string, pattern: RegExp, example: string): string | undefined {
  const value = optionalText(input, field);
  if (value !== undefined && !pattern.test(value)) throw new ToolInputError(field, `"${value}" is not valid; it looks like ${example}.`);
  return value;
}

export function optionalIdList(input: ToolInput, field: string, pattern: RegExp, example: string): string[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ToolInputError(field, `must be a list of ids like ${example}.`);
  const ids = [...new Set(value.map((v: string) => v.trim()).filter(Boolean))];
  const bad = ids.find((id) => !pattern.test(id));
  if (bad) throw new ToolInputError(field, `"${bad}" is not valid; it looks like ${example}.`);
  return ids;
}

export function optionalRegion(input: ToolInput, field = 'region'): string | undefined {
  return optionalId(input, field, REGION_RE, 'us-east-1');
}

export const ENDPOINT_ID_RE = /^vpce-[0-9a-f]{8,17}$/;
export const VPC_ID_RE = /^vpc-[0-9a-f]{8,17}$/;
export const SUBNET_ID_RE = /^subnet-[0-9a-f]{8,17}$/;
export const GROUP_ID_RE = /^sg-[0-9a-f]{8,17}$/;

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
