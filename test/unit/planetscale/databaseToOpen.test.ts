import assert from 'node:assert/strict';
import { awsRegionOfSlug, databaseToOpen } from '../../../src/planetscale/databaseToOpen';
import type { PlanetScaleDatabase } from '../../../src/planetscale/types';

type Db = Pick<PlanetScaleDatabase, 'name' | 'kind' | 'region'>;
const db = (name: string, slug: string, kind: Db['kind'] = 'postgresql', provider = 'AWS'): Db => ({ name, kind, region: { slug, provider } });

describe('databaseToOpen: the database the PlanetScale tree shows expanded', () => {
  it('reads the AWS region from a region slug when it names one', () => {
    assert.equal(awsRegionOfSlug('us-east-1'), 'us-east-1');
    assert.equal(awsRegionOfSlug('aws-eu-west-1'), 'eu-west-1');
    assert.equal(awsRegionOfSlug('us-gov-west-1'), 'us-gov-west-1');
    assert.equal(awsRegionOfSlug('us-east'), undefined);
    assert.equal(awsRegionOfSlug('gcp-us-central1'), undefined);
  });

  it("opens the organization's only database that can use PrivateLink, whatever the AWS regions", () => {
    assert.equal(databaseToOpen([db('orders', 'us-east-1')]), 'orders');
    assert.equal(databaseToOpen([db('legacy', 'us-east-1', 'mysql'), db('orders', 'eu-west-1'), db('gcp', 'gcp-us-central1', 'postgresql', 'GCP')], ['us-east-1']), 'orders');
  });

  it('opens the only Postgres-on-AWS database in the loaded AWS regions (the sandbox: orders in us-east-1, analytics in eu-west-1)', () => {
    const sandbox = [db('analytics', 'eu-west-1'), db('legacy', 'us-east-1', 'mysql'), db('orders', 'us-east-1')];
    assert.equal(databaseToOpen(sandbox, ['us-east-1']), 'orders');
    assert.equal(databaseToOpen(sandbox, ['eu-west-1']), 'analytics');
  });

  it('leaves every database collapsed when the choice is open', () => {
    const sandbox = [db('analytics', 'eu-west-1'), db('orders', 'us-east-1')];
    assert.equal(databaseToOpen(sandbox), undefined, 'the AWS regions are not known yet');
    assert.equal(databaseToOpen(sandbox, []), undefined);
    assert.equal(databaseToOpen(sandbox, ['us-east-1', 'eu-west-1']), undefined, 'both are in a loaded region');
    assert.equal(databaseToOpen(sandbox, ['ap-south-1']), undefined, 'neither is');
    assert.equal(databaseToOpen([db('orders', 'us-east-1'), db('old', 'us-east')], ['us-east-1']), undefined, 'a slug without a region code might be in us-east-1');
    assert.equal(databaseToOpen([db('legacy', 'us-east-1', 'mysql')], ['us-east-1']), undefined, 'no database can use PrivateLink');
    assert.equal(databaseToOpen([]), undefined);
  });
});
