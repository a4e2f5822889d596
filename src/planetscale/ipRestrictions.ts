// PlanetScale Postgres IP restrictions (`/databases/{db}/cidrs`): list every page, create, delete.
// Rules are database-level: one rule applies to every branch of the database.
import { PlanetScaleApiError } from './apiErrors';
import type { CallOptions, PlanetScaleClient } from './planetscaleClient';

/** An IP restriction entry as the API returns it (snake_case, as documented). */
export interface IpRestriction {
  id: string;
  /** Empty or null: every schema. */
  schema: string | null;
  /** Empty or null: every role. */
  role: string | null;
  cidrs: string[];
  description: string | null;
  created_at: string;
  updated_at: string;
  deleted_at?: string | null;
  actor?: { id: string; display_name: string; avatar_url?: string };
}

export interface NewIpRestriction {
  cidrs: string[];
  role?: string;
  schema?: string;
  description?: string;
}

export function listIpRestrictions(client: PlanetScaleClient, org: string, db: string, options?: CallOptions): Promise<IpRestriction[]> {
  return client.listAll<IpRestriction>({ op: 'listIpRestrictions', org, db }, options);
}

export async function createIpRestriction(client: PlanetScaleClient, org: string, db: string, rule: NewIpRestriction, options?: CallOptions): Promise<IpRestriction> {
  if (!Array.isArray(rule.cidrs) || rule.cidrs.length === 0) {
    throw new PlanetScaleApiError('invalidRequest', 0, 'invalid_input', 'cidrs: give at least one IPv4 address or CIDR range.');
  }
  const body = {
    cidrs: rule.cidrs,
    ...(rule.role ? { role: rule.role } : {}),
    ...(rule.schema ? { schema: rule.schema } : {}),
    ...(rule.description ? { description: rule.description } : {}),
  };
  const created = await client.call<IpRestriction>({ op: 'createIpRestriction', org, db }, body, options);
  if (!created || typeof created.id !== 'string') {
    throw new PlanetScaleApiError('server', 201, 'invalid_response', `PlanetScale created an IP restriction on database \`${db}\` but answered without its id. Check the database's IP restrictions in the dashboard.`);
  }
  return created;
}

export async function deleteIpRestriction(client: PlanetScaleClient, org: string, db: string, ruleId: string, options?: CallOptions): Promise<void> {
  await client.call<void>({ op: 'deleteIpRestriction', org, db, ruleId }, undefined, options);
}
