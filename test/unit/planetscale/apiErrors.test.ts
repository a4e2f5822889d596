import assert from 'node:assert/strict';
import { errorFromNetworkFailure, errorFromResponse, redact, safeOrigin } from '../../../src/planetscale/apiErrors';
import type { ApiOperation } from '../../../src/planetscale/apiOperations';

const TOKEN = 'pscale_tkn_0123456789abcdef';
const TOKEN_ID = 'tokenid42';
const secrets = [TOKEN, TOKEN_ID];
const branches: ApiOperation = { op: 'listBranches', org: 'acme', db: 'orders' };

describe('PlanetScale API error mapping', () => {
  it('401 says to re-enter the service token', () => {
    const e = errorFromResponse(branches, { status: 401, body: { code: 'unauthorized', message: 'bad' }, attempts: 1 }, secrets);
    assert.equal(e.kind, 'unauthorized');
    assert.equal(e.status, 401);
    assert.equal(e.code, 'unauthorized');
    assert.match(e.message, /Re-enter the PlanetScale service token/);
  });

  it('403 names the missing access for the path', () => {
    const e = errorFromResponse(branches, { status: 403, body: { code: 'forbidden' }, attempts: 1 }, secrets);
    assert.equal(e.kind, 'forbidden');
    assert.equal(e.access, 'read_branch');
    assert.match(e.message, /read_branch/);
    assert.match(e.message, /database `orders` in organization `acme`/);
  });

  it('404 names the target and the "cannot see it" case', () => {
    const e = errorFromResponse({ op: 'listRoles', org: 'acme', db: 'orders', branch: 'nope' }, { status: 404, body: undefined, attempts: 1 }, secrets);
    assert.equal(e.kind, 'notFound');
    assert.equal(e.code, 'http_404');
    assert.match(e.message, /branch `nope` of database `orders`/);
    assert.match(e.message, /no access/);
  });

  it('429 and 5xx report the attempts made', () => {
    const limited = errorFromResponse(branches, { status: 429, body: {}, attempts: 4 }, secrets);
    assert.equal(limited.kind, 'rateLimited');
    assert.match(limited.message, /4 attempts/);
    const server = errorFromResponse(branches, { status: 503, body: {}, attempts: 4 }, secrets);
    assert.equal(server.kind, 'server');
    assert.equal(server.status, 503);
  });

  it('other 4xx carry the server message with secrets removed', () => {
    const e = errorFromResponse(
      { op: 'createRole', org: 'acme', db: 'orders', branch: 'dev' },
      { status: 422, body: { code: 'unprocessable', message: `name taken (auth ${TOKEN_ID}:${TOKEN})` }, attempts: 1 },
      secrets,
    );
    assert.equal(e.kind, 'invalidRequest');
    assert.match(e.message, /name taken/);
    assert.ok(!e.message.includes(TOKEN));
    assert.ok(!e.message.includes(TOKEN_ID));
  });

  it('network failures name the cause code and the setting, never the URL credentials', () => {
    const cause = new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    const e = errorFromNetworkFailure('http://user:secretpw@127.0.0.1:9/v1?x=1', cause, 4, false);
    assert.equal(e.kind, 'network');
    assert.equal(e.status, 0);
    assert.match(e.message, /ECONNREFUSED/);
    assert.match(e.message, /planetscalePrivateLink\.planetscale\.apiUrl/);
    assert.ok(!e.message.includes('secretpw'));
    assert.equal(errorFromNetworkFailure('http://127.0.0.1:9', undefined, 1, true).code, 'timeout');
  });

  it('redacts every occurrence and ignores empty secrets', () => {
    assert.equal(redact('a abcd b abcd', ['abcd', '']), 'a [redacted] b [redacted]');
    assert.equal(safeOrigin('not a url'), 'the configured URL');
  });
});
