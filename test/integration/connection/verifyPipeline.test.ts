// The verification pipeline against the sandbox: real DNS server, real forwarders with the VPC's
// security-group rules, real Postgres and PgBouncer with TLS, real pg. Each failing phase names
// itself, and the password appears in no phase result and no log line.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeededRole } from '../../../sandbox';
import { createRedactor, percentEncodeStrict } from '../../../src/connection/redact';
import { verifyConnection } from '../../../src/connection/verifyPipeline';
import { PhaseResult, VerifyInputError, VerifyOptions, VerifyResult, VerifyTarget } from '../../../src/connection/verifyTypes';
import { useSandbox } from '../support/sandbox';
import { knownEndpoints, ReadyEndpoint, readyEndpoint, seedWithOwnVpc, setPortAllowed } from './connectionSandbox';

describe('connection verification against the sandbox', function () {
  this.timeout(60_000);
  const sandbox = useSandbox({ ec2Seed: seedWithOwnVpc() });
  let role: SeededRole;
  /** Every string the pipeline produced in this file, to prove no password is in any of them. */
  const outputs: string[] = [];
  const secrets: string[] = [];

  before(() => {
    role = sandbox().postgres.seededRole('orders', 'main');
    secrets.push(role.password);
  });

  function target(overrides: Partial<VerifyTarget> = {}): VerifyTarget {
    return {
      host: role.privateHost, port: 5432, user: role.username, password: role.password, database: 'postgres',
      caFile: sandbox().info.caFile, dnsServer: sandbox().info.dnsServer,
      serviceName: role.privateServiceName, endpoints: knownEndpoints(sandbox()), ...overrides,
    };
  }

  async function verify(t: VerifyTarget, options: VerifyOptions = {}): Promise<{ result: VerifyResult; seen: PhaseResult[]; lines: string[] }> {
    const seen: PhaseResult[] = [];
    const lines: string[] = [];
    if (t.password && !secrets.includes(t.password)) secrets.push(t.password);
    const result = await verifyConnection(t, { timeouts: { tcp: 2000, tls: 1500 }, ...options, onPhase: (p) => seen.push(p), log: (l) => lines.push(l) });
    outputs.push(JSON.stringify(result), JSON.stringify(seen), ...lines);
    return { result, seen, lines };
  }

  function phase(result: VerifyResult, name: PhaseResult['phase']): PhaseResult {
    return result.phases.find((p) => p.phase === name)!;
  }

  describe('before any endpoint exists', () => {
    it('DNS fails: the private host has no answer, pointing at private DNS / not inside the VPC', async () => {
      const { result, seen } = await verify(target());
      assert.equal(result.outcome, 'failed');
      assert.equal(result.failedPhase, 'dns');
      assert.deepEqual(seen.map((p) => [p.phase, p.status]), [['dns', 'fail'], ['tcp', 'skipped'], ['tls', 'skipped'], ['auth', 'skipped'], ['query', 'skipped']]);
      assert.match(phase(result, 'dns').detail, /has no address at DNS server/);
      assert.match(phase(result, 'dns').fix!, /private DNS enabled/);
      assert.match(phase(result, 'dns').fix!, /inside the VPC|in the VPC/);
      assert.equal(result.connectedTo, undefined);
    });
  });

  describe('with an available endpoint', () => {
    let endpoint: ReadyEndpoint;

    before(async () => {
      endpoint = await readyEndpoint(sandbox(), 'verify-endpoint-sg', [5432, 6432]);
    });

    for (const port of [5432, 6432]) {
      it(`passes every phase on ${port}, with a time per phase, over one connection`, async () => {
        const before = sandbox().forwarders.decisions().length;
        const { result, seen } = await verify(target({ port }));
        assert.equal(result.outcome, 'success', result.summary);
        assert.deepEqual(seen.map((p) => [p.phase, p.status]), [['dns', 'pass'], ['tcp', 'pass'], ['tls', 'pass'], ['auth', 'pass'], ['query', 'pass']]);
        for (const p of seen) assert.ok(Number.isInteger(p.durationMs) && p.durationMs >= 0, `${p.phase} took ${p.durationMs} ms`);
        assert.deepEqual(phase(result, 'dns').evidence.addresses, endpoint.ips);
        assert.ok(endpoint.ips.includes(result.connectedTo!.ip));
        assert.equal(result.connectedTo!.port, port);
        assert.equal(phase(result, 'tls').evidence.serverName, role.privateHost);
        assert.match(String(phase(result, 'tls').evidence.protocol), /^TLSv1\.[23]$/);
        assert.ok(phase(result, 'tls').evidence.validTo);
        assert.equal(phase(result, 'query').evidence.currentUser, role.username);
        assert.equal(phase(result, 'query').evidence.ssl, true);
        assert.match(String(phase(result, 'query').evidence.serverVersion), /^PostgreSQL 15/);
        if (port === 6432) assert.match(phase(result, 'query').detail, /PSBouncer's own connection/);
        // The forwarder saw exactly one connection for the whole run: TLS, login and query share it.
        const made = sandbox().forwarders.decisions().slice(before);
        assert.equal(made.length, 1, JSON.stringify(made));
        assert.equal(made[0].allowed, true);
      });
    }

    it('DNS fails when the answer is public: not inside the VPC', async () => {
      sandbox().dns.setOverride(role.privateHost, ['203.0.113.7']);
      try {
        const { result } = await verify(target());
        assert.equal(result.failedPhase, 'dns');
        assert.match(phase(result, 'dns').detail, /203\.0\.113\.7, which is not a private address/);
        assert.match(phase(result, 'dns').fix!, /would not go through PrivateLink/);
        assert.equal(phase(result, 'tcp').status, 'skipped', 'nothing connects to a public address');
      } finally {
        sandbox().dns.setOverride(role.privateHost, null);
      }
    });

    it('DNS fails when the answer is not the endpoint\'s interfaces, naming it as no known endpoint', async () => {
      const stray = endpoint.ips[0].replace(/\.\d+$/, '.99');
      sandbox().dns.setOverride(role.privateHost, [stray]);
      try {
        const { result } = await verify(target());
        assert.equal(result.failedPhase, 'dns');
        assert.match(phase(result, 'dns').detail, new RegExp(`resolves to ${stray.replace(/\./g, '\\.')} \\(no known endpoint\\), but the interfaces of ${endpoint.endpointId} `));
        assert.equal(phase(result, 'dns').remedy, 'createEndpoint');
      } finally {
        sandbox().dns.setOverride(role.privateHost, null);
      }
    });

    // Issue 13.1: every region's service answers for *.private-pg.psdb.cloud, so the us-east-1
    // endpoint answers for the eu-west-1 branch analytics/main; that is no proof of a private path.
    it('DNS fails for a branch of another region\'s service, naming the endpoint that answered and offering Create Endpoint', async () => {
      const analytics = sandbox().postgres.seededRole('analytics', 'main');
      secrets.push(analytics.password);
      const before = sandbox().forwarders.decisions().length;
      const { result } = await verify(target({ host: analytics.privateHost, user: analytics.username, password: analytics.password, serviceName: analytics.privateServiceName }));
      assert.equal(result.outcome, 'failed', result.summary);
      assert.equal(result.failedPhase, 'dns');
      const dns = phase(result, 'dns');
      assert.match(dns.detail, new RegExp(`${endpoint.endpointId} of another service, com\\.amazonaws\\.vpce\\.us-east-1\\.`));
      assert.match(dns.detail, new RegExp(`no available endpoint of the branch's service ${analytics.privateServiceName.replace(/\./g, '\\.')} is known`));
      assert.match(dns.fix!, /Create an interface endpoint for com\.amazonaws\.vpce\.eu-west-1\./);
      assert.equal(dns.remedy, 'createEndpoint');
      assert.doesNotMatch(result.summary, /Verified/);
      assert.equal(sandbox().forwarders.decisions().length, before, 'nothing connected');
    });

    it('TLS fails with "does not serve" when wrong endpoint facts let another region\'s branch past DNS (the edge refuses it)', async () => {
      const analytics = sandbox().postgres.seededRole('analytics', 'main');
      const mislabelled = knownEndpoints(sandbox()).map((e) => (e.id === endpoint.endpointId ? { ...e, serviceName: analytics.privateServiceName } : e));
      const { result } = await verify(target({ host: analytics.privateHost, user: analytics.username, password: analytics.password, serviceName: analytics.privateServiceName, endpoints: mislabelled }));
      assert.equal(result.failedPhase, 'tls', result.summary);
      assert.match(phase(result, 'tls').detail, /does not serve .*unrecognized name/);
      assert.match(phase(result, 'tls').fix!, /endpoint of the branch's own Private Service Name/);
    });

    it('DNS fails when the endpoint that answers is not known at all (no AWS view loaded)', async () => {
      const { result } = await verify(target({ endpoints: [] }));
      assert.equal(result.failedPhase, 'dns');
      assert.match(phase(result, 'dns').detail, /\(no known endpoint\).*no available endpoint of the branch's service/);
      assert.equal(phase(result, 'dns').remedy, 'createEndpoint');
    });

    it('stopAfter tls proves DNS, TCP and TLS without credentials and says the login was not tried', async () => {
      const { result, seen } = await verify(target({ user: '', password: '' }), { stopAfter: 'tls' });
      assert.equal(result.outcome, 'success', result.summary);
      assert.deepEqual(seen.map((p) => [p.phase, p.status]), [['dns', 'pass'], ['tcp', 'pass'], ['tls', 'pass'], ['auth', 'skipped'], ['query', 'skipped']]);
      assert.match(result.summary, /^Reached .* privately through DNS, TCP, TLS; authentication and query not run yet\./);
      assert.doesNotMatch(result.summary, /Verified/);
    });

    it('TCP fails with ECONNREFUSED on a closed port: nothing listening', async () => {
      const { result } = await verify(target({ port: 5433 }));
      assert.equal(result.failedPhase, 'tcp');
      assert.equal(phase(result, 'tcp').evidence.error, 'ECONNREFUSED');
      assert.match(phase(result, 'tcp').detail, /refused the connection: nothing listens there/);
      assert.equal(phase(result, 'tls').status, 'skipped');
    });

    it('a black-holed port (security group without 6432) times out pointing at security groups and NACLs', async () => {
      await setPortAllowed(sandbox(), endpoint.securityGroupId, 6432, false);
      try {
        const { result } = await verify(target({ port: 6432 }));
        assert.equal(result.outcome, 'failed');
        assert.ok(result.failedPhase === 'tcp' || result.failedPhase === 'tls', `failed in ${result.failedPhase}`);
        const failed = phase(result, result.failedPhase!);
        assert.match(failed.detail, /within 1\.5 s|within 2 s/);
        assert.match(failed.fix!, /security group allows inbound TCP 6432/);
        assert.match(failed.fix!, /network ACLs/);
        assert.ok(failed.durationMs >= 1400 && failed.durationMs < 5000, `bounded: ${failed.durationMs} ms`);
        assert.equal(phase(result, 'auth').status, 'skipped');
        const dropped = sandbox().forwarders.decisions().at(-1)!;
        assert.equal(dropped.allowed, false, 'the forwarder did drop it');
      } finally {
        await setPortAllowed(sandbox(), endpoint.securityGroupId, 6432, true);
      }
    });

    it('can be cancelled while waiting on a black hole', async () => {
      await setPortAllowed(sandbox(), endpoint.securityGroupId, 6432, false);
      try {
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 300);
        const started = Date.now();
        const { result } = await verify(target({ port: 6432 }), { signal: controller.signal, timeouts: { tls: 10_000 } });
        assert.equal(result.outcome, 'cancelled');
        assert.ok(Date.now() - started < 3000, 'returns promptly');
        assert.equal(phase(result, 'tls').status, 'skipped');
        assert.match(phase(result, 'tls').detail, /Cancelled/);
      } finally {
        await setPortAllowed(sandbox(), endpoint.securityGroupId, 6432, true);
      }
    });

    it('TLS fails against the wrong CA file, pointing at the CA setting', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wrong-ca-'));
      try {
        // Another CA entirely: the database's certificate does not chain to it.
        const wrongCa = join(dir, 'other-ca.pem');
        execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
          '-keyout', join(dir, 'other-ca.key'), '-out', wrongCa, '-days', '1', '-subj', '/CN=Some Other CA'], { stdio: 'ignore' });
        const { result } = await verify(target({ caFile: wrongCa }));
        assert.equal(result.failedPhase, 'tls');
        assert.match(phase(result, 'tls').detail, /does not chain to the CA file/);
        assert.match(phase(result, 'tls').fix!, /planetscalePrivateLink\.tls\.caFile/);
        assert.equal(phase(result, 'tls').evidence.issuer, 'Sandbox Root CA, PlanetScale PrivateLink Sandbox', 'reports who issued it');
        assert.equal(phase(result, 'auth').status, 'skipped', 'nothing is sent over an unverified session');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('TLS fails with Node\'s public roots when the database uses a private CA', async () => {
      const { result } = await verify(target({ caFile: undefined }));
      assert.equal(result.failedPhase, 'tls');
      assert.match(phase(result, 'tls').detail, /does not chain to Node's built-in public CA roots/);
    });

    it('TLS fails when the CA file cannot be read, naming the file', async () => {
      const { result } = await verify(target({ caFile: '/nonexistent/ca.pem' }));
      assert.equal(result.failedPhase, 'tls');
      assert.match(phase(result, 'tls').detail, /\/nonexistent\/ca\.pem cannot be read \(ENOENT\)/);
    });

    it('TLS fails on a host name the certificate does not cover, pointing at the wrong host', async () => {
      const wrongHost = `x.${role.privateHost}`; // a wildcard covers one label only
      sandbox().dns.setOverride(wrongHost, endpoint.ips);
      try {
        const { result } = await verify(target({ host: wrongHost }));
        assert.equal(result.failedPhase, 'tls');
        assert.match(phase(result, 'tls').detail, /not x\./);
        assert.match(phase(result, 'tls').fix!, /Private Host exactly as PlanetScale shows it/);
      } finally {
        sandbox().dns.setOverride(wrongHost, null);
      }
    });

    for (const [port, message] of [[5432, /password authentication failed/], [6432, /SASL authentication failed/]] as const) {
      it(`authentication fails on ${port} with a wrong password, pointing at user, password and expired roles`, async () => {
        const { result } = await verify(target({ port, password: 'Wr0ng:p@ss/word#%$' }));
        assert.equal(result.failedPhase, 'auth');
        assert.equal(phase(result, 'tls').status, 'pass');
        assert.match(phase(result, 'auth').detail, message);
        assert.match(phase(result, 'auth').fix!, /user name and password/);
        assert.match(phase(result, 'auth').fix!, /expires/);
        assert.equal(phase(result, 'query').status, 'skipped');
      });
    }

    it('rejects a malformed DNS server setting before any traffic, naming the setting', async () => {
      await assert.rejects(verifyConnection(target({ dnsServer: 'dns.example:53' })), (e: unknown) => e instanceof VerifyInputError && e.field === 'dns.server');
    });
  });

  after(() => {
    // Every phase result and log line of this file, success and failure alike.
    assert.ok(outputs.length > 20);
    const redact = createRedactor(secrets);
    for (const text of outputs) {
      for (const secret of secrets) {
        assert.ok(!text.includes(secret) && !text.includes(percentEncodeStrict(secret)) && !text.includes(encodeURIComponent(secret)), `a password leaked into: ${redact(text)}`);
      }
    }
  });
});
