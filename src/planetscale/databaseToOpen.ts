// Which database of an organization the PlanetScale tree opens by itself: the one the user is
// almost certainly here for, so its branches (and their Create/Write buttons) show without a click.
// Pure: the tree passes the organization's databases and the AWS regions the AWS explorer loaded.
import { isAwsRegion } from '../aws/awsNames';
import { isPrivateLinkEligible } from './privateLinkEligibility';
import type { PlanetScaleDatabase } from './types';

/**
 * The AWS region of a PlanetScale region slug when the slug names one (`us-east-1`,
 * `aws-us-east-1`); undefined for slugs that do not (PlanetScale's older `us-east`).
 */
export function awsRegionOfSlug(slug: string): string | undefined {
  const region = slug.trim().toLowerCase().replace(/^aws-/, '');
  return isAwsRegion(region) ? region : undefined;
}

/**
 * The name of the database to show expanded, or undefined to leave every database collapsed.
 * A database opens when it is the only one that can use PrivateLink (Postgres on AWS), or else
 * the only such database in the AWS regions the user works in (`awsRegions`, when known). A
 * database whose slug names no AWS region might be in any of them, so it keeps the choice open.
 */
export function databaseToOpen(databases: readonly Pick<PlanetScaleDatabase, 'name' | 'kind' | 'region'>[], awsRegions?: readonly string[]): string | undefined {
  const eligible = databases.filter(isPrivateLinkEligible);
  if (eligible.length === 1) return eligible[0].name;
  if (!eligible.length || !awsRegions?.length) return undefined;
  const near = eligible.filter((db) => {
    const region = awsRegionOfSlug(db.region.slug);
    return region === undefined || awsRegions.includes(region);
  });
  return near.length === 1 ? near[0].name : undefined;
}
