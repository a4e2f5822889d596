// The agreed PlanetScale seed: organization `acme` with two Postgres databases and one MySQL one.
// Ids are derived from names so they are stable from run to run (private host names included).
import { createHash } from 'node:crypto';

export interface RegionSeed {
  slug: string;
  provider: 'AWS';
  displayName: string;
  location: string;
  /** The PrivateLink endpoint service PlanetScale offers in this region. */
  privateConnectionServiceName: string;
}

export interface BranchSeed {
  name: string;
  production: boolean;
  ready?: boolean;
  state?: string;
  parentBranch?: string;
  /** PlanetScale's `private_edge_connectivity`: private connections enabled (default true). */
  privateEdgeConnectivity?: boolean;
}

export interface DatabaseSeed {
  name: string;
  kind: 'postgresql' | 'mysql';
  region: string;
  branches: BranchSeed[];
}

export interface PlanetScaleSeed {
  organization: string;
  regions: RegionSeed[];
  databases: DatabaseSeed[];
}

export function defaultPlanetScaleSeed(): PlanetScaleSeed {
  return {
    organization: 'acme',
    regions: [
      {
        slug: 'us-east-1', provider: 'AWS', displayName: 'AWS us-east-1 (N. Virginia)', location: 'Ashburn, Virginia',
        privateConnectionServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001',
      },
      {
        slug: 'eu-west-1', provider: 'AWS', displayName: 'AWS eu-west-1 (Dublin)', location: 'Dublin, Ireland',
        privateConnectionServiceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0f1e2d3c4b5a60002',
      },
    ],
    databases: [
      {
        name: 'orders', kind: 'postgresql', region: 'us-east-1',
        branches: [
          { name: 'main', production: true },
          { name: 'dev', production: false, parentBranch: 'main' },
          // Private connections not enabled: the extension says so before any endpoint is made.
          { name: 'feature-x', production: false, parentBranch: 'dev', privateEdgeConnectivity: false },
        ],
      },
      { name: 'analytics', kind: 'postgresql', region: 'eu-west-1', branches: [{ name: 'main', production: true }] },
      { name: 'legacy', kind: 'mysql', region: 'us-east-1', branches: [{ name: 'main', production: true }] },
    ],
  };
}

/** A PlanetScale-style id (12 lowercase letters and digits), stable for the same inputs. */
export function stableId(...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('/')).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(digest.subarray(0, 12), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** The host name a branch is reached at through PrivateLink: one label under the wildcard. */
export function privateHostFor(branchId: string): string {
  return `${branchId}.private-pg.psdb.cloud`;
}

export function branchIdFor(organization: string, database: string, branch: string): string {
  return stableId(organization, database, branch);
}

/** Private host names of every Postgres branch in a seed (known before anything starts). */
export function privateHostsOfSeed(seed: PlanetScaleSeed): string[] {
  return seed.databases
    .filter((db) => db.kind === 'postgresql')
    .flatMap((db) => db.branches.map((branch) => privateHostFor(branchIdFor(seed.organization, db.name, branch.name))));
}

/** The public host of a region (a role's `access_host_url`): shared by the region's branches, the username picks the branch. */
export function publicHostFor(regionSlug: string): string {
  return `${regionSlug}.pg.psdb.cloud`;
}

/** Public host names of the regions that hold Postgres databases in a seed. */
export function publicHostsOfSeed(seed: PlanetScaleSeed): string[] {
  return [...new Set(seed.databases.filter((db) => db.kind === 'postgresql').map((db) => publicHostFor(db.region)))];
}
