// The PlanetScale API calls this extension makes, as data: each knows its path, what it acts on
// (for error messages) and the service-token access it needs (so a 403 can name it).

import { PlanetScaleApiError } from './apiErrors';

export type ApiOperation =
  | { op: 'listOrganizations' }
  | { op: 'listDatabases'; org: string }
  | { op: 'listBranches'; org: string; db: string }
  | { op: 'listRoles'; org: string; db: string; branch: string }
  | { op: 'getRole'; org: string; db: string; branch: string; roleId: string }
  | { op: 'createRole'; org: string; db: string; branch: string }
  | { op: 'resetRolePassword'; org: string; db: string; branch: string; roleId: string }
  | { op: 'deleteRole'; org: string; db: string; branch: string; roleId: string }
  | { op: 'listIpRestrictions'; org: string; db: string }
  | { op: 'createIpRestriction'; org: string; db: string }
  | { op: 'deleteIpRestriction'; org: string; db: string; ruleId: string };

/** Path segments below the API base URL, unencoded; every name is checked by `nameSegment`. */
export function pathSegments(operation: ApiOperation): string[] {
  switch (operation.op) {
    case 'listOrganizations':
      return ['organizations'];
    case 'listDatabases':
      return ['organizations', nameSegment('organization name', operation.org), 'databases'];
    case 'listBranches':
      return ['organizations', nameSegment('organization name', operation.org), 'databases', nameSegment('database name', operation.db), 'branches'];
    case 'listRoles':
    case 'createRole':
      return branchSegments(operation).concat('roles');
    case 'getRole':
    case 'deleteRole':
      return branchSegments(operation).concat('roles', nameSegment('role id', operation.roleId));
    case 'resetRolePassword':
      return branchSegments(operation).concat('roles', nameSegment('role id', operation.roleId), 'reset');
    case 'listIpRestrictions':
    case 'createIpRestriction':
      return ['organizations', nameSegment('organization name', operation.org), 'databases', nameSegment('database name', operation.db), 'cidrs'];
    case 'deleteIpRestriction':
      return ['organizations', nameSegment('organization name', operation.org), 'databases', nameSegment('database name', operation.db), 'cidrs', nameSegment('rule id', operation.ruleId)];
  }
}

/** The segments of a branch's own path, for this module's operations and for other API modules. */
export function branchSegments(o: { org: string; db: string; branch: string }): string[] {
  return ['organizations', nameSegment('organization name', o.org), 'databases', nameSegment('database name', o.db), 'branches', nameSegment('branch name', o.branch)];
}

/**
 * A name from the API or the user as one path segment. Percent-encoding keeps `/`, `?` and `#`
 * inside the segment, but URL parsing still resolves `.` and `..`, and an empty segment leaves
 * `//` that servers may collapse: such names can never be sent, so refuse them.
 */
export function nameSegment(field: string, value: string): string {
  if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    throw new PlanetScaleApiError(
      'invalidRequest',
      0,
      'invalid_name',
      `The PlanetScale ${field} ${shown} cannot be used in an API path (empty, "." and ".." would point the request elsewhere). Choose it again from the PlanetScale view.`,
    );
  }
  return value;
}

export function httpMethod(operation: ApiOperation): 'GET' | 'POST' | 'DELETE' {
  if (operation.op === 'deleteRole' || operation.op === 'deleteIpRestriction') return 'DELETE';
  return operation.op === 'createRole' || operation.op === 'resetRolePassword' || operation.op === 'createIpRestriction' ? 'POST' : 'GET';
}

/**
 * Builds the request URL. Each segment is percent-encoded, so a name can never change the path;
 * the base URL keeps its own path (e.g. `/v1`) whether or not it ends with a slash.
 */
export function buildApiUrl(baseUrl: string, segments: string[], query: Record<string, string | number> = {}): URL {
  const url = new URL(baseUrl);
  const basePath = url.pathname.replace(/\/+$/, '');
  // Checked again here, so an operation added elsewhere cannot skip the check.
  url.pathname = basePath + '/' + segments.map((s) => encodeURIComponent(nameSegment('path segment', s))).join('/');
  url.search = '';
  for (const [key, value] of Object.entries(query)) {
    url.searchParams.set(key, String(value));
  }
  return url;
}

/**
 * The service-token access PlanetScale's API reference lists for the call. For roles on a
 * production branch PlanetScale wants the production variant; we do not know the branch kind
 * here, so the message names both.
 */
export function requiredAccess(operation: ApiOperation): string {
  switch (operation.op) {
    case 'listOrganizations':
      return 'read_organization';
    case 'listDatabases':
      return 'read_database';
    case 'listBranches':
    case 'listRoles':
    case 'getRole':
      return 'read_branch';
    case 'createRole':
    case 'resetRolePassword':
      return 'create_branch_password (create_production_branch_password on a production branch)';
    case 'deleteRole':
      return 'delete_branch_password (delete_production_branch_password on a production branch)';
    case 'listIpRestrictions':
      return 'read_database';
    case 'createIpRestriction':
    case 'deleteIpRestriction':
      return 'write_database';
  }
}

/** Plain-language name of what the call acts on, e.g. "branch `dev` of database `orders` in organization `acme`". */
export function describeTarget(operation: ApiOperation): string {
  switch (operation.op) {
    case 'listOrganizations':
      return 'the organizations list';
    case 'listDatabases':
      return `organization \`${operation.org}\``;
    case 'listBranches':
      return `database \`${operation.db}\` in organization \`${operation.org}\``;
    case 'listRoles':
    case 'createRole':
      return `branch \`${operation.branch}\` of database \`${operation.db}\` in organization \`${operation.org}\``;
    case 'getRole':
    case 'resetRolePassword':
    case 'deleteRole':
      return `role \`${operation.roleId}\` of branch \`${operation.branch}\` of database \`${operation.db}\` in organization \`${operation.org}\``;
    case 'listIpRestrictions':
    case 'createIpRestriction':
      return `the IP restrictions of database \`${operation.db}\` in organization \`${operation.org}\``;
    case 'deleteIpRestriction':
      return `IP restriction \`${operation.ruleId}\` of database \`${operation.db}\` in organization \`${operation.org}\``;
  }
}
