// Login and query phases with node-postgres over the already verified TLS socket: pg never
// resolves the host name (the private name is never sent to the system resolver) and the whole
// verification uses one database connection.
import type { TLSSocket } from 'node:tls';
import { Client } from 'pg';
import { PhaseCancelledError, PhaseTimeoutError, formatSeconds, withDeadline } from './phaseDeadline';
import type { Evidence, PhaseOutcome } from './verifyTypes';

export const VERIFY_SQL = 'select current_user, version(), (select ssl from pg_stat_ssl where pid = pg_backend_pid()) as ssl';
const POOLED_PORT = 6432;

export interface LoginTarget {
  user: string;
  password: string;
  database: string;
  port: number;
}

/**
 * Hands pg a socket that is already connected and encrypted: pg asks its stream to connect and
 * waits for 'connect'; this one answers at once. pg's own TLS stays off (ssl: false) because the
 * TLS phase already negotiated and verified it on this socket.
 */
function adoptSocket(socket: TLSSocket): TLSSocket {
  const adopted = socket as TLSSocket & { connect: (...args: unknown[]) => TLSSocket };
  adopted.connect = () => {
    process.nextTick(() => adopted.emit('connect'));
    return adopted;
  };
  return adopted;
}

export async function runAuthPhase(socket: TLSSocket, target: LoginTarget, timeoutMs: number, signal?: AbortSignal): Promise<PhaseOutcome<Client>> {
  const client = new Client({
    user: target.user,
    password: target.password,
    database: target.database,
    port: target.port,
    ssl: false,
    stream: () => adoptSocket(socket),
    application_name: 'planetscale-privatelink-verify',
  });
  client.on('error', () => undefined);
  const evidence: Evidence = { user: target.user, database: target.database };
  try {
    await withDeadline(client.connect(), timeoutMs, signal, () => socket.destroy());
    return { status: 'pass', evidence, value: client, detail: `Logged in as ${target.user} to database ${target.database}.` };
  } catch (error) {
    socket.destroy();
    if (error instanceof PhaseCancelledError) throw error;
    if (error instanceof PhaseTimeoutError) {
      return {
        status: 'fail', evidence,
        detail: `TLS was set up, but the login did not finish within ${formatSeconds(timeoutMs)}.`,
        fix: target.port === POOLED_PORT
          ? 'PSBouncer (6432) did not complete the login: try the direct port 5432 to tell a pooler problem from a database problem.'
          : 'The database did not complete the login: try again, and check the branch\'s status in PlanetScale.',
      };
    }
    return { status: 'fail', evidence: { ...evidence, ...errorEvidence(error) }, ...describeLoginError(error as PgError, target) };
  }
}

export async function runQueryPhase(client: Client, port: number, timeoutMs: number, signal?: AbortSignal): Promise<PhaseOutcome<void>> {
  const evidence: Evidence = {};
  try {
    const result = await withDeadline(client.query<{ current_user: string; version: string; ssl: boolean | null }>(VERIFY_SQL), timeoutMs, signal, () => {
      (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    });
    const row = result.rows[0];
    evidence.currentUser = row.current_user;
    evidence.serverVersion = row.version.split(' on ')[0].split(',')[0];
    evidence.ssl = row.ssl === true;
    const pooled = port === POOLED_PORT;
    const sslText = pooled
      ? `pg_stat_ssl describes PSBouncer's own connection to Postgres (ssl=${row.ssl === true}); this session's TLS to PSBouncer was verified in the TLS phase`
      : `pg_stat_ssl reports this session as ${row.ssl === true ? 'encrypted' : 'NOT encrypted'}`;
    if (evidence.ssl !== true) {
      return {
        status: 'warn', evidence,
        detail: `Query ran as ${row.current_user} on ${evidence.serverVersion}; ${sslText}.`,
        fix: pooled ? 'PSBouncer talks to Postgres without TLS: report it to PlanetScale support.' : 'The server does not see this session as encrypted although TLS was negotiated: report it to PlanetScale support.',
      };
    }
    return { status: 'pass', evidence, detail: `Query ran as ${row.current_user} on ${evidence.serverVersion}; ${sslText}.` };
  } catch (error) {
    if (error instanceof PhaseCancelledError) throw error;
    if (error instanceof PhaseTimeoutError) {
      return { status: 'fail', evidence, detail: `The verification query did not answer within ${formatSeconds(timeoutMs)}.`, fix: 'The database is reachable but slow or overloaded: check the branch in PlanetScale and try again.' };
    }
    return {
      status: 'fail', evidence: { ...evidence, ...errorEvidence(error) },
      detail: `The verification query failed: ${(error as Error).message}.`,
      fix: 'The login worked, so the path is fine; the role may lack access to the database (grant it the postgres or pg_read_all_data role).',
    };
  }
}

interface PgError extends Error {
  code?: string;
}

function errorEvidence(error: unknown): Evidence {
  const e = error as PgError;
  return e.code ? { error: e.code } : {};
}

function describeLoginError(error: PgError, target: LoginTarget): { detail: string; fix: string } {
  const message = error.message ?? String(error);
  if (error.code === '28P01' || /password authentication failed|SASL authentication failed|authentication failed/i.test(message)) {
    return {
      detail: `The server rejected the login of ${target.user}: ${message}.`,
      fix: 'Check the user name and password. PlanetScale shows a role\'s password only once, and a role with a TTL stops working when it expires: reset the password or create a new role, then run this again.',
    };
  }
  if (/role .* does not exist|no such user|not permitted to log in/i.test(message)) {
    return { detail: `The role ${target.user} cannot log in: ${message}.`, fix: 'The role was deleted or disabled: pick another role of this branch or create a new one.' };
  }
  if (error.code === '3D000' || /database .* does not exist/i.test(message)) {
    return { detail: `The database ${target.database} does not exist: ${message}.`, fix: 'Use the branch\'s database name (PlanetScale\'s is "postgres").' };
  }
  if (error.code === '53300' || /too many (connections|clients)/i.test(message)) {
    return { detail: `The server has no free connection slots: ${message}.`, fix: 'Close idle connections, or use PSBouncer on 6432 which pools them.' };
  }
  return { detail: `The login failed: ${message}.`, fix: 'Check the role and the branch in PlanetScale, then run this again.' };
}
