// The PlanetScale API calls this extension makes, as data: each knows its path, what it acts on
// (for error messages) and the service-token access it needs (so a 403 can name it).

export type ApiOperation =
  | { op: 'listOrganizations' }
  | { op: 'listDatabases'; org: string }
  | { op: 'listBranches'; org: string; db: string }
  | { op: 'listRoles'; org: string; db: string; branch: string }
  | { op: 'getRole'; org: string; db: string; branch: string; roleId: string }
  | { op: 'createRole'; org: string; db: string; branch: string }
  | { op: 'resetRolePassword'; org: string; db: string; branch: string; roleId: string }
  | { op: 'deleteRole'; org: string; db: string; branch: string; roleId: string };

/** Path segments below the API base URL, unencoded. */
export function pathSegments(operation: ApiOperation): string[] {
  switch (operation.op) {
    case 'listOrganizations':
      return ['organizations'];
    case 'listDatabases':
      return ['organizations', operation.org, 'databases'];
    case 'listBranches':
      return ['organizations', operation.org, 'databases', operation.db, 'branches'];
    case 'listRoles':
    case 'createRole':
      return branchSegments(operation).concat('roles');
    case 'getRole':
    case 'deleteRole':
      return branchSegments(operation).concat('roles', operation.roleId);
    case 'resetRolePassword':
      return branchSegments(operation).concat('roles', operation.roleId, 'reset');
  }
}

function branchSegments(o: { org: string; db: string; branch: string }): string[] {
  return ['organizations', o.org, 'databases', o.db, 'branches', o.branch];
}

export function httpMethod(operation: ApiOperation): 'GET' | 'POST' | 'DELETE' {
  if (operation.op === 'deleteRole') return 'DELETE';
  return operation.op === 'createRole' || operation.op === 'resetRolePassword' ? 'POST' : 'GET';
}

/**
 * Builds the request URL. Each segment is percent-encoded, so a name can never change the path;
 * the base URL keeps its own path (e.g. `/v1`) whether or not it ends with a slash.
 */
export function buildApiUrl(baseUrl: string, segments: string[], query: Record<string, string | number> = {}): URL {
  const url = new URL(baseUrl);
  const basePath = url.pathname.replace(/\/+$/, '');
  url.pathname = basePath + '/' + segments.map((s) => encodeURIComponent(s)).join('/');
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
  }
}
