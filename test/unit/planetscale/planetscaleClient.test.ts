import assert from 'node:assert/strict';
import { PlanetScaleApiError } from '../../../src/planetscale/apiErrors';
import { PlanetScaleClient } from '../../../src/planetscale/planetscaleClient';
import { parseRetryAfter } from '../../../src/planetscale/retryDelay';

// Input checks happen before any request, so a closed loopback port is never contacted.
const closed = 'http://127.0.0.1:9/v1';

describe('PlanetScaleClient input checks', () => {
  it('refuses a missing token with the fix', () => {
    assert.throws(() => new PlanetScaleClient({ baseUrl: closed, tokenId: 'id', token: ' ' }), (e: unknown) => {
      assert.ok(e instanceof PlanetScaleApiError);
      assert.equal(e.code, 'missing_token');
      assert.match(e.message, /PLANETSCALE_SERVICE_TOKEN/);
      return true;
    });
  });

  it('refuses a malformed API URL naming the setting', () => {
    assert.throws(() => new PlanetScaleClient({ baseUrl: 'api.planetscale.com', tokenId: 'id', token: 't' }), /planetscalePrivateLink\.planetscale\.apiUrl/);
  });

  it('validates createRole fields by name', async () => {
    const client = new PlanetScaleClient({ baseUrl: closed, tokenId: 'id', token: 'tok', maxRetries: 0 });
    await assert.rejects(client.createRole('acme', 'orders', 'dev', { inheritedRoles: [] }), /inheritedRoles/);
    await assert.rejects(client.createRole('acme', 'orders', 'dev', { inheritedRoles: ['postgres'], ttl: 1.5 }), /ttl/);
    await assert.rejects(client.createRole('acme', 'orders', 'dev', { inheritedRoles: ['postgres'], name: '  ' }), /name/);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter(null), null);
    assert.equal(parseRetryAfter('soon'), null);
  });
});

describe('PlanetScaleClient paths', () => {
  it('refuses a ".." branch before sending anything, so the token never reaches another path', async () => {
    const sent: string[] = [];
    const recordingFetch = (async (input: string | URL | Request) => {
      sent.push(String(input));
      return new Response('{"data":[],"next_page":null}', { status: 200 });
    }) as typeof fetch;
    const client = new PlanetScaleClient({ baseUrl: closed, tokenId: 'id', token: 'tok', fetch: recordingFetch, maxRetries: 0 });
    await assert.rejects(client.listRoles('acme', 'orders', '..'), /branch name "\.\."/);
    await assert.rejects(client.getBranchPrivateInfo('..', 'orders', 'main'), /organization name "\.\."/);
    assert.deepEqual(sent, []);
  });
});
