// Service tokens the stand-in accepts. The header is `Authorization: <id>:<token>` (no "Bearer").
import { randomBytes } from 'node:crypto';

export type Access = 'read_organization' | 'read_database' | 'read_branch' | 'create_branch_password' | 'create_production_branch_password'
  | 'delete_branch_password' | 'delete_production_branch_password';

export interface ServiceToken {
  id: string;
  token: string;
  accesses: Access[];
}

export const ALL_ACCESSES: Access[] = [
  'read_organization', 'read_database', 'read_branch', 'create_branch_password', 'create_production_branch_password',
  'delete_branch_password', 'delete_production_branch_password',
];

export function newServiceToken(accesses: Access[]): ServiceToken {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const id = Array.from(randomBytes(12), (byte) => alphabet[byte % alphabet.length]).join('');
  return { id, token: `pscale_tkn_${randomBytes(32).toString('base64url')}`, accesses };
}

/** The token of a header value, or undefined when the header is missing, malformed or unknown. */
export function authenticate(header: string | undefined, tokens: ServiceToken[]): ServiceToken | undefined {
  if (!header) return undefined;
  const colon = header.indexOf(':');
  if (colon <= 0) return undefined;
  const id = header.slice(0, colon).trim();
  const secret = header.slice(colon + 1).trim();
  return tokens.find((t) => t.id === id && t.token === secret);
}
