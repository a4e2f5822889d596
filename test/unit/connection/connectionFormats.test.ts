import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parsePgUrl } from 'pg-connection-string';
import {
  CLIENT_KINDS, ClientKind, ConnectionTarget, EnvVariable, FormatInputError, formatConnection,
} from '../../../src/connection/connectionFormats';

const PASSWORD = 'p@ss:w/rd#1%$x';
const ENCODED = 'p%40ss%3Aw%2Frd%231%25%24x';
const target: ConnectionTarget = {
  host: 'br-7x2k9q.private-pg.psdb.cloud',
  user: 'pscale_api_abc.xyz123',
  password: PASSWORD,
  database: 'postgres',
  port: 5432,
};
const URL_KINDS = CLIENT_KINDS.filter((k) => k !== 'libpq-env');

function byKey(vars: EnvVariable[], key: string): EnvVariable {
  const v = vars.find((x) => x.key === key);
  assert.ok(v, `expected a variable ${key} in ${vars.map((x) => x.key).join(', ')}`);
  return v;
}

function urlOf(kind: ClientKind, t: ConnectionTarget = target, key = 'DATABASE_URL'): URL {
  return new URL(byKey(formatConnection(kind, t).variables, key).value);
}

describe('connection formats', () => {
  describe('credentials in URLs', () => {
    for (const kind of URL_KINDS) {
      it(`${kind}: percent-encodes the password so the URL parser gets it back exactly`, () => {
        const raw = byKey(formatConnection(kind, target).variables, 'DATABASE_URL').value;
        assert.ok(raw.includes(`:${ENCODED}@`), raw);
        const url = new URL(raw);
        assert.equal(decodeURIComponent(url.password), PASSWORD);
        assert.equal(decodeURIComponent(url.username), target.user);
        assert.equal(url.hostname, target.host);
        assert.equal(url.pathname, '/postgres');
      });
    }

    it('node-postgres reads user and password back through pg-connection-string', () => {
      const config = parsePgUrl(byKey(formatConnection('node-postgres', target).variables, 'DATABASE_URL').value);
      assert.equal(config.password, PASSWORD);
      assert.equal(config.user, target.user);
      assert.equal(config.host, target.host);
      assert.equal(config.port, '5432');
      assert.equal(config.database, 'postgres');
    });

    it('encodes the characters encodeURIComponent leaves alone', () => {
      const url = byKey(formatConnection('node-postgres', { ...target, password: "it's(*)!" }).variables, 'DATABASE_URL').value;
      assert.ok(url.includes(':it%27s%28%2A%29%21@'), url);
      assert.equal(parsePgUrl(url).password, "it's(*)!");
    });

    it('keeps a + in the password (a query-style decoder would turn it into a space)', () => {
      const url = byKey(formatConnection('node-postgres', { ...target, password: 'a+b c' }).variables, 'DATABASE_URL').value;
      assert.equal(parsePgUrl(url).password, 'a+b c');
    });

    it('marks every variable that carries the password as secret, and only those', () => {
      for (const kind of CLIENT_KINDS) {
        for (const v of formatConnection(kind, { ...target, port: 'both' }).variables) {
          assert.equal(v.secret, v.value.includes(ENCODED) || v.value === PASSWORD, `${kind} ${v.key}`);
        }
      }
    });
  });

  describe('node-postgres TLS parameters', () => {
    it('writes sslmode=verify-full and never sslrootcert=system', () => {
      for (const kind of ['node-postgres', 'sequelize'] as const) {
        const url = urlOf(kind);
        assert.equal(url.searchParams.get('sslmode'), 'verify-full');
        assert.equal(url.searchParams.has('sslrootcert'), false);
      }
      // pg-connection-string would read sslrootcert=system as a file and fail with ENOENT.
      const config = parsePgUrl(urlOf('node-postgres').href);
      assert.deepEqual(config.ssl, {});
    });

    it('(why) node-postgres reads sslrootcert=system as a file and fails with ENOENT', () => {
      const libpqStyle = byKey(formatConnection('psycopg', target).variables, 'DATABASE_URL').value;
      assert.throws(() => parsePgUrl(libpqStyle), /ENOENT/);
    });

    it('writes sslrootcert=<file> for a custom CA file, and pg loads that file as the CA', () => {
      const dir = mkdtempSync(join(tmpdir(), 'formats-'));
      try {
        const caFile = join(dir, 'sandbox ca.pem');
        writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
        const url = byKey(formatConnection('node-postgres', { ...target, caFile }).variables, 'DATABASE_URL').value;
        assert.equal(new URL(url).searchParams.get('sslrootcert'), caFile);
        const ssl = parsePgUrl(url).ssl as { ca?: string; rejectUnauthorized?: boolean };
        assert.match(String(ssl.ca), /BEGIN CERTIFICATE/);
        assert.notEqual(ssl.rejectUnauthorized, false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('an explicit require turns on libpq semantics, so pg really skips verification', () => {
      const url = urlOf('node-postgres', { ...target, sslmode: 'require' });
      assert.equal(url.searchParams.get('uselibpqcompat'), 'true');
      const ssl = parsePgUrl(url.href).ssl as { rejectUnauthorized?: boolean };
      assert.equal(ssl.rejectUnauthorized, false);
    });

    it('Sequelize also gets PGSSLMODE, which node-postgres reads when the ORM drops the URL parameters', () => {
      const vars = formatConnection('sequelize', target).variables;
      assert.equal(byKey(vars, 'PGSSLMODE').value, 'verify-full');
    });
  });

  describe('libpq-family TLS parameters', () => {
    for (const kind of ['psycopg', 'psycopg2', 'sqlalchemy', 'django', 'ruby-pg', 'rails'] as const) {
      it(`${kind}: sslrootcert=system for the system roots, the file for a custom CA, never sslnegotiation`, () => {
        const system = urlOf(kind);
        assert.equal(system.searchParams.get('sslmode'), 'verify-full');
        assert.equal(system.searchParams.get('sslrootcert'), 'system');
        assert.equal(system.searchParams.has('sslnegotiation'), false);
        const custom = urlOf(kind, { ...target, caFile: '/etc/ssl/sandbox-ca.pem' });
        assert.equal(custom.searchParams.get('sslrootcert'), '/etc/ssl/sandbox-ca.pem');
      });
    }

    it('require drops sslrootcert (a root file would make libpq verify after all)', () => {
      const url = urlOf('psycopg2', { ...target, sslmode: 'require', caFile: '/etc/ssl/ca.pem' });
      assert.equal(url.searchParams.get('sslmode'), 'require');
      assert.equal(url.searchParams.has('sslrootcert'), false);
    });

    it('SQLAlchemy names the driver in the scheme', () => {
      assert.equal(urlOf('sqlalchemy').protocol, 'postgresql+psycopg2:');
      const v3 = formatConnection('sqlalchemy', target, { sqlalchemyDriver: 'psycopg' }).variables[0].value;
      assert.ok(v3.startsWith('postgresql+psycopg://'), v3);
    });

    it('Go drivers verify with the system roots without sslrootcert (system is too new for them)', () => {
      for (const kind of ['pgx', 'lib-pq'] as const) {
        const url = urlOf(kind);
        assert.equal(url.searchParams.get('sslmode'), 'verify-full');
        assert.equal(url.searchParams.has('sslrootcert'), false);
        assert.equal(urlOf(kind, { ...target, caFile: '/ca.pem' }).searchParams.get('sslrootcert'), '/ca.pem');
      }
    });

    it('postgres.js gets only sslmode (unknown parameters become startup parameters)', () => {
      const url = urlOf('postgres-js', { ...target, caFile: '/ca.pem' });
      assert.deepEqual([...url.searchParams.keys()], ['sslmode']);
    });
  });

  describe('ports', () => {
    it('both ports: DATABASE_URL through PSBouncer (6432), DIRECT_URL direct (5432)', () => {
      for (const kind of URL_KINDS) {
        const vars = formatConnection(kind, { ...target, port: 'both' }).variables;
        assert.equal(new URL(byKey(vars, 'DATABASE_URL').value).port, '6432', kind);
        assert.equal(new URL(byKey(vars, 'DIRECT_URL').value).port, '5432', kind);
      }
    });

    it('pooled-only parameters appear on the 6432 URL only', () => {
      const cases: Array<[ClientKind, string, string]> = [
        ['prisma', 'pgbouncer', 'true'], ['postgres-js', 'prepare', 'false'],
        ['rails', 'prepared_statements', 'false'], ['pgx', 'default_query_exec_mode', 'exec'],
      ];
      for (const [kind, param, value] of cases) {
        const vars = formatConnection(kind, { ...target, port: 'both' }).variables;
        assert.equal(new URL(byKey(vars, 'DATABASE_URL').value).searchParams.get(param), value, kind);
        assert.equal(new URL(byKey(vars, 'DIRECT_URL').value).searchParams.has(param), false, kind);
      }
    });
  });

  describe('Prisma', () => {
    it('uses the engine\'s own TLS words: sslmode=require with sslaccept=strict, sslcert for a CA', () => {
      const url = urlOf('prisma', { ...target, caFile: '/ca.pem' });
      assert.equal(url.searchParams.get('sslmode'), 'require');
      assert.equal(url.searchParams.get('sslaccept'), 'strict');
      assert.equal(url.searchParams.get('sslcert'), '/ca.pem');
    });

    it('with the node-postgres adapter the pooled runtime URL is in node-postgres form, DIRECT_URL stays engine form', () => {
      const vars = formatConnection('prisma', { ...target, port: 'both' }, { prismaRuntime: 'node-postgres' }).variables;
      const runtime = new URL(byKey(vars, 'DATABASE_URL').value);
      assert.equal(runtime.searchParams.get('sslmode'), 'verify-full');
      assert.equal(runtime.searchParams.has('pgbouncer'), false);
      assert.equal(new URL(byKey(vars, 'DIRECT_URL').value).searchParams.get('sslaccept'), 'strict');
    });

    it('has no verify-ca mode', () => {
      assert.throws(() => formatConnection('prisma', { ...target, sslmode: 'verify-ca', caFile: '/ca.pem' }), (e: FormatInputError) => e.field === 'sslmode');
    });
  });

  describe('libpq environment variables', () => {
    it('writes PG* variables with the raw password and sslrootcert=system', () => {
      const vars = formatConnection('libpq-env', target).variables;
      assert.deepEqual(vars.map((v) => [v.key, v.value]), [
        ['PGHOST', target.host], ['PGPORT', '5432'], ['PGUSER', target.user], ['PGPASSWORD', PASSWORD],
        ['PGDATABASE', 'postgres'], ['PGSSLMODE', 'verify-full'], ['PGSSLROOTCERT', 'system'],
      ]);
    });

    it('uses the direct port when both were chosen and says so', () => {
      const f = formatConnection('libpq-env', { ...target, port: 'both' });
      assert.equal(byKey(f.variables, 'PGPORT').value, '5432');
      assert.ok(f.notes.some((n) => n.includes('6432')));
    });
  });

  describe('names and bad input', () => {
    it('honours the variable names the user chose', () => {
      const vars = formatConnection('node-postgres', { ...target, port: 'both' }, { names: { url: 'APP_DB_URL', directUrl: 'MIGRATION_DB_URL' } }).variables;
      assert.deepEqual(vars.map((v) => v.key), ['APP_DB_URL', 'MIGRATION_DB_URL']);
    });

    const bad: Array<[string, () => unknown, string]> = [
      ['an invalid variable name', () => formatConnection('node-postgres', target, { names: { url: '1DB' } }), 'names.url'],
      ['the same name twice', () => formatConnection('node-postgres', { ...target, port: 'both' }, { names: { directUrl: 'DATABASE_URL' } }), 'names.directUrl'],
      ['a host with a scheme', () => formatConnection('node-postgres', { ...target, host: 'postgres://x.psdb.cloud' }), 'host'],
      ['an empty password', () => formatConnection('node-postgres', { ...target, password: '' }), 'password'],
      ['a database name with a slash', () => formatConnection('node-postgres', { ...target, database: 'a/b' }), 'database'],
      ['a relative CA file', () => formatConnection('node-postgres', { ...target, caFile: 'ca.pem' }), 'caFile'],
      ['verify-ca without a CA file', () => formatConnection('psycopg', { ...target, sslmode: 'verify-ca' }), 'sslmode'],
      ['sslmode=disable', () => formatConnection('psycopg', { ...target, sslmode: 'disable' as never }), 'sslmode'],
      ['a line break in the password', () => formatConnection('libpq-env', { ...target, password: 'a\nb' }), 'password'],
    ];
    for (const [what, run, field] of bad) {
      it(`rejects ${what}, naming the field "${field}" and never echoing the password`, () => {
        assert.throws(run, (e: unknown) => {
          assert.ok(e instanceof FormatInputError);
          assert.equal(e.field, field);
          assert.ok(!e.message.includes(PASSWORD));
          return true;
        });
      });
    }
  });

  it('describes what was written without the password', () => {
    for (const kind of CLIENT_KINDS) {
      const f = formatConnection(kind, { ...target, port: 'both' });
      assert.ok(f.description.length > 20);
      for (const text of [f.description, ...f.notes]) {
        assert.ok(!text.includes(PASSWORD) && !text.includes(ENCODED), `${kind}: ${text}`);
      }
    }
  });
});
