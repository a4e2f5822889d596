import assert from 'node:assert/strict';
import type { SecurityGroupRule, SecurityGroupSummary } from '../../../src/aws/types';
import { guessClientGroup, loginUserFor } from '../../../src/diagnose/inputGuesses';

const rule = (fromPort: number, toPort: number, referencedGroupIds: string[] = [], cidrs: string[] = []): SecurityGroupRule => ({
  protocol: 'tcp', fromPort, toPort, cidrs, ipv6Cidrs: [], prefixListIds: [], referencedGroupIds,
});
const group = (id: string, name: string, ingress: SecurityGroupRule[] = [], tags: Record<string, string> = {}): SecurityGroupSummary => ({ id, name, tags, ingress, egress: [] });

describe('inputGuesses', () => {
  const app = group('sg-app', 'app-servers');
  const other = group('sg-other', 'workers');
  const dflt = group('sg-def', 'default');

  it('takes the group the endpoint\'s inbound 5432/6432 rules name, even among several candidates', () => {
    const endpoint = group('sg-ep', 'PScalePrivateLinkEndpointSG', [rule(5432, 5432, ['sg-app']), rule(6432, 6432, ['sg-app']), rule(443, 443, ['sg-other'])]);
    assert.deepEqual(guessClientGroup([dflt, app, other, endpoint], ['sg-ep']), { group: { id: 'sg-app', name: 'app-servers' }, why: 'rule' });
  });

  it('two groups named by the rules: not determinable', () => {
    const endpoint = group('sg-ep', 'ep', [rule(5432, 6432, ['sg-app', 'sg-other'])]);
    assert.equal(guessClientGroup([app, other, endpoint], ['sg-ep']), undefined);
  });

  it('no group rule: the VPC\'s only candidate (not default, not an endpoint group the extension made)', () => {
    const endpoint = group('sg-ep', 'ep', [rule(5432, 6432, [], ['10.0.0.0/16'])]);
    const otherEndpoint = group('sg-ep2', 'ep2', [], { 'planetscale-privatelink:created-by': 'vscode-extension' });
    assert.deepEqual(guessClientGroup([dflt, app, endpoint, otherEndpoint], ['sg-ep']), { group: { id: 'sg-app', name: 'app-servers' }, why: 'only' });
    assert.equal(guessClientGroup([dflt, app, other, endpoint], ['sg-ep']), undefined);
  });

  it('reads the login user of a URL or of PGHOST/PGUSER for the Private Host only', () => {
    const host = 'abc.private-pg.psdb.cloud';
    assert.equal(loginUserFor({ DATABASE_URL: `postgresql://pscale_api_x%2By:secret@${host}:6432/postgres?sslmode=verify-full` }, host), 'pscale_api_x+y');
    assert.equal(loginUserFor({ DATABASE_URL: 'postgresql://someone:secret@other.example.com:5432/db' }, host), undefined);
    assert.equal(loginUserFor({ PGHOST: host, PGUSER: 'role_1', PGPASSWORD: 'secret' }, host), 'role_1');
    assert.equal(loginUserFor({ PGHOST: 'elsewhere', PGUSER: 'role_1' }, host), undefined);
    assert.equal(loginUserFor({ APP_NAME: 'not a url' }, host), undefined);
  });
});
