import assert from 'node:assert/strict';
import { buildApiUrl, describeTarget, httpMethod, pathSegments, requiredAccess } from '../../../src/planetscale/apiOperations';

describe('PlanetScale API operations', () => {
  it('keeps the base path whether or not it ends with a slash', () => {
    for (const base of ['https://api.planetscale.com/v1', 'https://api.planetscale.com/v1/', 'https://api.planetscale.com/v1//']) {
      assert.equal(buildApiUrl(base, ['organizations']).href, 'https://api.planetscale.com/v1/organizations');
    }
    assert.equal(buildApiUrl('http://127.0.0.1:4010', ['organizations']).href, 'http://127.0.0.1:4010/organizations');
  });

  it('percent-encodes each segment so a name cannot change the path', () => {
    const url = buildApiUrl('http://127.0.0.1:4010/v1', ['organizations', 'a/../b', 'databases', 'x?y#z']);
    assert.equal(url.pathname, '/v1/organizations/a%2F..%2Fb/databases/x%3Fy%23z');
    assert.equal(url.search, '');
    assert.equal(url.hash, '');
  });

  it('sets the paging query and drops a query carried by the base URL', () => {
    const url = buildApiUrl('http://127.0.0.1:4010/v1?stale=1', ['organizations'], { page: 3, per_page: 25 });
    assert.equal(url.search, '?page=3&per_page=25');
  });

  it('maps every operation to the documented path and method', () => {
    const b = { org: 'acme', db: 'orders', branch: 'dev' };
    assert.deepEqual(pathSegments({ op: 'listOrganizations' }), ['organizations']);
    assert.deepEqual(pathSegments({ op: 'listDatabases', org: 'acme' }), ['organizations', 'acme', 'databases']);
    assert.deepEqual(pathSegments({ op: 'listBranches', org: 'acme', db: 'orders' }), ['organizations', 'acme', 'databases', 'orders', 'branches']);
    assert.deepEqual(pathSegments({ op: 'listRoles', ...b }).join('/'), 'organizations/acme/databases/orders/branches/dev/roles');
    assert.deepEqual(pathSegments({ op: 'createRole', ...b }).join('/'), 'organizations/acme/databases/orders/branches/dev/roles');
    assert.deepEqual(pathSegments({ op: 'getRole', ...b, roleId: 'r1' }).join('/'), 'organizations/acme/databases/orders/branches/dev/roles/r1');
    assert.deepEqual(pathSegments({ op: 'resetRolePassword', ...b, roleId: 'r1' }).join('/'), 'organizations/acme/databases/orders/branches/dev/roles/r1/reset');
    assert.equal(httpMethod({ op: 'listRoles', ...b }), 'GET');
    assert.equal(httpMethod({ op: 'getRole', ...b, roleId: 'r1' }), 'GET');
    assert.equal(httpMethod({ op: 'createRole', ...b }), 'POST');
    assert.equal(httpMethod({ op: 'resetRolePassword', ...b, roleId: 'r1' }), 'POST');
    assert.equal(httpMethod({ op: 'deleteRole', ...b, roleId: 'r1' }), 'DELETE');
    assert.equal(pathSegments({ op: 'deleteRole', ...b, roleId: 'r1' }).join('/'), 'organizations/acme/databases/orders/branches/dev/roles/r1');
    assert.match(requiredAccess({ op: 'deleteRole', ...b, roleId: 'r1' }), /^delete_branch_password/);
  });

  it('names the access and the target a 403 or 404 is about', () => {
    assert.equal(requiredAccess({ op: 'listBranches', org: 'acme', db: 'orders' }), 'read_branch');
    assert.equal(requiredAccess({ op: 'listDatabases', org: 'acme' }), 'read_database');
    assert.match(requiredAccess({ op: 'createRole', org: 'acme', db: 'orders', branch: 'main' }), /create_branch_password/);
    assert.equal(describeTarget({ op: 'listBranches', org: 'acme', db: 'orders' }), 'database `orders` in organization `acme`');
  });
});
