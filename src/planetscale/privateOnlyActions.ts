// Closing and reopening a database's public path, with the proof around it: after the private-only
// rule is created, the private path must still log in and the public host must refuse; if the
// private check fails the caller can undo at once. The checks are passed in (they run through
// the verification pipeline), so this module knows nothing about sockets or editors.
import { PlanetScaleApiError } from './apiErrors';
import { createIpRestriction, deleteIpRestriction, IpRestriction, listIpRestrictions } from './ipRestrictions';
import type { PlanetScaleClient } from './planetscaleClient';
import { EXTENSION_RULE_DESCRIPTION, PRIVATE_RANGES, PublicAccessSummary, summarizePublicAccess } from './publicAccess';

export interface DatabaseRef {
  organization: string;
  database: string;
}

export interface PathCheck {
  ok: boolean;
  /** One sentence on what was proven or why not. */
  summary: string;
}

export interface PublicCheck {
  outcome: 'accepted' | 'refused' | 'unreachable' | 'inconclusive';
  detail: string;
}

export interface PrivateOnlyChecks {
  verifyPrivate(): Promise<PathCheck>;
  probePublic(): Promise<PublicCheck>;
}

export interface RestrictResult {
  before: PublicAccessSummary;
  /** The rule created now; undefined when a private-only rule of ours already existed. */
  created?: IpRestriction;
  privateCheck: PathCheck;
  publicCheck: PublicCheck;
  /** Both halves proven: the private path logs in, the public host refuses. */
  proven: boolean;
}

export async function readPublicAccess(client: PlanetScaleClient, ref: DatabaseRef): Promise<PublicAccessSummary> {
  return summarizePublicAccess(await listIpRestrictions(client, ref.organization, ref.database));
}

/** Creates the private-only rule (unless ours already exists), then runs both checks. */
export async function restrictToPrivateConnections(client: PlanetScaleClient, ref: DatabaseRef, checks: PrivateOnlyChecks): Promise<RestrictResult> {
  const before = await readPublicAccess(client, ref);
  const ours = before.extensionRules.find((r) => PRIVATE_RANGES.every((range) => r.cidrs.includes(range)));
  const created = ours ? undefined : await createIpRestriction(client, ref.organization, ref.database, { cidrs: [...PRIVATE_RANGES], description: EXTENSION_RULE_DESCRIPTION });
  const privateCheck = await checks.verifyPrivate();
  const publicCheck = await checks.probePublic();
  return { before, created, privateCheck, publicCheck, proven: privateCheck.ok && publicCheck.outcome === 'refused' };
}

export interface AllowAgainResult {
  before: PublicAccessSummary;
  deleted: IpRestriction[];
  /** Rules of ours that could not be deleted, with the reason: reported, never hidden. */
  failed: Array<{ rule: IpRestriction; message: string }>;
  /** The user's own rules, left as they were. */
  kept: IpRestriction[];
}

/** Deletes only the rules this extension created (by their tag); the user's rules stay. */
export async function allowPublicConnectionsAgain(client: PlanetScaleClient, ref: DatabaseRef, rules?: IpRestriction[]): Promise<AllowAgainResult> {
  const before = rules ? summarizePublicAccess(rules) : await readPublicAccess(client, ref);
  const deleted: IpRestriction[] = [];
  const failed: AllowAgainResult['failed'] = [];
  for (const rule of before.extensionRules) {
    try {
      await deleteIpRestriction(client, ref.organization, ref.database, rule.id);
      deleted.push(rule);
    } catch (error) {
      // Already gone (deleted elsewhere) is what we wanted.
      if (error instanceof PlanetScaleApiError && error.kind === 'notFound') deleted.push(rule);
      else failed.push({ rule, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { before, deleted, failed, kept: before.otherRules };
}
