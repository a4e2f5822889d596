// Private only, end to end against the sandbox: the `/cidrs` API through the product's client
// (paging, 403, 404, 422 shown as PlanetScale wrote it), and the database enforcing the rules on
// the public host (real pg and psql over TLS), while the private path through an endpoint keeps
// working. The restrict/allow actions run with the real verification pipeline as their checks.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { verifyConnection } from '../../../src/connection/verifyPipeline';
import { probePublicHost } from '../../../src/connection/publicHostProbe';
import { PlanetScaleApiError } from '../../../src/planetscale/apiErrors';
import { createIpRestriction, deleteIpRestriction, listIpRestrictions } from '../../../src/planetscale/ipRestrictions';
import { PlanetScaleClient } from '../../../src/planetscale/planetscaleClient';
import { PRIVATE_RANGES, summarizePublicAccess } from '../../../src/planetscale/publicAccess';
import { allowPublicConnectionsAgain, PrivateOnlyChecks, readPublicAccess, restrictToPrivateConnections } from '../../../src/planetscale/privateOnlyActions';
import { queryOnce, sandboxResolver } from '../support/clients';
import { useSandbox } from '../support/sandbox';
import { readyEndpoint, seedWithOwnVpc } from '../connection/connectionSandbox';

const run = promisify(execFile);
const DB = { organization: 'acme', database: 'orders' };

