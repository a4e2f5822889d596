// IP restriction rules of the stand-in: their validation (the API's 422s), their JSON shape, and
// the decision the database takes for a new connection. Kept apart from the HTTP routes so the
// public host's gate (sandbox/publicAccess) applies the very rules the API stores.
import { randomBytes } from 'node:crypto';
import { cidrContains } from '../network/ipv4';

export interface StoredIpRestriction {
  id: string;
  schema: string;
  role: string;
  cidrs: string[];
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export class IpRestrictionInputError extends Error {}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d{1,2}))?$/;

export function isIpv4Cidr(text: string): boolean {
  const m = IPV4_CIDR.exec(text);
  if (!m) return false;
  const octetsOk = [m[1], m[2], m[3], m[4]].every((o) => Number(o) <= 255);
  return octetsOk && (m[6] === undefined || Number(m[6]) <= 32);
}

/** Validates a create body the way the API documents it; the messages are the 422's. */
export function validateNewRule(body: unknown): { cidrs: string[]; role: string; schema: string; description: string | null } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new IpRestrictionInputError('The request body must be a JSON object such as {"cidrs": ["203.0.113.0/24"]}.');
  }
  const input = body as Record<string, unknown>;
  const cidrs = input.cidrs;
  if (!Array.isArray(cidrs) || cidrs.length === 0) {
    throw new IpRestrictionInputError('cidrs must contain at least one valid IPv4 address or range.');
  }
  const invalid = cidrs.filter((c) => typeof c !== 'string' || !isIpv4Cidr(c.trim()));
  if (invalid.length) throw new IpRestrictionInputError(`cidrs contains invalid IPv4 CIDR ranges: ${invalid.map((c) => JSON.stringify(c)).join(', ')}.`);
  for (const field of ['role', 'schema', 'description'] as const) {
    const value = input[field];
    if (value !== undefined && value !== null && typeof value !== 'string') throw new IpRestrictionInputError(`${field} must be a string.`);
  }
  const description = typeof input.description === 'string' ? input.description : null;
  if (description !== null && description.length > 255) throw new IpRestrictionInputError('description must be at most 255 characters.');
  return {
    cidrs: (cidrs as string[]).map((c) => (c.includes('/') ? c.trim() : `${c.trim()}/32`)),
    role: typeof input.role === 'string' ? input.role.trim() : '',
    schema: typeof input.schema === 'string' ? input.schema.trim() : '',
    description,
  };
}

export function newRule(input: ReturnType<typeof validateNewRule>, now: Date): StoredIpRestriction {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const id = Array.from(randomBytes(12), (byte) => alphabet[byte % alphabet.length]).join('');
  return { id, ...input, createdAt: now.toISOString(), updatedAt: now.toISOString() };
}

export function ipRestrictionJson(rule: StoredIpRestriction): Record<string, unknown> {
  return {
    id: rule.id,
    schema: rule.schema,
    role: rule.role,
    cidrs: [...rule.cidrs],
    description: rule.description,
    created_at: rule.createdAt,
    updated_at: rule.updatedAt,
    deleted_at: null,
    actor: { id: 'sandbox-actor', display_name: 'Sandbox service token', avatar_url: '' },
  };
}

export type ConnectionVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * May a new connection of `role` (the username's part before `.<branch id>`) from `source` log
 * in? No rule: yes. Otherwise the rules that apply to the role (no role, or this role) must
 * admit the source; a role no rule names is unrestricted. Schema-only rules govern schemas,
 * not logins, so they are not applied at connect time. (How PlanetScale combines role rules
 * with all-role rules is not documented; this is the reading the sandbox takes.)
 */
export function decideConnection(rules: StoredIpRestriction[], source: string, role: string): ConnectionVerdict {
  const applicable = rules.filter((r) => !r.schema && (!r.role || r.role === role));
  if (applicable.length === 0) return { allowed: true };
  if (applicable.some((r) => r.cidrs.some((c) => cidrContains(c, source)))) return { allowed: true };
  return { allowed: false, reason: `connection from ${source} is not allowed by the IP restrictions of this database` };
}
