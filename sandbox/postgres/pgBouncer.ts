// PgBouncer 1.18 in front of the sandbox Postgres, as PlanetScale's PSBouncer is: TLS to clients,
// SCRAM pass-through, and roles looked up at login through auth_query so roles created later
// work at once.
import { readFileSync } from 'node:fs';
import { chown, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { SandboxCertificates } from './certificates';
import { ServerProcess, startServer, UnixUser } from './processes';

export interface PgBouncerServer {
  host: string;
  port: number;
  logFile: string;
  process: ServerProcess;
  /** PgBouncer's own log: the only place the reason for a silent client hang shows up. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  dir: string;
  /** Picks the port to try; asked again if another process takes it first. */
  port: () => Promise<number>;
  postgresPort: number;
  certs: SandboxCertificates;
  account: UnixUser;
  /** A non-superuser login allowed to run only the auth lookup function. */
  authUser: { name: string; password: string };
  /** SQL that returns (usename, passwd) for $1. */
  authQuery: string;
  /** A login that exists, to wait for readiness with (any role PgBouncer can look up). */
  probe: { user: string; password: string };
}

export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncerServer> {
  const files = {
    config: join(options.dir, 'pgbouncer.ini'),
    auth: join(options.dir, 'pgbouncer-users.txt'),
    log: join(options.dir, 'pgbouncer.log'),
    pid: join(options.dir, 'pgbouncer.pid'),
  };
  // The auth user's own entry must be plaintext: PgBouncer needs it to log in to Postgres itself.
  await writeFile(files.auth, `"${options.authUser.name}" "${options.authUser.password}"\n`, { mode: 0o640 });
  if (process.getuid?.() === 0) await chown(files.auth, 0, options.account.gid);
  const ca = readFileSync(options.certs.caFile, 'utf8');

  // A free port can be taken by someone else before PgBouncer binds it: then try another.
  for (let attempt = 1; ; attempt++) {
    const port = await options.port();
    await writeFile(files.config, configText(options, files, port), { mode: 0o640 });
    if (process.getuid?.() === 0) await chown(files.config, 0, options.account.gid);
    await rm(files.log, { force: true });
    const server = startServer(options.account, 'pgbouncer', [files.config], options.dir, 'SIGTERM');
    const bouncer: PgBouncerServer = {
      host: '127.0.0.1',
      port,
      logFile: files.log,
      process: server,
      log: () => readFile(files.log, 'utf8').catch(() => server.output()),
      stop: () => server.stop('SIGINT', 5000),
    };
    try {
      await waitUntilServing(bouncer, options.probe, ca);
      return bouncer;
    } catch (error) {
      await server.stop('SIGKILL');
      if (attempt < 3 && /Address already in use/i.test(await bouncer.log())) continue;
      throw error;
    }
  }
}

function configText(options: PgBouncerOptions, files: { auth: string; log: string; pid: string }, port: number): string {
  const { certs } = options;
  return [
    '[databases]',
    `* = host=127.0.0.1 port=${options.postgresPort}`,
    '',
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    `logfile = ${files.log}`,
    `pidfile = ${files.pid}`,
    'auth_type = scram-sha-256',
    `auth_file = ${files.auth}`,
    `auth_user = ${options.authUser.name}`,
    `auth_query = ${options.authQuery}`,
    'pool_mode = transaction',
    'max_client_conn = 200',
    'default_pool_size = 10',
    'ignore_startup_parameters = extra_float_digits,options',
    'client_tls_sslmode = require',
    `client_tls_cert_file = ${certs.certFile}`,
    `client_tls_key_file = ${certs.keyFile}`,
    `client_tls_ca_file = ${certs.caFile}`,
    // Without a server TLS mode PgBouncer cannot log in to a hostssl-only Postgres, and clients hang.
    'server_tls_sslmode = verify-full',
    `server_tls_ca_file = ${certs.caFile}`,
    '',
  ].join('\n');
}

async function waitUntilServing(bouncer: PgBouncerServer, probe: { user: string; password: string }, ca: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  let lastError = '';
  while (Date.now() < deadline && !bouncer.process.exited()) {
    const client = new Client({
      host: bouncer.host, port: bouncer.port, user: probe.user, password: probe.password, database: 'postgres',
      ssl: { ca }, connectionTimeoutMillis: 2000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`Sandbox PgBouncer did not serve logins (${lastError}).\n--- pgbouncer.log ---\n${await bouncer.log()}\n${bouncer.process.output()}`);
}
