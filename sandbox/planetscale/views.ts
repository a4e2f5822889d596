// JSON shapes of the PlanetScale API (snake_case, as the public OpenAPI document names them).
import { Branch, Database, Role } from './store';
import { privateHostFor, publicHostFor, RegionSeed } from './seed';

export type Json = Record<string, unknown>;

export function organizationJson(org: { id: string; name: string; createdAt: string }, apiBase: string): Json {
  return {
    id: org.id,
    type: 'Organization',
    name: org.name,
    created_at: org.createdAt,
    updated_at: org.createdAt,
    plan: 'scaler_pro',
    valid_billing_info: true,
    sso: false,
    sso_directory: false,
    single_tenancy: false,
    managed_tenancy: false,
    has_past_due_invoices: false,
    url: `${apiBase}/organizations/${org.name}`,
    html_url: `https://app.planetscale.com/${org.name}`,
  };
}

export function regionJson(region: RegionSeed): Json {
  return {
    id: `region-${region.slug}`,
    type: 'Region',
    provider: region.provider,
    enabled: true,
    public_ip_addresses: [],
    display_name: region.displayName,
    location: region.location,
    slug: region.slug,
    current_default: false,
  };
}

export function databaseJson(org: string, db: Database, apiBase: string): Json {
  const url = `${apiBase}/organizations/${org}/databases/${db.name}`;
  return {
    id: db.id,
    type: 'Database',
    name: db.name,
    kind: db.kind,
    state: 'ready',
    ready: true,
    region: regionJson(db.region),
    branches_count: db.branches.length,
    production_branches_count: db.branches.filter((b) => b.production).length,
    development_branches_count: db.branches.filter((b) => !b.production).length,
    default_branch: db.branches.find((b) => b.production)?.name ?? db.branches[0]?.name ?? null,
    created_at: db.createdAt,
    updated_at: db.createdAt,
    url,
    branches_url: `${url}/branches`,
    html_url: `https://app.planetscale.com/${org}/${db.name}`,
  };
}

export function branchJson(org: string, db: Database, branch: Branch, apiBase: string): Json {
  return {
    id: branch.id,
    type: 'Branch',
    name: branch.name,
    kind: db.kind,
    production: branch.production,
    ready: branch.ready,
    state: branch.state,
    parent_branch: branch.parentBranch,
    private_edge_connectivity: branch.privateEdgeConnectivity,
    region: regionJson(db.region),
    created_at: branch.createdAt,
    updated_at: branch.createdAt,
    url: `${apiBase}/organizations/${org}/databases/${db.name}/branches/${branch.name}`,
    html_url: `https://app.planetscale.com/${org}/${db.name}/${branch.name}`,
  };
}

/** A role; `withPassword` only for the create and reset responses. */
export function roleJson(db: Database, branch: Branch, role: Role, now: Date, withPassword: boolean): Json {
  const expired = role.expiresAt !== null && new Date(role.expiresAt).getTime() <= now.getTime();
  return {
    id: role.id,
    name: role.name,
    access_host_url: publicHostFor(db.region.slug),
    private_access_host_url: privateHostFor(branch.id),
    private_connection_service_name: db.region.privateConnectionServiceName,
    username: role.username,
    base_username: role.baseUsername,
    password: withPassword ? role.password : null,
    database_name: 'postgres',
    created_at: role.createdAt,
    updated_at: role.createdAt,
    deleted_at: null,
    expires_at: role.expiresAt,
    dropped_at: null,
    disabled_at: null,
    drop_failed: null,
    expired,
    default: role.isDefault,
    ttl: role.ttl,
    inherited_roles: role.inheritedRoles,
    with_replication: false,
    branch: { id: branch.id, name: branch.name, created_at: branch.createdAt, updated_at: branch.createdAt, deleted_at: null },
    actor: { id: 'sandbox-actor', display_name: 'Sandbox service token', avatar_url: '' },
  };
}
