// The record of private paths this workspace has proven: written once per successful private
// verification (DNS → TCP → TLS → login → query through the Private Host), read by the
// PlanetScale tree (the "public access still open" warning), by Restrict to Private Connections
// (its precondition) and by other features that want to know what was proven. Stored in
// workspace state; holds no secret.
import { PHASE_TITLES, type PhaseName } from '../connection/verifyTypes';
import type { WorkspaceStore } from './workspaceStore';

export interface VerifiedPrivatePath {
  organization: string;
  database: string;
  branch: string;
  /** The Private Host that was resolved and connected to. */
  privateHost: string;
  /** ISO time of the successful verification. */
  verifiedAt: string;
  /** Where the check ran: this machine, through which resolver, to which address. */
  from: { vantage: 'thisMachine'; dnsServer?: string; connectedTo: string[] };
  /** Phases that passed, e.g. ['dns', 'tcp', 'tls', 'auth', 'query'], and the ports. */
  proven: { phases: string[]; ports: number[] };
}

/** Every recorded path, newest first. */
export function verifiedPrivatePaths(store: WorkspaceStore): VerifiedPrivatePath[] {
  const list = store.get('verifiedPrivatePaths') ?? [];
  return [...list].sort((a, b) => b.verifiedAt.localeCompare(a.verifiedAt));
}

/** The newest proven path to any branch of the database (IP rules are database-wide). */
export function latestVerifiedPrivatePath(store: WorkspaceStore, organization: string, database: string): VerifiedPrivatePath | undefined {
  return verifiedPrivatePaths(store).find((p) => p.organization === organization && p.database === database);
}

/** Keeps one record per branch: the newest. */
export async function recordVerifiedPrivatePath(store: WorkspaceStore, path: VerifiedPrivatePath): Promise<void> {
  const others = (store.get('verifiedPrivatePaths') ?? [])
    .filter((p) => !(p.organization === path.organization && p.database === path.database && p.branch === path.branch));
  await store.set('verifiedPrivatePaths', [...others, path]);
}

/** One line for a confirmation or tooltip: "branch main, 2026-12-04 01:40 UTC, from this machine (127.10.1.10:6432)". */
export function describeVerifiedPath(path: VerifiedPrivatePath): string {
  const when = path.verifiedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const via = path.from.connectedTo.length ? ` (${path.from.connectedTo.join(', ')})` : '';
  const phases = path.proven.phases.map((p) => PHASE_TITLES[p as PhaseName] ?? p);
  return `branch ${path.branch} through ${path.privateHost}, ${when}, from this machine${via}: ${phases.join(' → ')} passed`;
}
