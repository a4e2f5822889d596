// Whether a Postgres database's public host is open, private only or restricted, read from its
// IP restriction rules. PlanetScale sees its own internal RFC 1918 addresses for traffic that
// arrives through PrivateLink, so a rule admitting exactly those ranges (for every role and
// schema) closes the public internet and keeps private connections working.
import type { IpRestriction } from './ipRestrictions';

export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** Marks the rules this extension creates; only those are ever deleted by it. */
export const EXTENSION_RULE_TAG = '[vscode-planetscale-privatelink]';
export const EXTENSION_RULE_DESCRIPTION = `Private connections only ${EXTENSION_RULE_TAG}`;

/**
 * - `open`: no rule, every address may connect (with valid credentials).
 * - `privateOnly`: exactly one kind of rule, for all roles and schemas, admitting exactly the
 *   private ranges (one such rule or several identical ones).
 * - `restricted`: any other set of rules.
 */
export type PublicAccessState = 'open' | 'privateOnly' | 'restricted';

export interface PublicAccessSummary {
  state: PublicAccessState;
  rules: IpRestriction[];
  /** Rules this extension made (by the tag in their description). */
  extensionRules: IpRestriction[];
  /** Every other rule: the user's own, never touched. */
  otherRules: IpRestriction[];
}

export function isExtensionRule(rule: IpRestriction): boolean {
  return typeof rule.description === 'string' && rule.description.includes(EXTENSION_RULE_TAG);
}

/** Applies to every role and every schema. */
export function isForAllRolesAndSchemas(rule: IpRestriction): boolean {
  return !rule.role?.trim() && !rule.schema?.trim();
}

/** A rule for all roles and schemas whose ranges are exactly the three private ranges. */
export function isPrivateOnlyRule(rule: IpRestriction): boolean {
  if (!isForAllRolesAndSchemas(rule)) return false;
  const ranges = new Set(rule.cidrs.map(normalizeCidr));
  return ranges.size === PRIVATE_RANGES.length && PRIVATE_RANGES.every((r) => ranges.has(r));
}

export function summarizePublicAccess(rules: IpRestriction[]): PublicAccessSummary {
  const live = rules.filter((r) => !r.deleted_at);
  const extensionRules = live.filter(isExtensionRule);
  const otherRules = live.filter((r) => !isExtensionRule(r));
  const state: PublicAccessState = live.length === 0 ? 'open' : live.every(isPrivateOnlyRule) ? 'privateOnly' : 'restricted';
  return { state, rules: live, extensionRules, otherRules };
}

export const PUBLIC_ACCESS_LABELS: Record<PublicAccessState, string> = {
  open: 'public access open',
  privateOnly: 'private only',
  restricted: 'restricted',
};

/** One line per rule, e.g. `203.0.113.0/24 · role reporting · "Office"`. */
export function describeRule(rule: IpRestriction): string {
  const scope = [rule.role?.trim() ? `role ${rule.role.trim()}` : 'all roles', rule.schema?.trim() ? `schema ${rule.schema.trim()}` : 'all schemas'];
  const description = rule.description?.trim() ? ` · "${rule.description.trim()}"` : '';
  return `${rule.cidrs.join(', ')} · ${scope.join(', ')}${description}`;
}

/** `10.0.0.1/8` → `10.0.0.0/8`, a bare address → `/32`, so equal ranges compare equal. */
export function normalizeCidr(text: string): string {
  const [address, bitsText] = text.trim().split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const parts = (address ?? '').split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255) || !Number.isInteger(bits) || bits < 0 || bits > 32) return text.trim();
  const value = parts.reduce((acc, p) => acc * 256 + p, 0);
  const size = 2 ** (32 - bits);
  const base = Math.floor(value / size) * size;
  return `${[24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join('.')}/${bits}`;
}
