// The PlanetScale stand-in's state: organization, databases, branches and roles, with roles that
// are real Postgres logins (through the provisioner). Passwords are kept only for the sandbox's
// own tests; the API shows them once, in the create/reset response.
import { randomBytes } from 'node:crypto';
import { BranchSeed, branchIdFor, DatabaseSeed, PlanetScaleSeed, privateHostFor, RegionSeed, stableId } from './seed';

export interface RoleProvisioner {
  createLoginRole(spec: { username: string; password: string; inheritedRoles: string[]; validUntil?: Date }): Promise<void>;
  setPassword(username: string, password: string): Promise<void>;
  dropRole(username: string): Promise<void>;
}

export const INHERITABLE_ROLES = [
  'pscale_managed', 'pg_checkpoint', 'pg_create_subscription', 'pg_maintain', 'pg_monitor', 'pg_read_all_data',
  'pg_read_all_settings', 'pg_read_all_stats', 'pg_signal_backend', 'pg_stat_scan_tables',
  'pg_use_reserved_connections', 'pg_write_all_data', 'postgres',
] as const;

export interface Branch {
  id: string;
  name: string;
  production: boolean;
  ready: boolean;
  state: string;
  parentBranch: string | null;
  createdAt: string;
  roles: Role[];
}

export interface Database {
  id: string;
  name: string;
  kind: 'postgresql' | 'mysql';
  region: RegionSeed;
  createdAt: string;
  branches: Branch[];
}

export interface Role {
  id: string;
  name: string;
  username: string;
  baseUsername: string;
  isDefault: boolean;
  inheritedRoles: string[];
  ttl: number | null;
  createdAt: string;
  expiresAt: string | null;
  /** Known to the sandbox only (seeded roles' passwords are handed to in-process tests). */
  password: string;
}

export interface SeededRole {
  organization: string;
  database: string;
  branch: string;
  branchId: string;
  roleId: string;
  username: string;
  password: string;
  privateHost: string;
  privateServiceName: string;
}

export class PlanetScaleStore {
  readonly organization: { id: string; name: string; createdAt: string };
  readonly databases: Database[];

  constructor(seed: PlanetScaleSeed, private readonly provisioner: RoleProvisioner, private readonly now: () => Date = () => new Date()) {
    const createdAt = '2025-01-15T10:00:00.000Z';
    this.organization = { id: stableId(seed.organization), name: seed.organization, createdAt };
    this.databases = seed.databases.map((db) => buildDatabase(seed, db, createdAt));
  }

  database(name: string): Database | undefined {
    return this.databases.find((db) => db.name === name);
  }

  /** Creates each Postgres branch's default `postgres` role, as PlanetScale does with a branch. */
  async seedDefaultRoles(): Promise<void> {
    for (const db of this.databases.filter((d) => d.kind === 'postgresql')) {
      for (const branch of db.branches) {
        if (branch.roles.some((role) => role.isDefault)) continue;
        await this.createRole(branch, { name: 'postgres', inheritedRoles: ['postgres'], isDefault: true });
      }
    }
  }

  async createRole(branch: Branch, input: { name?: string; ttl?: number; inheritedRoles: string[]; isDefault?: boolean }): Promise<Role> {
    const id = newId();
    const created = this.now();
    const baseUsername = input.isDefault ? 'postgres' : `pscale_api_${id}`;
    const role: Role = {
      id,
      name: input.name ?? `role-${id.slice(0, 6)}`,
      username: `${baseUsername}.${branch.id}`,
      baseUsername,
      isDefault: input.isDefault ?? false,
      inheritedRoles: input.inheritedRoles,
      ttl: input.ttl ?? null,
      createdAt: created.toISOString(),
      expiresAt: input.ttl ? new Date(created.getTime() + input.ttl * 1000).toISOString() : null,
      password: newPassword(),
    };
    await this.provisioner.createLoginRole({
      username: role.username, password: role.password, inheritedRoles: role.inheritedRoles,
      validUntil: role.expiresAt ? new Date(role.expiresAt) : undefined,
    });
    branch.roles.push(role);
    return role;
  }

  /** Removes the role from the branch and its login from Postgres, as PlanetScale's delete does. */
  async deleteRole(branch: Branch, role: Role): Promise<void> {
    await this.provisioner.dropRole(role.username);
    branch.roles = branch.roles.filter((r) => r !== role);
  }

  async resetPassword(role: Role): Promise<Role> {
    const password = newPassword();
    await this.provisioner.setPassword(role.username, password);
    role.password = password;
    return role;
  }

  seededRoles(): SeededRole[] {
    return this.databases.flatMap((db) => db.branches.flatMap((branch) => branch.roles.filter((r) => r.isDefault).map((role) => ({
      organization: this.organization.name,
      database: db.name,
      branch: branch.name,
      branchId: branch.id,
      roleId: role.id,
      username: role.username,
      password: role.password,
      privateHost: privateHostFor(branch.id),
      privateServiceName: db.region.privateConnectionServiceName,
    }))));
  }

  /** The Private Service Name of the region whose edge serves `host` (a branch's private host). */
  serviceNameForHost(host: string): string | undefined {
    const name = host.trim().toLowerCase().replace(/\.$/, '');
    const db = this.databases.find((d) => d.kind === 'postgresql' && d.branches.some((b) => privateHostFor(b.id) === name));
    return db?.region.privateConnectionServiceName;
  }

  /** Every private host name of every Postgres branch (for the server certificate). */
  privateHosts(): string[] {
    return this.databases.filter((db) => db.kind === 'postgresql').flatMap((db) => db.branches.map((b) => privateHostFor(b.id)));
  }
}

function buildDatabase(seed: PlanetScaleSeed, db: DatabaseSeed, createdAt: string): Database {
  const region = seed.regions.find((r) => r.slug === db.region);
  if (!region) throw new Error(`PlanetScale seed: database "${db.name}" names region "${db.region}", which the seed's regions do not list.`);
  return {
    id: stableId(seed.organization, db.name),
    name: db.name,
    kind: db.kind,
    region,
    createdAt,
    branches: db.branches.map((branch) => buildBranch(seed.organization, db.name, branch, createdAt)),
  };
}

function buildBranch(org: string, database: string, branch: BranchSeed, createdAt: string): Branch {
  return {
    id: branchIdFor(org, database, branch.name),
    name: branch.name,
    production: branch.production,
    ready: branch.ready ?? true,
    state: branch.state ?? 'ready',
    parentBranch: branch.parentBranch ?? null,
    createdAt,
    roles: [],
  };
}

function newId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(12), (byte) => alphabet[byte % alphabet.length]).join('');
}

function newPassword(): string {
  return `pscale_pw_${randomBytes(32).toString('base64url')}`;
}
