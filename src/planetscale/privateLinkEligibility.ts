// Which PlanetScale databases this PrivateLink flow applies to. Pure, so trees and forms in the
// main bundle can grey out the others with a reason instead of hiding them.

import type { PlanetScaleBranch, PlanetScaleDatabase } from './types';

/** PrivateLink to PlanetScale is for Postgres databases hosted on AWS. */
export function isPrivateLinkEligible(db: Pick<PlanetScaleDatabase, 'kind' | 'region'>): boolean {
  return privateLinkIneligibleReason(db) === undefined;
}

/** Why a database cannot use this flow, in words for a tree item; undefined when it can. */
export function privateLinkIneligibleReason(db: Pick<PlanetScaleDatabase, 'kind' | 'region'>): string | undefined {
  if (db.kind !== 'postgresql') {
    return db.kind === 'mysql' ? 'PrivateLink for Postgres only (this is a MySQL database)' : 'PrivateLink for Postgres only';
  }
  const provider = db.region?.provider?.trim();
  if (!provider || provider.toLowerCase() !== 'aws') {
    return `AWS PrivateLink needs a database hosted on AWS (this one is on ${provider || 'an unknown provider'})`;
  }
  return undefined;
}

/**
 * Why a branch cannot take private connections yet (its `private_edge_connectivity` is false), said
 * before the user creates an endpoint for it; undefined when enabled or when PlanetScale did not say.
 */
export function privateConnectionsDisabledReason(branch: Pick<PlanetScaleBranch, 'name' | 'private_edge_connectivity'>): string | undefined {
  if (branch.private_edge_connectivity !== false) return undefined;
  return `Private connections are not enabled for branch ${branch.name}; enable them in PlanetScale (see its AWS PrivateLink guide) before an endpoint can reach it.`;
}
