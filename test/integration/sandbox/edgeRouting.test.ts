// PlanetScale's edge behind an endpoint: a connection through an endpoint of one region's service
// reaches only that region's branches. The us-east-1 endpoint serves orders/main; the eu-west-1
// branch analytics/main is refused during the TLS handshake there, by pg and by psql alike.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { useSandbox } from '../support/sandbox';
import { createAvailableEndpoint, createEndpointSecurityGroup, PgTarget, queryOnce } from '../support/clients';
import type { SeededRole } from '../../../sandbox';

const run = promisify(execFile);

describe('sandbox edge: an endpoint reaches only the branches of its own service', function () {
  this.timeout(30_000);
  const sandbox = useSandbox();
  let ip: string;
  let orders: SeededRole;
  let analytics: SeededRole;
  const target = (role: SeededRole, port: number): PgTarget =>
    ({ ip, port, servername: role.privateHost, user: role.username, password: role.password, connectTimeoutMs: 5000 });

  before(async () => {
    orders = sandbox().postgres.seededRole('orders', 'main');
    analytics = sandbox().postgres.seededRole('analytics', 'main');
    assert.notEqual(orders.privateServiceName, analytics.privateServiceName, 'the seed puts the two databases in different regions');
    const groupId = await createEndpointSecurityGroup(sandbox(), 'edge-endpoint-sg', [5432, 6432]);
    const endpoint = await createAvailableEndpoint(sandbox(), { securityGroupIds: [groupId] });
    ip = sandbox().ec2.endpoints('us-east-1').find((e) => e.endpointId === endpoint.VpcEndpointId)?.interfaces[0]?.ip ?? '';
    assert.ok(ip);
  });

  it('serves the branch of its own service on 5432 and 6432', async () => {
    for (const port of [5432, 6432]) {
      const [row] = await queryOnce<{ who: string }>(sandbox(), target(orders, port), 'SELECT current_user AS who');
      assert.equal(row.who, orders.username);
    }
  });

  it('refuses another region\'s branch in the TLS handshake and says why in its verdicts', async () => {
    for (const port of [5432, 6432]) {
      await assert.rejects(queryOnce(sandbox(), target(analytics, port), 'SELECT 1'), /unrecognized name|alert|ECONNRESET|Connection terminated/i);
      const verdict = sandbox().forwarders.decisions().filter((d) => d.ip === ip && d.port === port).at(-1);
      assert.equal(verdict?.allowed, false);
      assert.match(verdict?.reason ?? '', new RegExp(`${analytics.privateHost.replace(/\./g, '\\.')} is served by ${analytics.privateServiceName.replace(/\./g, '\\.')}`));
    }
  });

  it('refuses it for psql too (an independent client), while psql reaches its own branch', async () => {
    const psql = (role: SeededRole) => run('psql', [
      `host=${role.privateHost} hostaddr=${ip} port=5432 user=${role.username} dbname=postgres sslmode=verify-full sslrootcert=${sandbox().info.caFile} connect_timeout=5`,
      '-Atc', 'select current_user',
    ], { env: { ...process.env, PGPASSWORD: role.password } });
    assert.equal((await psql(orders)).stdout.trim(), orders.username);
    await assert.rejects(psql(analytics), (error: Error & { stderr?: string }) => /unrecognized name|SSL|closed/i.test(error.stderr ?? ''));
  });

  it('passes a name no branch has on to TLS, where the certificate check refuses it', async () => {
    await assert.rejects(queryOnce(sandbox(), { ...target(orders, 5432), servername: `x.${orders.privateHost}` }, 'SELECT 1'), /altnames|Hostname\/IP does not match/i);
    const verdict = sandbox().forwarders.decisions().filter((d) => d.ip === ip && d.port === 5432).at(-1);
    assert.equal(verdict?.allowed, true);
  });

  it('refuses a ClientHello without a server name: the edge cannot choose a branch', async () => {
    await assert.rejects(queryOnce(sandbox(), { ...target(orders, 5432), servername: '' }, 'SELECT 1'));
    const verdict = sandbox().forwarders.decisions().filter((d) => d.ip === ip && d.port === 5432).at(-1);
    assert.match(verdict?.reason ?? '', /names no server \(SNI\)/);
  });
});
