// Which PlanetScale databases this PrivateLink flow applies to. Pure, so trees and forms in the
// main bundle can grey out the others with a reason instead of hiding them.

import type { PlanetScaleDatabase } from './types';

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
