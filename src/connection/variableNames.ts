// Which variable names of a client's format the user may choose, and the check of a chosen name.
// Only the connection URLs are renamable: libpq (PGHOST, PGUSER, ...) reads fixed names, and a
// renamed one would simply never be read.
import type { ClientKind, VariableRole } from './connectionFormats';
import type { PortChoice } from './connectionPorts';
import { ENV_KEY_PATTERN } from './connectionInputChecks';

export interface RenamableVariable {
  role: Extract<VariableRole, 'url' | 'directUrl'>;
  defaultName: string;
  /** What the variable holds, for the prompt and for messages that name the field. */
  purpose: string;
}

/** The variables of `kind`'s format whose names the user may choose, in the order they are written. */
export function renamableVariables(kind: ClientKind, port: PortChoice): RenamableVariable[] {
  if (kind === 'libpq-env') return [];
  if (port !== 'both') return [{ role: 'url', defaultName: 'DATABASE_URL', purpose: `the connection URL (port ${port})` }];
  return [
    { role: 'url', defaultName: 'DATABASE_URL', purpose: 'the pooled connection URL (PSBouncer, 6432)' },
    { role: 'directUrl', defaultName: 'DIRECT_URL', purpose: 'the direct connection URL (5432, for migrations)' },
  ];
}

/** Undefined when `name` is a usable variable name; otherwise a message naming the field and the fix. */
export function checkVariableName(variable: RenamableVariable, name: string, taken: readonly string[] = []): string | undefined {
  const field = `The name of ${variable.purpose}`;
  if (!name) return `${field} is empty: type a name such as ${variable.defaultName}.`;
  if (!ENV_KEY_PATTERN.test(name)) {
    return `${field}, "${name}", is not a valid variable name: use letters, digits and _, not starting with a digit (e.g. ${variable.defaultName}).`;
  }
  if (taken.includes(name)) return `${field}, ${name}, is already used for another variable: give each variable its own name.`;
  return undefined;
}
