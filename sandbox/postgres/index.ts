// The sandbox database: Postgres and PgBouncer with TLS from a sandbox CA, in one throwaway folder.
// Everything here listens on 127.0.0.1 only; the network forwarders bring it to endpoint IPs.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, chown } from 'node:fs/promises';
import { Pool, QueryResultRow } from 'pg';
import { freePort } from '../network/freePort';
import { createCertificates } from './certificates';
import { startPgBouncer } from './pgBouncer';
import { startPostgres } from './postgresServer';
import { killNow, postgresAccount } from './processes';
import { authLookupSql, createLoginRoleSql, dropRoleSql, setPasswordSql } from './roleSql';

export interface LoginRoleSpec {
  username: string;
  password: string;
  /** Roles to grant; those that do not exist in this cluster are skipped. */
  inheritedRoles?: string[];
  validUntil?: Date;
}

export interface SandboxDatabase {
  host: string;
  /** Postgres (direct, as on 5432). */
  port: number;
  /** PgBouncer (pooled, as on 6432). */
  bouncerPort: number;
  caFile: string;
  /** The server certificate and key Postgres serves (the public host's gate serves the same). */
  certFile: string;
  keyFile: string;
  /** PEM text of the sandbox CA, for `ssl: { ca }`. */
  ca: string;
  databaseName: string;
  /** Runs SQL as the superuser (sandbox administration and test assertions). */
  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  createLoginRole(spec: LoginRoleSpec): Promise<void>;
  setPassword(username: string, password: string): Promise<void>;
  dropRole(username: string): Promise<void>;
  pgBouncerLog(): Promise<string>;
  postgresLog(): string;
  /** Synchronous last-resort kill for process exit handlers. */
  killNow(): void;
  stop(): Promise<void>;
}

export interface DatabaseOptions {
  /** A folder the sandbox owns; it is made group-writable for the postgres user. */
  dir: string;
  /** Names the server certificate covers (wildcards cover one label). */
  dnsNames: string[];
}

const AUTH_USER = 'pgbouncer_auth';

export async function startDatabase(options: DatabaseOptions): Promise<SandboxDatabase> {
  const account = postgresAccount();
  const { dir } = options;
  if (process.getuid?.() === 0) await chown(dir, 0, account.gid);
  await chmod(dir, 0o770);

  const certs = await createCertificates(dir, { dnsNames: options.dnsNames, ipAddresses: ['127.0.0.1'], keyReader: account });
  const postgres = await startPostgres({ dir, port: () => freePort(), certs, account });
  const pool = new Pool({ ...postgres.adminConfig(), max: 3 });
  pool.on('error', () => undefined);
  const query = async <R extends QueryResultRow>(sql: string, params?: unknown[]) => (await pool.query<R>(sql, params)).rows;

  let stopped = false;
  let bouncerStop: () => Promise<void> = async () => undefined;
  let bouncerKill = () => undefined as void;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await bouncerStop();
    await pool.end().catch(() => undefined);
    await postgres.stop();
  };

  try {
    const authPassword = randomBytes(18).toString('base64url');
    const probe = { user: 'sandbox_health', password: randomBytes(18).toString('base64url') };
    await query(createLoginRoleSql({ username: AUTH_USER, password: authPassword }));
    await query(createLoginRoleSql({ username: probe.user, password: probe.password }));
    // PgBouncer 1.18 runs auth_query in the database the client asked for: install the lookup
    // in template1 (for databases created later) and in every database that exists now.
    for (const database of ['template1', 'postgres']) {
      const admin = new Pool({ ...postgres.adminConfig(database), max: 1 });
      try {
        await admin.query(authLookupSql(AUTH_USER));
      } finally {
        await admin.end();
      }
    }
    const bouncer = await startPgBouncer({
      dir, port: () => freePort(), postgresPort: postgres.port, certs, account,
      authUser: { name: AUTH_USER, password: authPassword },
      authQuery: 'SELECT usename, passwd FROM pgbouncer.get_auth($1)',
      probe,
    });
    bouncerStop = bouncer.stop;
    bouncerKill = () => killNow(bouncer.process);

    const existingRoles = async (names: string[]) =>
      new Set((await query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [names])).map((r) => r.rolname));

    return {
      host: '127.0.0.1',
      port: postgres.port,
      bouncerPort: bouncer.port,
      caFile: certs.caFile,
      certFile: certs.certFile,
      keyFile: certs.keyFile,
      ca: readFileSync(certs.caFile, 'utf8'),
      databaseName: 'postgres',
      query,
      async createLoginRole(spec) {
        const grants = [...(await existingRoles(spec.inheritedRoles ?? []))];
        await query(createLoginRoleSql({ ...spec, inheritedRoles: grants }));
      },
      async setPassword(username, password) {
        await query(setPasswordSql(username, password));
      },
      async dropRole(username) {
        await query(dropRoleSql(username));
      },
      pgBouncerLog: bouncer.log,
      postgresLog: () => postgres.process.output(),
      killNow() {
        bouncerKill();
        killNow(postgres.process);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
