// The PlanetScale API stand-in through fetch: token checks, not-found paths, pagination followed
// to the end, and roles that are real Postgres logins with a password shown once.
import assert from 'node:assert/strict';
import { useSandbox } from '../support/sandbox';
import { queryOnce } from '../support/clients';

interface ListPage<T> {
  type: string;
  current_page: number;
  next_page: number | null;
  next_page_url: string | null;
  prev_page: number | null;
  prev_page_url: string | null;
  data: T[];
}

interface RoleJson {
  id: string;
  name: string;
  username: string;
  password: string | null;
  private_access_host_url: string;
  private_connection_service_name: string;
  database_name: string;
  inherited_roles: string[];
  default: boolean;
  expires_at: string | null;
  branch: { id: string; name: string };
}

describe('sandbox PlanetScale API stand-in', function () {
  this.timeout(20_000);
  const sandbox = useSandbox();

  const auth = () => `${sandbox().info.planetscaleTokenId}:${sandbox().info.planetscaleToken}`;
  const api = async (path: string, init: RequestInit & { authorization?: string | null } = {}) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const authorization = init.authorization === undefined ? auth() : init.authorization;
    if (authorization !== null) headers.Authorization = authorization;
    if (init.body) headers['Content-Type'] = 'application/json';
    const url = path.startsWith('http') ? path : `${sandbox().info.planetscaleApiUrl}${path}`;
    const response = await fetch(url, { ...init, headers });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  };
  const followAll = async <T>(path: string): Promise<{ items: T[]; pages: number }> => {
    let next: string | null = `${sandbox().info.planetscaleApiUrl}${path}`;
    const items: T[] = [];
    let pages = 0;
    while (next) {
      const { status, body } = await api(next);
      assert.equal(status, 200, JSON.stringify(body));
      const page = body as unknown as ListPage<T>;
      items.push(...page.data);
      pages += 1;
      next = page.next_page_url;
    }
    return { items, pages };
  };

  afterEach(() => sandbox().planetscale.setMaxPerPage(100));

  it('lists the organization the token can see under /v1/organizations', async () => {
    const { status, body } = await api('/organizations');
    assert.equal(status, 200);
    const page = body as unknown as ListPage<{ name: string }>;
    assert.equal(page.type, 'list');
    assert.deepEqual(page.data.map((o) => o.name), ['acme']);
    assert.equal(page.next_page, null);
    assert.equal(sandbox().info.planetscaleOrg, 'acme');
  });

  it('answers 401 with {code, message} for a missing, malformed or wrong token', async () => {
    const id = sandbox().info.planetscaleTokenId;
    for (const authorization of [null, 'Bearer abc', `${id}:not-the-token`, `nope:${sandbox().info.planetscaleToken}`]) {
      const { status, body } = await api('/organizations/acme/databases', { authorization });
      assert.equal(status, 401, `authorization ${authorization === null ? '(none)' : 'variant'}`);
      assert.equal(body.code, 'unauthorized');
      assert.match(String(body.message), /Authorization/);
    }
  });

  it('answers 403 when the token lacks read_branch, while its database access still works', async () => {
    const limited = sandbox().planetscale.limitedToken;
    const authorization = `${limited.id}:${limited.token}`;
    assert.equal((await api('/organizations/acme/databases', { authorization })).status, 200);
    for (const path of ['/organizations/acme/databases/orders/branches', '/organizations/acme/databases/orders/branches/main/roles']) {
      const { status, body } = await api(path, { authorization });
      assert.equal(status, 403, path);
      assert.equal(body.code, 'forbidden');
      assert.match(String(body.message), /read_branch/);
    }
  });

  it('answers 404 for an unknown organization, database, branch or role', async () => {
    for (const path of [
      '/organizations/globex/databases',
      '/organizations/acme/databases/nosuch/branches',
      '/organizations/acme/databases/orders/branches/nosuch/roles',
      '/organizations/acme/databases/orders/branches/main/roles/doesnotexist',
    ]) {
      const { status, body } = await api(path);
      assert.equal(status, 404, path);
      assert.equal(body.code, 'not_found');
      assert.equal(typeof body.message, 'string');
    }
  });

  it('describes the seeded databases: two PostgreSQL on AWS, one MySQL', async () => {
    const { items } = await followAll<{ name: string; kind: string; region: { slug: string; provider: string } }>('/organizations/acme/databases');
    const byName = new Map(items.map((d) => [d.name, d]));
    assert.deepEqual([...byName.keys()].sort(), ['analytics', 'legacy', 'orders']);
    assert.equal(byName.get('orders')?.kind, 'postgresql');
    assert.equal(byName.get('orders')?.region.slug, 'us-east-1');
    assert.equal(byName.get('orders')?.region.provider, 'AWS');
    assert.equal(byName.get('analytics')?.region.slug, 'eu-west-1');
    assert.equal(byName.get('legacy')?.kind, 'mysql');
    const mysqlRoles = await api('/organizations/acme/databases/legacy/branches/main/roles');
    assert.equal(mysqlRoles.status, 404);
    assert.match(String(mysqlRoles.body.message), /PostgreSQL/);
  });

  it('pages with per_page and next_page_url until next_page is null', async () => {
    const first = await api('/organizations/acme/databases/orders/branches?per_page=1');
    const page1 = first.body as unknown as ListPage<{ name: string }>;
    assert.equal(page1.current_page, 1);
    assert.equal(page1.next_page, 2);
    assert.equal(page1.prev_page, null);
    assert.equal(page1.data.length, 1);
    const { items, pages } = await followAll<{ name: string; production: boolean; ready: boolean; id: string }>(
      '/organizations/acme/databases/orders/branches?per_page=1');
    assert.equal(pages, 3);
    assert.deepEqual(items.map((b) => b.name), ['main', 'dev', 'feature-x']);
    assert.deepEqual(items.map((b) => b.production), [true, false, false]);
    assert.ok(items.every((b) => b.ready && /^[a-z0-9]{12}$/.test(b.id)));
    const last = await api('/organizations/acme/databases/orders/branches?per_page=1&page=3');
    assert.equal((last.body as unknown as ListPage<unknown>).prev_page, 2);
    assert.equal((last.body as unknown as ListPage<unknown>).next_page, null);
  });

  it('caps the page size when forced, so a client asking for 100 still needs three pages', async () => {
    sandbox().planetscale.setMaxPerPage(1);
    const { items, pages } = await followAll<{ name: string }>('/organizations/acme/databases?per_page=100');
    assert.equal(pages, 3);
    assert.equal(items.length, 3);
  });

  it('rejects a page parameter that is not a positive integer with 422 naming it', async () => {
    const { status, body } = await api('/organizations/acme/databases?page=0');
    assert.equal(status, 422);
    assert.match(String(body.message), /"page"/);
  });

  it('lists the default role of each branch without a password, with the private host and service name', async () => {
    const { items } = await followAll<RoleJson>('/organizations/acme/databases/orders/branches/dev/roles');
    assert.equal(items.length, 1);
    const role = items[0];
    assert.equal(role.default, true);
    assert.equal(role.password, null);
    assert.equal(role.private_access_host_url, `${role.branch.id}.private-pg.psdb.cloud`);
    assert.equal(role.private_connection_service_name, 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001');
    assert.equal(role.username, `postgres.${role.branch.id}`);
    const eu = await followAll<RoleJson>('/organizations/acme/databases/analytics/branches/main/roles');
    assert.equal(eu.items[0].private_connection_service_name, 'com.amazonaws.vpce.eu-west-1.vpce-svc-0f1e2d3c4b5a60002');
    // The in-process view holds the seeded password, and it logs in.
    const seeded = sandbox().postgres.seededRole('orders', 'dev');
    assert.equal(seeded.username, role.username);
    const rows = await queryOnce(sandbox(), {
      ip: '127.0.0.1', port: sandbox().postgres.port, servername: seeded.privateHost, user: seeded.username, password: seeded.password,
    }, 'SELECT current_user AS who');
    assert.deepEqual(rows, [{ who: seeded.username }]);
  });

  it('creates a role whose password is returned once and logs in on Postgres and through PgBouncer', async () => {
    const created = await api('/organizations/acme/databases/orders/branches/main/roles', {
      method: 'POST', body: JSON.stringify({ name: 'app-reader', inherited_roles: ['pg_read_all_data'] }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const role = created.body as unknown as RoleJson;
    assert.match(String(role.password), /^pscale_pw_/);
    assert.match(role.username, /^pscale_api_[a-z0-9]+\.[a-z0-9]{12}$/);
    assert.equal(role.database_name, 'postgres');

    const again = await api(`/organizations/acme/databases/orders/branches/main/roles/${role.id}`);
    assert.equal(again.status, 200);
    assert.equal((again.body as unknown as RoleJson).password, null);
    const listed = await followAll<RoleJson>('/organizations/acme/databases/orders/branches/main/roles');
    assert.ok(listed.items.some((r) => r.id === role.id && r.password === null));

    const db = sandbox().postgres;
    for (const port of [db.port, db.bouncerPort]) {
      const rows = await queryOnce<{ who: string; reader: boolean }>(sandbox(), {
        ip: '127.0.0.1', port, servername: role.private_access_host_url, user: role.username, password: String(role.password),
      }, "SELECT current_user AS who, pg_has_role(current_user, 'pg_read_all_data', 'member') AS reader");
      assert.deepEqual(rows, [{ who: role.username, reader: true }], `port ${port}`);
    }
  });

  it('resets a password: the old one stops working at once, the new one works on both ports', async () => {
    const created = await api('/organizations/acme/databases/orders/branches/feature-x/roles', { method: 'POST', body: '{}' });
    const role = created.body as unknown as RoleJson;
    const reset = await api(`/organizations/acme/databases/orders/branches/feature-x/roles/${role.id}/reset`, { method: 'POST' });
    assert.equal(reset.status, 200);
    const fresh = String((reset.body as unknown as RoleJson).password);
    assert.notEqual(fresh, role.password);
    const db = sandbox().postgres;
    const target = (port: number, password: string) => ({ ip: '127.0.0.1', port, servername: role.private_access_host_url, user: role.username, password });
    await assert.rejects(queryOnce(sandbox(), target(db.port, String(role.password)), 'SELECT 1'), /password authentication failed/);
    await assert.rejects(queryOnce(sandbox(), target(db.bouncerPort, String(role.password)), 'SELECT 1'), /SASL authentication failed/);
    for (const port of [db.port, db.bouncerPort]) {
      assert.deepEqual(await queryOnce(sandbox(), target(port, fresh), 'SELECT 1 AS one'), [{ one: 1 }]);
    }
  });

  it('creates a role with a ttl that expires in Postgres too', async () => {
    const created = await api('/organizations/acme/databases/orders/branches/dev/roles', { method: 'POST', body: JSON.stringify({ ttl: 3600 }) });
    const role = created.body as unknown as RoleJson;
    assert.ok(role.expires_at);
    const [row] = await sandbox().postgres.query<{ rolvaliduntil: Date }>('SELECT rolvaliduntil FROM pg_roles WHERE rolname = $1', [role.username]);
    assert.equal(row.rolvaliduntil.toISOString(), new Date(String(role.expires_at)).toISOString());
  });

  it('refuses invalid role input with 422 naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ inherited_roles: ['superuser'] }, /"inherited_roles"/],
      [{ ttl: -5 }, /"ttl"/],
      [{ name: 'has space' }, /"name"/],
      [[1, 2], /JSON object/],
    ];
    for (const [body, message] of cases) {
      const { status, body: error } = await api('/organizations/acme/databases/orders/branches/dev/roles', { method: 'POST', body: JSON.stringify(body) });
      assert.equal(status, 422);
      assert.equal(error.code, 'invalid_params');
      assert.match(String(error.message), message);
    }
  });

  it('refuses role creation for a token without the password access (403)', async () => {
    const limited = sandbox().planetscale.limitedToken;
    const { status } = await api('/organizations/acme/databases/orders/branches/dev/roles', {
      method: 'POST', body: '{}', authorization: `${limited.id}:${limited.token}`,
    });
    assert.equal(status, 403);
  });

  it('injects 429 faults with Retry-After for retry tests', async () => {
    sandbox().planetscale.failNext(2, 429);
    const first = await fetch(`${sandbox().info.planetscaleApiUrl}/organizations`, { headers: { Authorization: auth() } });
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '1');
    assert.equal((await api('/organizations')).status, 429);
    assert.equal((await api('/organizations')).status, 200);
  });
});