describe('private only: IP restrictions through the API and enforced by the sandbox database', function () {
  this.timeout(60_000);
  const sandbox = useSandbox({ ec2Seed: seedWithOwnVpc() });
  let role: { username: string; password: string; privateHost: string; publicHost: string; serviceName: string };
  let endpoint: { id: string; ips: string[] };

  const client = (token = { id: sandbox().info.planetscaleTokenId, token: sandbox().info.planetscaleToken }) =>
    new PlanetScaleClient({ baseUrl: sandbox().info.planetscaleApiUrl, tokenId: token.id, token: token.token, retryBaseDelayMs: 5, retryMaxDelayMs: 20 });

  const rejection = async (promise: Promise<unknown>): Promise<PlanetScaleApiError> => {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof PlanetScaleApiError, `expected a PlanetScaleApiError, got ${String(error)}`);
      return error;
    }
    return assert.fail('expected the call to fail');
  };

  const publicIp = async () => (await sandboxResolver(sandbox().info).resolve4(role.publicHost))[0];

  /** Logs in over the public host with real pg; resolves to 'ok' or the server's refusal. */
  const loginPublic = async (): Promise<string> => {
    try {
      const rows = await queryOnce<{ u: string }>(sandbox(), { ip: await publicIp(), port: 5432, servername: role.publicHost, user: role.username, password: role.password }, 'select current_user as u');
      return rows[0].u === role.username ? 'ok' : `unexpected user ${rows[0].u}`;
    } catch (error) {
      return `${(error as { code?: string }).code ?? ''} ${(error as Error).message}`;
    }
  };

  const checks = (): PrivateOnlyChecks => ({
    async verifyPrivate() {
      const { info } = sandbox();
      const result = await verifyConnection({
        host: role.privateHost, port: 6432, user: role.username, password: role.password, database: 'postgres', caFile: info.caFile, dnsServer: info.dnsServer,
        serviceName: role.serviceName, endpoints: [{ id: endpoint.id, serviceName: role.serviceName, state: 'available', ips: endpoint.ips }],
      });
      return { ok: result.outcome === 'success', summary: result.summary };
    },
    probePublic: () => probePublicHost({ host: role.publicHost, port: 5432, user: role.username, password: role.password, database: 'postgres', caFile: sandbox().info.caFile, dnsServer: sandbox().info.dnsServer }),
  });

  before(async () => {
    const ready = await readyEndpoint(sandbox(), 'private-only-sg', [5432, 6432]);
    endpoint = { id: ready.endpointId, ips: ready.ips };
    const created = await client().createRole('acme', 'orders', 'main', { inheritedRoles: ['pg_read_all_data'] });
    role = {
      username: created.username, password: created.password, privateHost: created.private_access_host_url!, publicHost: created.access_host_url,
      serviceName: created.private_connection_service_name!,
    };
  });

  afterEach(async () => {
    for (const rule of await listIpRestrictions(client(), 'acme', 'orders')) await deleteIpRestriction(client(), 'acme', 'orders', rule.id);
  });

  it('serves the documented shapes and follows every page of /cidrs', async () => {
    sandbox().planetscale.setMaxPerPage(1);
    try {
      for (const cidr of ['203.0.113.0/24', '198.51.100.7/32', '192.0.2.0/24']) {
        await createIpRestriction(client(), 'acme', 'orders', { cidrs: [cidr], description: `rule ${cidr}` });
      }
      const rules = await listIpRestrictions(client(), 'acme', 'orders');
      assert.deepEqual(rules.map((r) => r.cidrs[0]).sort(), ['192.0.2.0/24', '198.51.100.7/32', '203.0.113.0/24']);
      assert.ok(rules.every((r) => typeof r.id === 'string' && r.role === '' && r.schema === '' && typeof r.created_at === 'string' && r.actor));
      assert.equal(sandbox().planetscale.requests().filter((r) => r.path.endsWith('/cidrs') && r.method === 'GET').length, 3);
      assert.equal(summarizePublicAccess(rules).state, 'restricted');
    } finally {
      sandbox().planetscale.setMaxPerPage(100);
    }
  });

  it('names the missing access on 403: read_database to list, write_database to create or delete', async () => {
    const noRead = sandbox().planetscale.issueToken(['read_organization']);
    const listError = await rejection(listIpRestrictions(client(noRead), 'acme', 'orders'));
    assert.equal(listError.kind, 'forbidden');
    assert.equal(listError.access, 'read_database');
    assert.match(listError.message, /lacks the access read_database/);
    const readOnly = sandbox().planetscale.limitedToken;
    const createError = await rejection(createIpRestriction(client(readOnly), 'acme', 'orders', { cidrs: [...PRIVATE_RANGES] }));
    assert.equal(createError.kind, 'forbidden');
    assert.match(createError.message, /write_database/);
    assert.deepEqual(await listIpRestrictions(client(), 'acme', 'orders'), [], 'a refused create leaves nothing behind');
  });

  it('shows the API\'s 422 validation message as it is, and 404 for a database it does not know', async () => {
    const invalid = await rejection(createIpRestriction(client(), 'acme', 'orders', { cidrs: ['10.0.0.0/33'] }));
    assert.equal(invalid.status, 422);
    assert.match(invalid.message, /PlanetScale said: "cidrs contains invalid IPv4 CIDR ranges: "10\.0\.0\.0\/33"\."/);
    const missing = await rejection(listIpRestrictions(client(), 'acme', 'no-such-db'));
    assert.equal(missing.kind, 'notFound');
    const mysql = await rejection(listIpRestrictions(client(), 'acme', 'legacy'));
    assert.equal(mysql.kind, 'notFound');
  });

  it('open → restrict: the private path logs in, the public host refuses → allow again: the public host works', async () => {
    assert.equal((await readPublicAccess(client(), DB)).state, 'open');
    assert.equal(await loginPublic(), 'ok', 'with no rule the public host accepts the login');

    const restricted = await restrictToPrivateConnections(client(), DB, checks());
    assert.ok(restricted.created, 'the rule was created');
    assert.ok(restricted.privateCheck.ok, restricted.privateCheck.summary);
    assert.equal(restricted.publicCheck.outcome, 'refused', restricted.publicCheck.detail);
    assert.equal(restricted.proven, true);
    assert.equal((await readPublicAccess(client(), DB)).state, 'privateOnly');
    assert.match(await loginPublic(), /^28000 .*not allowed by the IP restrictions/);
    const decision = sandbox().publicAccess.decisions().at(-1)!;
    assert.equal(decision.allowed, false);
    assert.equal(decision.source, sandbox().publicAccess.clientPublicIp());

    const reopened = await allowPublicConnectionsAgain(client(), DB);
    assert.deepEqual(reopened.deleted.map((r) => r.id), [restricted.created.id]);
    assert.equal((await readPublicAccess(client(), DB)).state, 'open');
    assert.equal(await loginPublic(), 'ok');
    assert.equal((await checks().probePublic()).outcome, 'accepted');
  });

  it('psql, an independent client, is refused on the public host at login and works through the Private Host', async () => {
    await restrictToPrivateConnections(client(), DB, checks());
    const { info } = sandbox();
    const conn = (host: string, ip: string) => `host=${host} hostaddr=${ip} port=5432 user=${role.username} dbname=postgres sslmode=verify-full sslrootcert=${info.caFile} connect_timeout=5`;
    const env = { ...process.env, PGPASSWORD: role.password };
    const refused = await run('psql', [conn(role.publicHost, await publicIp()), '-Atc', 'select 1'], { env }).then(() => 'connected', (error: { stderr: string }) => error.stderr);
    assert.match(refused, /FATAL: {2}connection from 203\.0\.113\.50 is not allowed by the IP restrictions/);
    const privateIp = (await sandboxResolver(info).resolve4(role.privateHost))[0];
    const ok = await run('psql', [conn(role.privateHost, privateIp), '-Atc', 'select current_user'], { env });
    assert.equal(ok.stdout.trim(), role.username);
    await allowPublicConnectionsAgain(client(), DB);
    // psql prefers SCRAM channel binding: the public host serves the database's own certificate.
    const reopened = await run('psql', [`${conn(role.publicHost, await publicIp())} channel_binding=require`, '-Atc', 'select current_user'], { env });
    assert.equal(reopened.stdout.trim(), role.username);
  });

  it('keeps a user\'s own rule through restrict and allow, and says the public host still admits it', async () => {
    const office = await createIpRestriction(client(), 'acme', 'orders', { cidrs: [`${sandbox().publicAccess.clientPublicIp()}/32`], description: 'Office VPN' });
    assert.equal((await readPublicAccess(client(), DB)).state, 'restricted');
    const restricted = await restrictToPrivateConnections(client(), DB, checks());
    assert.ok(restricted.privateCheck.ok);
    assert.equal(restricted.publicCheck.outcome, 'accepted', 'the user\'s rule admits this machine: not proven closed');
    assert.equal(restricted.proven, false);
    assert.deepEqual(restricted.before.otherRules.map((r) => r.id), [office.id]);
    const reopened = await allowPublicConnectionsAgain(client(), DB);
    assert.deepEqual(reopened.kept.map((r) => r.id), [office.id]);
    const left = await listIpRestrictions(client(), 'acme', 'orders');
    assert.deepEqual(left.map((r) => r.id), [office.id], 'only the extension\'s rule was deleted');
    sandbox().publicAccess.setClientPublicIp('198.51.100.99');
    try {
      assert.match(await loginPublic(), /not allowed/, 'the user\'s rule alone still restricts other addresses');
    } finally {
      sandbox().publicAccess.setClientPublicIp('203.0.113.50');
    }
  });

  it('the public probe with query: true runs the query after the login on 5432 and 6432, and a refused login runs none', async () => {
    const target = { host: role.publicHost, user: role.username, password: role.password, database: 'postgres', caFile: sandbox().info.caFile, dnsServer: sandbox().info.dnsServer, query: true };
    for (const port of [5432, 6432]) {
      const open = await probePublicHost({ ...target, port });
      assert.equal(open.outcome, 'accepted', open.detail);
      assert.match(open.detail, new RegExp(`and ran the query \\(Query ran as ${role.username.replace('.', '\\.')} on PostgreSQL`));
    }
    const plain = await probePublicHost({ ...target, port: 5432, query: false });
    assert.doesNotMatch(plain.detail, /ran the query/);
    await createIpRestriction(client(), 'acme', 'orders', { cidrs: ['198.51.100.0/24'] });
    const refused = await probePublicHost({ ...target, port: 6432 });
    assert.equal(refused.outcome, 'refused', refused.detail);
    assert.doesNotMatch(refused.detail, /ran the query/);
    assert.ok(!refused.detail.includes(role.password));
  });
});
