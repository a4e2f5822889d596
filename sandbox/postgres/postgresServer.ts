// A real PostgreSQL 15 cluster in a throwaway folder: TLS on, SCRAM logins, loopback only.
import { randomBytes } from 'node:crypto';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, ClientConfig } from 'pg';
import { readFileSync } from 'node:fs';
import { SandboxCertificates } from './certificates';
import { POSTGRES_BIN, runAs, ServerProcess, startServer, UnixUser } from './processes';

export interface PostgresServer {
  host: string;
  port: number;
  /** Superuser credentials for the sandbox's own administration (never shown to the product). */
  admin: { user: string; password: string };
  process: ServerProcess;
  /** A client config for the superuser on `database` over TLS. */
  adminConfig(database?: string): ClientConfig;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  dir: string;
  /** Picks the port to try; asked again if another process takes it first. */
  port: () => Promise<number>;
  certs: SandboxCertificates;
  account: UnixUser;
}

export async function startPostgres(options: PostgresOptions): Promise<PostgresServer> {
  const { dir, certs, account } = options;
  const dataDir = join(dir, 'pgdata');
  const socketDir = join(dir, 'pgsocket');
  const pwFile = join(dir, 'admin-password');
  const hbaFile = join(dir, 'pg_hba.conf');
  const password = randomBytes(18).toString('base64url');

  for (const folder of [dataDir, socketDir]) {
    await mkdir(folder, { mode: 0o700 });
    await chown(folder, account.uid, account.gid);
  }
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  await chown(pwFile, account.uid, account.gid);
  try {
    await runAs(account, join(POSTGRES_BIN, 'initdb'), [
      '-D', dataDir, '-U', 'postgres', '--pwfile', pwFile, '-E', 'UTF8', '--locale=C', '--no-sync',
      '--auth-local=peer', '--auth-host=scram-sha-256',
    ], dir);
  } finally {
    await rm(pwFile, { force: true });
  }
  await writeFile(hbaFile, [
    '# TYPE  DATABASE USER ADDRESS METHOD',
    'local   all      all          peer',
    'hostssl all      all  127.0.0.1/32 scram-sha-256',
    'hostnossl all    all  0.0.0.0/0    reject',
    '',
  ].join('\n'), { mode: 0o644 });

  const admin = { user: 'postgres', password };
  const ca = readFileSync(certs.caFile, 'utf8');
  // A free port can be taken by someone else before Postgres binds it: then try another.
  for (let attempt = 1; ; attempt++) {
    const port = await options.port();
    const server = startServer(account, join(POSTGRES_BIN, 'postgres'), postgresArgs(dataDir, port, socketDir, hbaFile, certs), dir, 'SIGQUIT');
    const adminConfig = (database = 'postgres'): ClientConfig => ({
      host: '127.0.0.1', port, user: admin.user, password, database, ssl: { ca }, connectionTimeoutMillis: 3000,
    });
    try {
      await waitUntilAccepting(server, adminConfig());
    } catch (error) {
      await server.stop('SIGQUIT');
      if (attempt < 3 && /could not bind|Address already in use/i.test(server.output())) continue;
      throw error;
    }
    return {
      host: '127.0.0.1',
      port,
      admin,
      process: server,
      adminConfig,
      // SIGINT is Postgres's "fast" shutdown: disconnect clients, checkpoint, exit.
      stop: () => server.stop('SIGINT', 8000),
    };
  }
}

function postgresArgs(dataDir: string, port: number, socketDir: string, hbaFile: string, certs: SandboxCertificates): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: socketDir,
    hba_file: hbaFile,
    password_encryption: 'scram-sha-256',
    ssl: 'on',
    ssl_cert_file: certs.certFile,
    ssl_key_file: certs.keyFile,
    ssl_ca_file: certs.caFile,
    // A throwaway cluster: durability buys nothing here, speed does.
    fsync: 'off',
    max_connections: '100',
    log_min_messages: 'warning',
  };
  return ['-D', dataDir, ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`])];
}

async function waitUntilAccepting(server: ServerProcess, config: ClientConfig): Promise<void> {
  const deadline = Date.now() + 20_000;
  let lastError = '';
  while (Date.now() < deadline) {
    if (server.exited()) break;
    const client = new Client(config);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`Sandbox Postgres did not start (${lastError}).\n--- postgres output ---\n${server.output()}`);
}
