// sslrootcert=system needs libpq 16+; this machine's psql is Debian 12's libpq 15, a real client
// that fails with it (issue 13, item 6). What the command writes for libpq clients follows the
// libpq detected here (pg_config/psql) and names the system CA bundle instead, and psql connects
// with verify-full through it. The "system store" is this machine's CA bundle plus the sandbox
// CA, standing in for the public CA that signs PlanetScale's certificates.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dotenv from 'dotenv';
import type { SeededRole } from '../../../sandbox';
import { formatConnection } from '../../../src/connection/connectionFormats';
import { detectLibpq, findCaBundle } from '../../../src/connection/libpqDetection';
import { planEnvEdit } from '../../../src/dotenv/dotenvEdit';
import { useSandbox } from '../support/sandbox';
import { readyEndpoint, seedWithOwnVpc } from './connectionSandbox';

function psql(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('psql', [...args, '-X', '-A', '-t', '-c', 'select current_user, (select ssl from pg_stat_ssl where pid = pg_backend_pid())'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PGCONNECT_TIMEOUT: '5', ...env }, timeout: 15_000,
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

describe('libpq clients get CA roots their libpq can read', function () {
  this.timeout(60_000);
  const sandbox = useSandbox({ ec2Seed: seedWithOwnVpc() });
  let role: SeededRole;
  let dir: string;
  let bundle: string;
  let resolvedIp: string;

  before(async () => {
    role = sandbox().postgres.seededRole('orders', 'dev');
    await readyEndpoint(sandbox(), 'libpq-roots-sg', [5432, 6432]);
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([sandbox().info.dnsServer]);
    resolvedIp = (await resolver.resolve4(role.privateHost))[0];
    dir = mkdtempSync(join(tmpdir(), 'libpq-roots-'));
    const system = await findCaBundle();
    assert.ok(system, 'this machine has a system CA bundle (ca-certificates)');
    bundle = join(dir, 'ca-certificates.crt');
    writeFileSync(bundle, `${readFileSync(system, 'utf8')}\n${readFileSync(sandbox().info.caFile, 'utf8')}`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Formats for `kind` with the libpq facts of this machine, writes .env, reads it back with dotenv. */
  async function written(kind: 'libpq-env' | 'psycopg2') {
    const libpq = await detectLibpq(kind, dir, { caBundleCandidates: [bundle] });
    const format = formatConnection(kind, { host: role.privateHost, user: role.username, password: role.password, database: 'postgres', port: 5432 }, { libpq });
    const plan = planEnvEdit('APP=1\n', format.variables, { header: 'test' });
    writeFileSync(join(dir, '.env'), plan.newText);
    return { libpq, format, env: dotenv.parse(readFileSync(join(dir, '.env'), 'utf8')) };
  }

  it('psql here is libpq 15, which fails with sslrootcert=system (the case the fix is for)', async () => {
    const facts = await detectLibpq('libpq-env', dir, { caBundleCandidates: [] });
    assert.equal(facts.major, 15, `detected: ${JSON.stringify(facts)}`);
    const url = `postgresql://${role.username}:${encodeURIComponent(role.password)}@${role.privateHost}:5432/postgres?sslmode=verify-full&sslrootcert=system`;
    const result = await psql([url], { PGHOSTADDR: resolvedIp });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /root certificate file "system"/);
  });

  it('the PG* variables name the CA bundle, the notes say why, and psql connects with verify-full', async () => {
    const { env, format } = await written('libpq-env');
    assert.equal(env.PGSSLROOTCERT, bundle);
    assert.equal(env.PGSSLMODE, 'verify-full');
    assert.ok(format.notes.some((n) => n.includes(bundle) && /libpq 15/.test(n)), format.notes.join('\n'));
    const result = await psql([], { ...env, PGHOSTADDR: resolvedIp });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${role.username}|t`);
  });

  it('a libpq URL (psycopg2 format, driver not installed here) names the CA bundle and psql connects with it', async () => {
    const { env, libpq } = await written('psycopg2');
    assert.equal(libpq.major, undefined, 'no psycopg2 here to ask: the libpq is unknown, so a bundle path is the safe choice');
    assert.equal(new URL(env.DATABASE_URL).searchParams.get('sslrootcert'), bundle);
    const result = await psql([env.DATABASE_URL], { PGHOSTADDR: resolvedIp });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${role.username}|t`);
  });
});
