import assert from 'node:assert/strict';
import { formatConnection } from '../../../src/connection/connectionFormats';
import { checkVariableName, renamableVariables } from '../../../src/connection/variableNames';

describe('connection/variableNames: the names a user may choose, and their check', () => {
  const target = { host: 'abc123.private-pg.psdb.cloud', user: 'u', password: 'p', database: 'postgres', caFile: '/ca.pem' };

  it('offers the URL for one port, the URL and DIRECT_URL for both, nothing for libpq\'s fixed PG* names', () => {
    assert.deepEqual(renamableVariables('node-postgres', 6432).map((v) => [v.role, v.defaultName]), [['url', 'DATABASE_URL']]);
    assert.deepEqual(renamableVariables('prisma', 'both').map((v) => [v.role, v.defaultName]), [['url', 'DATABASE_URL'], ['directUrl', 'DIRECT_URL']]);
    assert.deepEqual(renamableVariables('libpq-env', 5432), []);
  });

  it('names what formatConnection writes by default, so "Keep" keeps exactly those', () => {
    for (const [kind, port] of [['node-postgres', 6432], ['prisma', 'both'], ['pgx', 'both'], ['postgres-js', 5432]] as const) {
      const written = formatConnection(kind, { ...target, port }).variables.filter((v) => v.role === 'url' || v.role === 'directUrl').map((v) => v.key);
      assert.deepEqual(renamableVariables(kind, port).map((v) => v.defaultName), written, kind);
    }
  });

  it('accepts a valid name and refuses an invalid, empty or duplicate one with the field and the fix', () => {
    const [url, direct] = renamableVariables('prisma', 'both');
    assert.equal(checkVariableName(url, 'ORDERS_DB_URL'), undefined);
    assert.match(checkVariableName(url, '1ORDERS')!, /^The name of the pooled connection URL \(PSBouncer, 6432\), "1ORDERS", is not a valid variable name: use letters, digits and _, not starting with a digit/);
    assert.match(checkVariableName(url, 'ORDERS-URL')!, /not a valid variable name/);
    assert.match(checkVariableName(direct, '')!, /^The name of the direct connection URL .* is empty: type a name such as DIRECT_URL\.$/);
    assert.match(checkVariableName(direct, 'ORDERS_DB_URL', ['ORDERS_DB_URL'])!, /already used for another variable/);
  });
});
