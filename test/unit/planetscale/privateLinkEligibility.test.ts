import assert from 'node:assert/strict';
import { isPrivateLinkEligible, privateConnectionsDisabledReason, privateLinkIneligibleReason } from '../../../src/planetscale/privateLinkEligibility';

describe('isPrivateLinkEligible', () => {
  it('accepts Postgres on AWS, whatever the provider case', () => {
    assert.equal(isPrivateLinkEligible({ kind: 'postgresql', region: { slug: 'us-east', provider: 'AWS' } }), true);
    assert.equal(isPrivateLinkEligible({ kind: 'postgresql', region: { slug: 'us-east', provider: 'aws' } }), true);
  });

  it('rejects MySQL with a reason for the tree', () => {
    assert.equal(isPrivateLinkEligible({ kind: 'mysql', region: { slug: 'us-east', provider: 'AWS' } }), false);
    assert.match(privateLinkIneligibleReason({ kind: 'mysql', region: { slug: 'us-east', provider: 'AWS' } }) ?? '', /Postgres only/);
  });

  it('rejects Postgres on another cloud', () => {
    assert.equal(isPrivateLinkEligible({ kind: 'postgresql', region: { slug: 'gcp-us-central1', provider: 'GCP' } }), false);
    assert.match(privateLinkIneligibleReason({ kind: 'postgresql', region: { slug: 'x', provider: 'GCP' } }) ?? '', /GCP/);
  });
});

describe('privateConnectionsDisabledReason', () => {
  it('names the branch and the fix when private_edge_connectivity is false', () => {
    assert.match(privateConnectionsDisabledReason({ name: 'feature-x', private_edge_connectivity: false }) ?? '', /not enabled for branch feature-x; enable them in PlanetScale/);
  });

  it('says nothing when enabled, or when PlanetScale did not send the field', () => {
    assert.equal(privateConnectionsDisabledReason({ name: 'main', private_edge_connectivity: true }), undefined);
    assert.equal(privateConnectionsDisabledReason({ name: 'main' }), undefined);
  });
});
