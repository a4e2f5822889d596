// Proves a private connection works before anything is written: DNS → TCP → TLS → login → query,
// each phase bounded in time, the whole run cancellable, every result redacted. One TCP
// connection carries TLS, login and query, so a run costs one database connection.
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Client } from 'pg';
import { runDnsPhase, parseDnsServer } from './dnsPhase';
import { runAuthPhase, runQueryPhase } from './pgPhase';
import { PhaseCancelledError } from './phaseDeadline';
import { createRedactor, Redactor } from './redact';
import { runTcpPhase } from './tcpPhase';
import { runTlsPhase, TlsTrust } from './tlsPhase';
import { formatPhaseLine, summarize } from './verifyReport';
import {
  DEFAULT_PHASE_TIMEOUTS, Evidence, PHASES, PhaseName, PhaseOutcome, PhaseResult, VerifyInputError, VerifyOptions, VerifyResult, VerifyTarget,
} from './verifyTypes';

export * from './verifyTypes';

function validate(target: VerifyTarget, stopAfter: VerifyOptions['stopAfter']): void {
  if (!target.host?.trim()) throw new VerifyInputError('host', 'The private host is empty: pick a branch whose Private Host is known.');
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) throw new VerifyInputError('port', `The port ${target.port} is not a TCP port: use 5432 (direct) or 6432 (PSBouncer).`);
  if (!target.serviceName?.trim()) throw new VerifyInputError('serviceName', 'The Private Service Name is empty: pick a branch whose Private Service Name is known.');
  if (!Array.isArray(target.endpoints)) throw new VerifyInputError('endpoints', 'The known endpoints are missing: pass the endpoints loaded in the AWS view (an empty list when there are none).');
  if (target.dnsServer) parseDnsServer(target.dnsServer);
  if (stopAfter) return; // the private path only: no login
  if (!target.user) throw new VerifyInputError('user', 'The user name is empty: pick a role of the branch.');
  if (!target.password) throw new VerifyInputError('password', 'The password is empty: enter the role\'s password or create a new role.');
  if (!target.database) throw new VerifyInputError('database', 'The database name is empty (PlanetScale\'s is "postgres").');
}

function redactEvidence(evidence: Evidence, redact: Redactor): Evidence {
  const out: Evidence = {};
  for (const [k, v] of Object.entries(evidence)) {
    out[k] = Array.isArray(v) ? v.map((x) => redact(x)) : typeof v === 'string' ? redact(v) : v;
  }
  return out;
}

