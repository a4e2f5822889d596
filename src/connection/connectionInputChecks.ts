// Checks of what formatConnection is given, each failure naming the field and the fix.
import type { ConnectionTarget, EnvVariable, VariableRole } from './connectionFormats';
import { DIRECT_PORT, POOLED_PORT } from './connectionPorts';
import { InputError } from '../errors/userFacingError';

export class FormatInputError extends InputError {
  constructor(field: string, message: string) {
    super(field, message);
    this.name = 'FormatInputError';
  }
}

const HOST_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const DATABASE_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
export const ENV_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function validateTarget(t: ConnectionTarget): void {
  if (!t.host || !HOST_PATTERN.test(t.host)) {
    throw new FormatInputError('host', `The host "${t.host ?? ''}" is not a DNS name: use the branch's Private Host, e.g. abc123.private-pg.psdb.cloud (no scheme, port or path).`);
  }
  if (!t.user) throw new FormatInputError('user', 'The user name is empty: pick a role of the branch.');
  if (!t.password) throw new FormatInputError('password', 'The password is empty: enter the role\'s password or create a new role.');
  if (/[\r\n\0]/.test(t.user) || /[\r\n\0]/.test(t.password)) {
    throw new FormatInputError(/[\r\n\0]/.test(t.user) ? 'user' : 'password', 'Line breaks and NUL characters cannot be written to .env: check what was pasted.');
  }
  if (!DATABASE_PATTERN.test(t.database ?? '')) {
    throw new FormatInputError('database', `The database name "${t.database ?? ''}" may contain only letters, digits, _ . and - (PlanetScale's is "postgres").`);
  }
  if (t.port !== DIRECT_PORT && t.port !== POOLED_PORT && t.port !== 'both') {
    throw new FormatInputError('port', `The port must be ${DIRECT_PORT} (direct), ${POOLED_PORT} (PSBouncer) or both.`);
  }
  if (t.sslmode !== undefined && !['verify-full', 'verify-ca', 'require'].includes(t.sslmode)) {
    throw new FormatInputError('sslmode', `sslmode "${String(t.sslmode)}" is not offered: PlanetScale needs TLS; use verify-full (or, explicitly, verify-ca or require).`);
  }
  if (t.caFile !== undefined) {
    if (!t.caFile.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(t.caFile)) {
      throw new FormatInputError('caFile', `The CA file "${t.caFile}" must be an absolute path: the application may run from another folder.`);
    }
    if (/[\r\n\0]/.test(t.caFile)) throw new FormatInputError('caFile', 'The CA file path contains a line break.');
  }
}

export function resolveNames(defaults: Record<VariableRole, string>, custom: Partial<Record<VariableRole, string>> | undefined): Record<VariableRole, string> {
  const names = { ...defaults };
  for (const [role, name] of Object.entries(custom ?? {}) as Array<[VariableRole, string | undefined]>) {
    if (name === undefined || name === '') continue;
    if (!ENV_KEY_PATTERN.test(name)) {
      throw new FormatInputError(`names.${role}`, `"${name}" is not a valid variable name: use letters, digits and _, not starting with a digit.`);
    }
    names[role] = name;
  }
  return names;
}

export function assertDistinctKeys(variables: EnvVariable[]): void {
  const seen = new Set<string>();
  for (const v of variables) {
    if (seen.has(v.key)) throw new FormatInputError(`names.${v.role}`, `The variable name ${v.key} is used twice: give each variable its own name.`);
    seen.add(v.key);
  }
}
