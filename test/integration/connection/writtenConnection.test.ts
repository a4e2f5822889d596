// What the command writes really connects: verify, format, edit a .env on disk, read it back with
// dotenv, then connect with node-postgres (the URL unchanged, the name resolved through the sandbox
// DNS) and with psql (host = the private name for verify-full, hostaddr = the resolved IP).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dotenv from 'dotenv';
import { expand } from 'dotenv-expand';
import { Client } from 'pg';
import type { SeededRole } from '../../../sandbox';
import { ClientKind, formatConnection } from '../../../src/connection/connectionFormats';
import { verifyConnection } from '../../../src/connection/verifyPipeline';
import { planEnvEdit } from '../../../src/dotenv/dotenvEdit';
import { useSandbox } from '../support/sandbox';
import { knownEndpoints, readyEndpoint, seedWithOwnVpc, socketViaSandboxDns } from './connectionSandbox';

interface PsqlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** psql with only the given environment (plus PATH); the password travels in the URL or PGPASSWORD. */
function psql(args: string[], env: Record<string, string>): Promise<PsqlResult> {
  return new Promise((resolve) => {
    execFile('psql', [...args, '-X', '-A', '-t', '-c', 'select current_user, (select ssl from pg_stat_ssl where pid = pg_backend_pid())'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PGCONNECT_TIMEOUT: '5', ...env }, timeout: 15_000,
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

describe('the connection string written to .env connects', function () {
  this.timeout(60_000);
  const sandbox = useSandbox({ ec2Seed: seedWithOwnVpc() });
  let role: SeededRole;
  let dir: string;
  let resolvedIp: string;
  const EXISTING = '# my app\r\nexport NODE_ENV=development\r\nSECRET_KEY=\'k$y#1\'\r\nDATABASE_URL=postgres://localhost/dev';

  before(async () => {
    role = sandbox().postgres.seededRole('orders', 'dev');
    const endpoint = await readyEndpoint(sandbox(), 'written-endpoint-sg', [5432, 6432]);
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([sandbox().info.dnsServer]);
    resolvedIp = (await resolver.resolve4(role.privateHost))[0];
    assert.ok(endpoint.ips.includes(resolvedIp));
    dir = mkdtempSync(join(tmpdir(), 'written-env-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The command's order: verify both ports, then format and write. Returns the file's text. */
  async function verifyAndWrite(kind: ClientKind, file: string): Promise<string> {
    for (const port of [6432, 5432]) {
      const result = await verifyConnection({
        host: role.privateHost, port, user: role.username, password: role.password, database: 'postgres',
        caFile: sandbox().info.caFile, dnsServer: sandbox().info.dnsServer,
        serviceName: role.privateServiceName, endpoints: knownEndpoints(sandbox()),
      });
      assert.equal(result.outcome, 'success', result.summary);
    }
    const format = formatConnection(kind, {
      host: role.privateHost, user: role.username, password: role.password, database: 'postgres', port: 'both', caFile: sandbox().info.caFile,
    });
    const path = join(dir, file);
    writeFileSync(path, EXISTING);
    const plan = planEnvEdit(EXISTING, format.variables, { header: 'PlanetScale Postgres over PrivateLink (acme/orders/dev)' });
    writeFileSync(path, plan.newText);
    return readFileSync(path, 'utf8');
  }

  it('node-postgres format: pg connects with both URLs exactly as dotenv (and dotenv-expand) read them', async () => {
    const text = await verifyAndWrite('node-postgres', '.env.node');
    assert.ok(text.startsWith('# my app\r\nexport NODE_ENV=development\r\nSECRET_KEY=\'k$y#1\'\r\n'), 'the rest of the file is untouched');
    const env = dotenv.parse(text);
    const expanded = expand({ parsed: { ...env }, processEnv: {} }).parsed!;
    assert.equal(env.SECRET_KEY, 'k$y#1');
    for (const key of ['DATABASE_URL', 'DIRECT_URL']) {
      assert.equal(expanded[key], env[key], `dotenv-expand reads ${key} unchanged`);
      const url = new URL(env[key]);
      assert.equal(url.hostname, role.privateHost, 'the URL keeps the private host name');
      assert.equal(url.searchParams.get('sslmode'), 'verify-full');
      const client = new Client({ connectionString: env[key], stream: socketViaSandboxDns(sandbox().info.dnsServer) });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const { rows } = await client.query('select current_user as who');
        assert.equal(rows[0].who, role.username, key);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  });

  it('node-postgres really checks the host name with that URL (verify-full is not silently off)', async () => {
    const env = dotenv.parse(readFileSync(join(dir, '.env.node'), 'utf8'));
    const otherName = `x.${role.privateHost}`; // not covered by the one-label wildcard
    sandbox().dns.setOverride(otherName, [resolvedIp]);
    try {
      const client = new Client({ connectionString: env.DIRECT_URL.replace(role.privateHost, otherName), stream: socketViaSandboxDns(sandbox().info.dnsServer) });
      client.on('error', () => undefined);
      await assert.rejects(client.connect(), /does not match|altnames/i);
      await client.end().catch(() => undefined);
    } finally {
      sandbox().dns.setOverride(otherName, null);
    }
  });

  it('libpq URL format: psql connects with verify-full through host name + hostaddr, on both ports', async () => {
    const env = dotenv.parse(await verifyAndWrite('psycopg2', '.env.libpq'));
    for (const key of ['DATABASE_URL', 'DIRECT_URL']) {
      const url = new URL(env[key]);
      assert.equal(url.searchParams.get('sslmode'), 'verify-full');
      assert.equal(url.searchParams.get('sslrootcert'), sandbox().info.caFile);
      // hostaddr from the environment: libpq connects to the IP and verifies against the URL's host.
      const result = await psql([env[key]], { PGHOSTADDR: resolvedIp });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, `${role.username}|t`, key);
    }
  });

  it('a role with a dotted name and the password p@ss:w/rd#1%$x connects through every written form', async () => {
    const tricky = { username: 'pscale_api_test.tricky1', password: 'p@ss:w/rd#1%$x' };
    await sandbox().postgres.createLoginRole({ ...tricky, inheritedRoles: ['postgres'] });
    const saved = role;
    role = { ...role, ...tricky };
    try {
      const nodeEnv = dotenv.parse(await verifyAndWrite('node-postgres', '.env.tricky-node'));
      for (const key of ['DATABASE_URL', 'DIRECT_URL']) {
        const client = new Client({ connectionString: nodeEnv[key], stream: socketViaSandboxDns(sandbox().info.dnsServer) });
        client.on('error', () => undefined);
        try {
          await client.connect();
          assert.equal((await client.query('select current_user as who')).rows[0].who, tricky.username, key);
        } finally {
          await client.end().catch(() => undefined);
        }
      }
      const libpqEnv = dotenv.parse(await verifyAndWrite('psycopg2', '.env.tricky-libpq'));
      for (const key of ['DATABASE_URL', 'DIRECT_URL']) {
        const result = await psql([libpqEnv[key]], { PGHOSTADDR: resolvedIp });
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, `${tricky.username}|t`, key);
      }
      const pgVars = dotenv.parse(await verifyAndWrite('libpq-env', '.env.tricky-pgvars'));
      assert.equal(pgVars.PGPASSWORD, tricky.password);
      const result = await psql([], { ...pgVars, PGHOSTADDR: resolvedIp });
      assert.equal(result.code, 0, result.stderr);
    } finally {
      role = saved;
    }
  });

  it('libpq environment format: psql connects from the PG* variables alone', async () => {
    const env = dotenv.parse(await verifyAndWrite('libpq-env', '.env.pgvars'));
    assert.equal(env.PGPASSWORD, role.password);
    assert.equal(env.PGSSLMODE, 'verify-full');
    const result = await psql([], { ...env, PGHOSTADDR: resolvedIp });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${role.username}|t`);
  });
});
