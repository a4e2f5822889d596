// The PlanetScale client against the sandbox's PlanetScale API stand-in over HTTP on loopback,
// and the roles it creates logging into the sandbox's real Postgres and PgBouncer over TLS.
import assert from 'node:assert/strict';
import { PlanetScaleApiError } from '../../../src/planetscale/apiErrors';
import { PlanetScaleClient, type PlanetScaleClientOptions } from '../../../src/planetscale/planetscaleClient';
import { isPrivateLinkEligible } from '../../../src/planetscale/privateLinkEligibility';
import { freePort } from '../../../sandbox/network/freePort';
import { queryOnce } from '../support/clients';
import { useSandbox } from '../support/sandbox';

describe('PlanetScaleClient against the sandbox', function () {
  this.timeout(20_000);
  const sandbox = useSandbox();

  function client(overrides: Partial<PlanetScaleClientOptions> = {}): PlanetScaleClient {
    const { info } = sandbox();
    return new PlanetScaleClient({
      baseUrl: info.planetscaleApiUrl,
      tokenId: info.planetscaleTokenId,
      token: info.planetscaleToken,
      retryBaseDelayMs: 10,
      retryMaxDelayMs: 50,
      ...overrides,
    });
  }

  function requestsTo(pathSuffix: string) {
    return sandbox().planetscale.requests().filter((r) => r.path.endsWith(pathSuffix));
  }

  async function rejection(promise: Promise<unknown>): Promise<PlanetScaleApiError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof PlanetScaleApiError, `expected a PlanetScaleApiError, got ${String(error)}`);
      return error;
    }
    assert.fail('expected the call to fail');
  }

  afterEach(() => sandbox().planetscale.setMaxPerPage(100));

  it('lists the seeded organization, databases and branches with their kinds and regions', async () => {
    const ps = client();
    assert.deepEqual((await ps.listOrganizations()).map((o) => o.name), ['acme']);

    const databases = await ps.listDatabases('acme');
    const byName = new Map(databases.map((d) => [d.name, d]));
    assert.deepEqual([...byName.keys()].sort(), ['analytics', 'legacy', 'orders']);
    assert.equal(byName.get('orders')?.kind, 'postgresql');
    assert.equal(byName.get('orders')?.region.provider, 'AWS');
    assert.equal(byName.get('legacy')?.kind, 'mysql');
    assert.equal(isPrivateLinkEligible(byName.get('orders')!), true);
    assert.equal(isPrivateLinkEligible(byName.get('legacy')!), false);

    const branches = await ps.listBranches('acme', 'orders');
    assert.deepEqual(branches.map((b) => b.name).sort(), ['dev', 'feature-x', 'main']);
    assert.deepEqual(branches.filter((b) => b.production).map((b) => b.name), ['main']);
    assert.ok(branches.every((b) => b.ready && /^[a-z0-9]{12}$/.test(b.id)));
  });

  it('follows next_page across three pages when the server caps the page size', async () => {
    sandbox().planetscale.setMaxPerPage(1);
    const before = requestsTo('/databases/orders/branches').length;
    const branches = await client().listBranches('acme', 'orders');
    assert.deepEqual(branches.map((b) => b.name).sort(), ['dev', 'feature-x', 'main']);
    const pages = requestsTo('/databases/orders/branches').slice(before).map((r) => new URLSearchParams(r.query).get('page'));
    assert.deepEqual(pages, ['1', '2', '3']);
  });

  it('asks for its own page size and still reads every page', async () => {
    const before = requestsTo('/organizations/acme/databases').length;
    const databases = await client({ perPage: 1 }).listDatabases('acme');
    assert.equal(databases.length, 3);
    const seen = requestsTo('/organizations/acme/databases').slice(before);
    assert.equal(seen.length, 3);
    assert.ok(seen.every((r) => new URLSearchParams(r.query).get('per_page') === '1'));
  });

  it('reads the Private Host and Private Service Name from a role of the branch, creating none', async () => {
    const ps = client();
    const main = (await ps.listBranches('acme', 'orders')).find((b) => b.name === 'main')!;
    const rolesBefore = (await ps.listRoles('acme', 'orders', 'main')).length;
    const info = await ps.getBranchPrivateInfo('acme', 'orders', 'main');
    assert.equal(info.privateHost, `${main.id}.private-pg.psdb.cloud`);
    assert.equal(info.serviceName, 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001');
    assert.equal((await ps.listRoles('acme', 'orders', 'main')).length, rolesBefore);
    const eu = await ps.getBranchPrivateInfo('acme', 'analytics', 'main');
    assert.equal(eu.serviceName, 'com.amazonaws.vpce.eu-west-1.vpce-svc-0f1e2d3c4b5a60002');
  });

  it('401 for a wrong token says to re-enter it and never shows it', async () => {
    const wrong = 'pscale_tkn_wrongwrongwrongwrong';
    const error = await rejection(client({ token: wrong }).listOrganizations());
    assert.equal(error.kind, 'unauthorized');
    assert.equal(error.status, 401);
    assert.match(error.message, /Re-enter the PlanetScale service token/);
    assert.ok(!error.message.includes(wrong));
    assert.ok(!JSON.stringify(error).includes(wrong));
  });

  it('403 for a token without read_branch names that access', async () => {
    const { limitedToken } = sandbox().planetscale;
    const limited = client({ tokenId: limitedToken.id, token: limitedToken.token });
    assert.equal((await limited.listDatabases('acme')).length, 3, 'the limited token can still list databases');
    const error = await rejection(limited.listBranches('acme', 'orders'));
    assert.equal(error.kind, 'forbidden');
    assert.equal(error.status, 403);
    assert.equal(error.access, 'read_branch');
    assert.match(error.message, /read_branch/);
    assert.ok(!error.message.includes(limitedToken.token));
  });

  it('404 for an unknown database, branch or organization', async () => {
    const ps = client();
    for (const call of [ps.listBranches('acme', 'nope'), ps.listRoles('acme', 'orders', 'nope'), ps.listDatabases('nobody')]) {
      const error = await rejection(call);
      assert.equal(error.kind, 'notFound');
      assert.equal(error.status, 404);
      assert.match(error.message, /nope|nobody/);
    }
  });

  it('retries 5xx on reads, then succeeds', async () => {
    sandbox().planetscale.failNext(2, 503);
    const before = requestsTo('/v1/organizations').length;
    assert.equal((await client().listOrganizations()).length, 1);
    assert.deepEqual(requestsTo('/v1/organizations').slice(before).map((r) => r.status), [503, 503, 200]);
  });

  it('gives up on 429 after the bounded retries', async () => {
    sandbox().planetscale.failNext(3, 429);
    const error = await rejection(client({ maxRetries: 2 }).listOrganizations());
    assert.equal(error.kind, 'rateLimited');
    assert.match(error.message, /3 attempts/);
  });

  it('does not repeat a role creation after a server error', async () => {
    const ps = client();
    sandbox().planetscale.failNext(1, 500);
    const before = requestsTo('/branches/dev/roles').filter((r) => r.method === 'POST').length;
    const error = await rejection(ps.createRole('acme', 'orders', 'dev', { inheritedRoles: ['pg_read_all_data'] }));
    assert.equal(error.kind, 'server');
    assert.equal(requestsTo('/branches/dev/roles').filter((r) => r.method === 'POST').length - before, 1);
  });

  it('creates a role whose one-time password logs into Postgres and PgBouncer over verified TLS', async () => {
    const ps = client();
    const role = await ps.createRole('acme', 'orders', 'dev', { name: 'diag-app', inheritedRoles: ['pg_read_all_data', 'pg_write_all_data'] });
    assert.equal(typeof role.password, 'string');
    assert.ok(role.password.length > 20);
    assert.ok(role.username.includes('.'), 'PlanetScale-style username with a dot');
    assert.equal(role.name, 'diag-app');
    assert.deepEqual(role.inherited_roles, ['pg_read_all_data', 'pg_write_all_data']);

    // The password shows once: reading the role again gives none.
    assert.equal((await ps.getRole('acme', 'orders', 'dev', role.id)).password, null);
    assert.equal((await ps.listRoles('acme', 'orders', 'dev')).find((r) => r.id === role.id)?.password, null);

    const { privateHost } = await ps.getBranchPrivateInfo('acme', 'orders', 'dev');
    const db = sandbox().postgres;
    for (const port of [db.port, db.bouncerPort]) {
      const rows = await queryOnce<{ user: string }>(
        sandbox(),
        { ip: db.host, port, servername: privateHost, user: role.username, password: role.password },
        'select current_user as user',
      );
      assert.equal(rows[0].user, role.username);
    }
  });

  it('resets a role password: the new one works, the old one no longer does', async () => {
    const ps = client();
    const role = await ps.createRole('acme', 'orders', 'feature-x', { inheritedRoles: ['pg_read_all_data'] });
    const reset = await ps.resetRolePassword('acme', 'orders', 'feature-x', role.id);
    assert.notEqual(reset.password, role.password);
    const db = sandbox().postgres;
    const target = { ip: db.host, port: db.port, servername: 'localhost', user: role.username };
    await queryOnce(sandbox(), { ...target, password: reset.password }, 'select 1');
    await assert.rejects(queryOnce(sandbox(), { ...target, password: role.password }, 'select 1'), /password authentication failed/);
  });

  it('deletes a role: gone from the API and its login refused; deleting it again is not an error', async () => {
    const ps = client();
    const role = await ps.createRole('acme', 'orders', 'feature-x', { inheritedRoles: ['pg_read_all_data'] });
    const db = sandbox().postgres;
    const target = { ip: db.host, port: db.port, servername: 'localhost', user: role.username, password: role.password };
    await queryOnce(sandbox(), target, 'select 1');
    await ps.deleteRole('acme', 'orders', 'feature-x', role.id);
    assert.equal((await ps.listRoles('acme', 'orders', 'feature-x')).some((r) => r.id === role.id), false);
    assert.deepEqual(requestsTo(`/roles/${role.id}`).filter((r) => r.method === 'DELETE').map((r) => r.status), [204]);
    await assert.rejects(queryOnce(sandbox(), target, 'select 1'), /password authentication failed|does not exist/);
    await ps.deleteRole('acme', 'orders', 'feature-x', role.id);
  });

  it('a token without the delete access is told which access deleting a role needs', async () => {
    const ps = client();
    const role = await ps.createRole('acme', 'orders', 'feature-x', { inheritedRoles: ['pg_read_all_data'] });
    const limited = client({ tokenId: sandbox().planetscale.limitedToken.id, token: sandbox().planetscale.limitedToken.token });
    const error = await rejection(limited.deleteRole('acme', 'orders', 'feature-x', role.id));
    assert.equal(error.kind, 'forbidden');
    assert.match(error.message, /delete_branch_password/);
    await ps.deleteRole('acme', 'orders', 'feature-x', role.id);
  });

  it('reports an unreachable API as a network error naming the setting', async () => {
    // A closed loopback port: the kernel just handed it out and nothing listens on it.
    const port = await freePort();
    const error = await rejection(client({ baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 1 }).listOrganizations());
    assert.equal(error.kind, 'network');
    assert.match(error.message, /ECONNREFUSED/);
    assert.match(error.message, /planetscalePrivateLink\.planetscale\.apiUrl/);
  });
});
