// sslrootcert for libpq clients follows what is known of their libpq (issue 13, item 6), and
// Prisma through the node-postgres adapter gets a URL that pg 9 still verifies.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parsePgUrl } from 'pg-connection-string';
import { ConnectionTarget, FormatInputError, formatConnection } from '../../../src/connection/connectionFormats';
import { ProgramRunner, detectLibpq, findCaBundle } from '../../../src/connection/libpqDetection';

const BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const target: ConnectionTarget = { host: 'br-7x2k9q.private-pg.psdb.cloud', user: 'pscale_api_abc.xyz123', password: 'pw', database: 'postgres', port: 5432 };
const rootcertOf = (url: string) => new URL(url).searchParams.get('sslrootcert');

describe('libpq CA roots (sslrootcert)', () => {
  it('names the CA bundle, not "system", for a libpq older than 16, and says why in the notes', () => {
    const format = formatConnection('psycopg2', target, { libpq: { major: 15, evidence: 'psycopg2 2.9.9 (the system\'s libpq 15)', caBundle: BUNDLE } });
    assert.equal(rootcertOf(format.variables[0].value), BUNDLE);
    assert.ok(format.notes.some((n) => n.includes(BUNDLE) && n.includes('libpq 15') && /older than libpq 16/.test(n)), format.notes.join('\n'));
    assert.match(format.description, /CA bundle \/etc\/ssl\/certs\/ca-certificates\.crt/);
    const env = formatConnection('libpq-env', target, { libpq: { major: 15, evidence: 'psql 15.18 (libpq 15)', caBundle: BUNDLE } });
    assert.equal(env.variables.find((v) => v.key === 'PGSSLROOTCERT')?.value, BUNDLE);
  });

  it('names the CA bundle for a driver that brings its own libpq and OpenSSL, and when the libpq is unknown', () => {
    const wheel = formatConnection('psycopg', target, { libpq: { major: 17, bundled: true, evidence: 'psycopg 3.2.3 (its own bundled libpq 17)', caBundle: BUNDLE } });
    assert.equal(rootcertOf(wheel.variables[0].value), BUNDLE);
    assert.ok(wheel.notes.some((n) => n.includes('brings its own libpq and OpenSSL')));
    const unknown = formatConnection('ruby-pg', target, { libpq: { caBundle: BUNDLE } });
    assert.equal(rootcertOf(unknown.variables[0].value), BUNDLE);
    assert.ok(unknown.notes.some((n) => n.includes('could not be found out here')));
  });

  it('keeps sslrootcert=system for a system libpq 16+, with a note for containers', () => {
    const format = formatConnection('psycopg2', target, { libpq: { major: 17, bundled: false, evidence: 'psycopg2 2.9.10 (the system\'s libpq 17)', caBundle: BUNDLE } });
    assert.equal(rootcertOf(format.variables[0].value), 'system');
    assert.ok(format.notes.some((n) => n.includes('container') && n.includes(BUNDLE)));
  });

  it('refuses, naming tls.caFile, when an old libpq meets a machine without a CA bundle', () => {
    assert.throws(
      () => formatConnection('libpq-env', target, { libpq: { major: 15, evidence: 'psql 15.18 (libpq 15)' } }),
      (e: unknown) => e instanceof FormatInputError && e.field === 'caFile' && /tls\.caFile/.test(e.message) && /ca-certificates/.test(e.message),
    );
  });

  it('a configured CA file wins over everything, and sslmode=require names no roots', () => {
    const withCa = formatConnection('psycopg2', { ...target, caFile: '/ca.pem' }, { libpq: { major: 15, caBundle: BUNDLE } });
    assert.equal(rootcertOf(withCa.variables[0].value), '/ca.pem');
    const weak = formatConnection('psycopg2', { ...target, sslmode: 'require' }, { libpq: { major: 15 } });
    assert.equal(rootcertOf(weak.variables[0].value), null);
  });

  it('finds the first candidate bundle that holds a certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-bundles-'));
    try {
      writeFileSync(join(dir, 'empty.pem'), '');
      writeFileSync(join(dir, 'real.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      assert.equal(await findCaBundle([join(dir, 'missing.pem'), join(dir, 'empty.pem'), join(dir, 'real.pem')]), join(dir, 'real.pem'));
      assert.equal(await findCaBundle([join(dir, 'empty.pem')]), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('libpq detection from the programs the client would use', () => {
  /** Answers like the programs do; anything else is "not installed". */
  const programs = (answers: Record<string, string>): ProgramRunner => async (file) => answers[file.split('/').pop()!];

  it('reads libpq 15 from pg_config or psql for the PG* variables', async () => {
    const facts = await detectLibpq('libpq-env', '/app', { run: programs({ psql: 'psql (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n' }), caBundleCandidates: [] });
    assert.deepEqual(facts, { major: 15, evidence: 'psql 15.18 (libpq 15)', caBundle: undefined });
  });

  it('reads the driver\'s libpq from Python, and falls back to the manifest\'s hint without a driver', async () => {
    const facts = await detectLibpq('django', '/app', { run: programs({ python3: '{"driver": "psycopg 3.2.3", "libpq": 170002, "bundled": true}\n' }), caBundleCandidates: [] });
    assert.equal(facts.major, 17);
    assert.equal(facts.bundled, true);
    assert.equal(facts.evidence, 'psycopg 3.2.3 (its own bundled libpq 17)');
    const noDriver = await detectLibpq('psycopg', '/app', { hintBundled: true, run: programs({ python3: '{}\n' }), caBundleCandidates: [] });
    assert.deepEqual(noDriver, { bundled: true, caBundle: undefined });
  });
});

describe('Prisma through the node-postgres adapter (pg 9 reads require as "encrypt only")', () => {
  for (const port of [5432, 6432, 'both'] as const) {
    it(`DATABASE_URL stays verified by node-postgres with libpq semantics (port ${port})`, () => {
      const format = formatConnection('prisma', { ...target, port }, { prismaRuntime: 'node-postgres' });
      const url = format.variables.find((v) => v.key === 'DATABASE_URL')!.value;
      assert.equal(new URL(url).searchParams.get('sslmode'), 'verify-full');
      // pg 9's reading is pg 8's with libpq compatibility: the certificate must still be checked.
      const ssl = parsePgUrl(url, { useLibpqCompat: true }).ssl as { rejectUnauthorized?: boolean } | boolean;
      assert.ok(ssl && (ssl === true || ssl.rejectUnauthorized !== false), `pg 9 would verify: ${JSON.stringify(ssl)}`);
      assert.ok(format.notes.some((n) => /node-postgres 9/.test(n)));
    });
  }
});
