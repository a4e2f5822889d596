// The role calls' bodies: what the client sends to create a role (checked first, so a bad
// input is named before any request), and the check that an answer carries the one-time password.
import { PlanetScaleApiError } from './apiErrors';
import type { CreateRoleInput, PlanetScaleRole, PlanetScaleRoleWithPassword } from './types';

export function createRoleBody(input: CreateRoleInput): Record<string, unknown> {
  const invalid = (message: string) => new PlanetScaleApiError('invalidRequest', 0, 'invalid_input', message);
  if (!Array.isArray(input.inheritedRoles) || input.inheritedRoles.length === 0 || input.inheritedRoles.some((r) => typeof r !== 'string' || !r.trim())) {
    throw invalid('inheritedRoles: choose at least one role to inherit, e.g. pg_read_all_data and pg_write_all_data, or postgres.');
  }
  if (input.ttl !== undefined && (!Number.isInteger(input.ttl) || input.ttl <= 0)) {
    throw invalid('ttl: enter a whole number of seconds greater than 0, or leave it empty for credentials that do not expire.');
  }
  if (input.name !== undefined && !input.name.trim()) {
    throw invalid('name: enter a role name, or leave it out to let PlanetScale pick one.');
  }
  return {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.ttl !== undefined ? { ttl: input.ttl } : {}),
    inherited_roles: input.inheritedRoles.map((r) => r.trim()),
  };
}

export function withPassword(role: PlanetScaleRole, what: string): PlanetScaleRoleWithPassword {
  if (typeof role?.password !== 'string' || role.password === '') {
    throw new PlanetScaleApiError(
      'server',
      200,
      'missing_password',
      `PlanetScale answered without the password of the ${what}. Reset the role's password to get a new one.`,
    );
  }
  return role as PlanetScaleRoleWithPassword;
}