export async function verifyConnection(target: VerifyTarget, options: VerifyOptions = {}): Promise<VerifyResult> {
  validate(target, options.stopAfter);
  const redact = createRedactor(target.password ? [target.password] : []);
  const timeouts = { ...DEFAULT_PHASE_TIMEOUTS, ...options.timeouts };
  const phases: PhaseResult[] = [];
  const log = (line: string) => options.log?.(redact(line));
  let socket: Socket | undefined;
  let tls: TLSSocket | undefined;
  let client: Client | undefined;
  let connectedTo: VerifyResult['connectedTo'];

  const record = (phase: PhaseName, started: number, outcome: Omit<PhaseOutcome<unknown>, 'value'>): PhaseResult => {
    const result: PhaseResult = {
      phase,
      status: outcome.status,
      durationMs: Math.round(performance.now() - started),
      detail: redact(outcome.detail),
      evidence: redactEvidence(outcome.evidence, redact),
      ...(outcome.fix ? { fix: redact(outcome.fix) } : {}),
      ...(outcome.remedy ? { remedy: outcome.remedy } : {}),
    };
    phases.push(result);
    log(formatPhaseLine(result));
    options.onPhase?.(result);
    return result;
  };
  const skipRest = (reason: string) => {
    for (const phase of PHASES.slice(phases.length)) {
      const result: PhaseResult = { phase, status: 'skipped', durationMs: 0, detail: reason, evidence: {} };
      phases.push(result);
      options.onPhase?.(result);
    }
  };
  const finish = (outcome: VerifyResult['outcome']): VerifyResult => {
    const failed = phases.find((p) => p.status === 'fail');
    const result: VerifyResult = { outcome, phases, summary: '', ...(failed ? { failedPhase: failed.phase } : {}), ...(connectedTo ? { connectedTo } : {}) };
    result.summary = redact(summarize(result, target.host, target.port));
    log(result.summary);
    return result;
  };

  /** Runs one phase; returns its value, or undefined when the run stops here. */
  const run = async <T>(phase: PhaseName, work: () => Promise<PhaseOutcome<T>>): Promise<T | undefined | 'cancelled'> => {
    const started = performance.now();
    try {
      const outcome = await work();
      const result = record(phase, started, outcome);
      return result.status === 'fail' ? undefined : outcome.value;
    } catch (error) {
      if (error instanceof PhaseCancelledError || options.signal?.aborted) {
        record(phase, started, { status: 'skipped', detail: 'Cancelled.', evidence: {} });
        return 'cancelled';
      }
      record(phase, started, { status: 'fail', detail: `Unexpected error: ${(error as Error).message}`, evidence: {}, fix: 'Run the check again; if it persists, report it with the output log.' });
      return undefined;
    }
  };

  try {
    const who = options.stopAfter ? `the private path to ${target.host}:${target.port} (through ${options.stopAfter.toUpperCase()})` : `${target.user}@${target.host}:${target.port}/${target.database}`;
    log(`Verifying ${who}${target.dnsServer ? ` (DNS server ${target.dnsServer})` : ''}`);
    const expectation = { serviceName: target.serviceName, endpoints: target.endpoints };
    const ips = await run('dns', () => runDnsPhase(target.host, target.dnsServer, expectation, options.loopbackIsPrivate ?? true, timeouts.dns, options.signal));
    if (ips === 'cancelled') return cancelled();
    if (!ips) return stopped('Not run: DNS failed.');
    if (options.stopAfter === 'dns') return notFurther();
    const ip = ips[0];

    const tcp = await run('tcp', () => runTcpPhase(ip, target.port, timeouts.tcp, options.signal));
    if (tcp === 'cancelled') return cancelled();
    if (!tcp) return stopped('Not run: no TCP connection.');
    socket = tcp;
    connectedTo = { ip, port: target.port };
    if (options.stopAfter === 'tcp') return notFurther();

    const secured = await run('tls', async () => {
      let trust: TlsTrust = { label: 'Node\'s built-in public CA roots' };
      if (target.caFile) {
        try {
          trust = { ca: await (options.readCaFile ?? ((p: string) => readFile(p, 'utf8')))(target.caFile), label: `the CA file ${target.caFile}` };
        } catch (error) {
          socket?.destroy();
          return {
            status: 'fail', evidence: { caFile: target.caFile },
            detail: `The CA file ${target.caFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
            fix: 'Fix the planetscalePrivateLink.tls.caFile setting, or clear it to use the public roots (PlanetScale\'s certificates are from a public CA).',
          };
        }
      }
      return runTlsPhase(tcp, target.host, target.port, trust, timeouts.tls, options.signal);
    });
    if (secured === 'cancelled') return cancelled();
    if (!secured) return stopped('Not run: TLS was not established.');
    tls = secured;
    if (options.stopAfter === 'tls') return notFurther();

    const login = await run('auth', () => runAuthPhase(secured, target, timeouts.auth, options.signal));
    if (login === 'cancelled') return cancelled();
    if (!login) return stopped('Not run: login failed.');
    client = login;

    const queried = await run('query', () => runQueryPhase(login, target.port, timeouts.query, options.signal));
    if (queried === 'cancelled') return cancelled();
    return finish(phases.some((p) => p.status === 'fail') ? 'failed' : 'success');
  } finally {
    if (client) await client.end().catch(() => undefined);
    tls?.destroy();
    socket?.destroy();
  }

  function cancelled(): VerifyResult {
    skipRest('Cancelled.');
    return finish('cancelled');
  }
  function notFurther(): VerifyResult {
    skipRest(`Not run: only the private path through ${options.stopAfter!.toUpperCase()} was asked for.`);
    return finish('success');
  }
  function stopped(reason: string): VerifyResult {
    skipRest(reason);
    return finish('failed');
  }
}
