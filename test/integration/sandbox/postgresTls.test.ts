// Postgres and PgBouncer reached like the real thing: at an endpoint interface IP, TLS verified
// against the branch's private host name with the sandbox CA, by node-postgres and by psql.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { Client } from 'pg';
import { useSandbox } from '../support/sandbox';
import { createAvailableEndpoint, createEndpointSecurityGroup, pgConfig, queryOnce } from '../support/clients';
import type { SeededRole } from '../../../sandbox';

interface PsqlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** psql with a libpq connection string; the password goes through the environment, never argv. */
function psql(conninfo: string, password: string, sql: string): Promise<PsqlResult> {
  return new Promise((resolve) => {
    execFile('psql', [conninfo, '-X', '-A', '-t', '-c', sql], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' }, timeout: 15_000,
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

describe('sandbox Postgres and PgBouncer over TLS at the endpoint IPs', function () {
  this.timeout(30_000);
  const sandbox = useSandbox();
  let ips: string[];
  let role: SeededRole;

  before(async () => {
    role = sandbox().postgres.seededRole('orders', 'dev');
    const group = await createEndpointSecurityGroup(sandbox(), 'tls-endpoint-sg', [5432, 6432]);
    const endpoint = await createAvailableEndpoint(sandbox(), { securityGroupIds: [group] });
    ips = sandbox().ec2.endpoints('us-east-1').find((e) => e.endpointId === endpoint.VpcEndpointId)?.interfaces.map((i) => i.ip) ?? [];
    assert.equal(ips.length, 2);
    await sandbox().forwarders.settled();
  });

  const conninfo = (ip: string, port: number, extra = '', host = role.privateHost) =>
    `host=${host} hostaddr=${ip} port=${port} user=${role.username} dbname=postgres sslmode=verify-full sslrootcert=${sandbox().postgres.caFile} ${extra}`;

  for (const port of [5432, 6432]) {
    it(`psql connects with sslmode=verify-full on ${port} to each interface IP`, async () => {
      for (const ip of ips) {
        const result = await psql(conninfo(ip, port), role.password, 'SELECT current_user');
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, role.username);
      }
    });

    it(`pg connects on ${port} with ssl { ca, servername } and the session is encrypted`, async () => {
      const rows = await queryOnce<{ who: string; ssl: boolean }>(sandbox(), { ip: ips[0], port, servername: role.privateHost, user: role.username, password: role.password },
        'SELECT current_user AS who, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      assert.deepEqual(rows, [{ who: role.username, ssl: true }]);
    });
  }

  it('fails verify-full for a name the certificate does not cover (two labels under the wildcard)', async () => {
    const result = await psql(conninfo(ips[0], 5432, '', `extra.${role.privateHost}`), role.password, 'SELECT 1');
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /does not match host name/);
    const client = new Client(pgConfig(sandbox(), { ip: ips[0], port: 6432, servername: `extra.${role.privateHost}`, user: role.username, password: role.password }));
    await assert.rejects(client.connect(), /Hostname\/IP does not match certificate|does not match/);
    await client.end().catch(() => undefined);
  });

  it('fails verification against a CA other than the sandbox CA', async () => {
    const client = new Client({ ...pgConfig(sandbox(), { ip: ips[0], port: 5432, servername: role.privateHost, user: role.username, password: role.password }), ssl: { servername: role.privateHost } });
    await assert.rejects(client.connect(), /self[- ]signed|unable to (get|verify)/i);
    await client.end().catch(() => undefined);
  });

  it('refuses connections without TLS on both ports', async () => {
    const direct = await psql(conninfo(ips[0], 5432, 'sslmode=disable').replace('sslmode=verify-full', ''), role.password, 'SELECT 1');
    assert.notEqual(direct.code, 0);
    assert.match(direct.stderr, /no encryption|pg_hba/);
    const pooled = await psql(conninfo(ips[0], 6432, 'sslmode=disable').replace('sslmode=verify-full', ''), role.password, 'SELECT 1');
    assert.notEqual(pooled.code, 0);
    assert.match(pooled.stderr, /SSL required/i);
  });

  it('rejects a wrong password with the message each server gives', async () => {
    const wrong = { ip: ips[0], servername: role.privateHost, user: role.username, password: 'not-the-password' };
    await assert.rejects(queryOnce(sandbox(), { ...wrong, port: 5432 }, 'SELECT 1'), /password authentication failed for user/);
    await assert.rejects(queryOnce(sandbox(), { ...wrong, port: 6432 }, 'SELECT 1'), /SASL authentication failed/);
  });

  it('serves a role created later through the API on both ports at once (PgBouncer looks it up)', async () => {
    const info = sandbox().info;
    const response = await fetch(`${info.planetscaleApiUrl}/organizations/acme/databases/orders/branches/dev/roles`, {
      method: 'POST',
      headers: { Authorization: `${info.planetscaleTokenId}:${info.planetscaleToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'late', inherited_roles: ['pg_read_all_data'] }),
    });
    const created = await response.json() as { username: string; password: string; private_access_host_url: string };
    for (const port of [6432, 5432]) {
      const result = await psql(
        `host=${created.private_access_host_url} hostaddr=${ips[1]} port=${port} user=${created.username} dbname=postgres sslmode=verify-full sslrootcert=${sandbox().postgres.caFile}`,
        created.password, 'SELECT current_user');
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, created.username);
    }
  });
});
