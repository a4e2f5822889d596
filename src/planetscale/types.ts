// Shapes of the PlanetScale API objects this extension reads. Field names stay as the API spells
// them (snake_case) so they can be checked against PlanetScale's OpenAPI document one to one.
// Only the fields the extension uses are declared; the API sends more.

export interface PlanetScaleOrganization {
  id: string;
  name: string;
}

export interface PlanetScaleRegion {
  /** e.g. `us-east` or `aws-us-east-1`: PlanetScale's own slug, not always the AWS region name. */
  slug: string;
  /** e.g. `AWS` or `GCP`. */
  provider: string;
  display_name?: string;
  location?: string;
  id?: string;
}

export type PlanetScaleDatabaseKind = 'postgresql' | 'mysql';

export interface PlanetScaleDatabase {
  id: string;
  name: string;
  kind: PlanetScaleDatabaseKind;
  state: string;
  region: PlanetScaleRegion;
  url?: string;
}

export interface PlanetScaleBranch {
  id: string;
  name: string;
  production: boolean;
  ready: boolean;
  state: string;
  region?: PlanetScaleRegion;
  /** "True if private connections are enabled" for the branch (absent from older answers). */
  private_edge_connectivity?: boolean;
}

export interface PlanetScaleRole {
  id: string;
  name: string;
  /** The branch's public host. */
  access_host_url: string;
  /** The "Private Host": resolves to the VPC endpoint's IPs inside the VPC. */
  private_access_host_url: string | null;
  /** The "Private Service Name": `com.amazonaws.vpce.<region>.vpce-svc-<id>`. */
  private_connection_service_name: string | null;
  username: string;
  /** Present only in the answer to create/reset; null afterwards. */
  password: string | null;
  database_name: string;
  expired: boolean;
  expires_at: string | null;
  ttl: number | null;
  disabled_at: string | null;
  deleted_at: string | null;
  default: boolean;
  inherited_roles: string[];
  created_at?: string;
}

/** A role as returned by create or reset: the only moment its password is known. */
export interface PlanetScaleRoleWithPassword extends PlanetScaleRole {
  password: string;
}

export interface CreateRoleInput {
  name?: string;
  /** Seconds until the credentials expire; omitted = no expiry. */
  ttl?: number;
  /** e.g. `['pg_read_all_data', 'pg_write_all_data']` or `['postgres']`. */
  inheritedRoles: string[];
}

/** What PrivateLink needs from a branch; the same for every role of the branch. */
export interface BranchPrivateInfo {
  privateHost: string;
  serviceName: string;
}

/** The list envelope every PlanetScale list endpoint answers with. */
export interface PlanetScaleListPage<T> {
  type?: 'list';
  current_page?: number;
  next_page: number | null;
  next_page_url?: string | null;
  prev_page?: number | null;
  data: T[];
}
