// Diagnose's DNS lookups and connection probes, built from the verification pipeline's phases
// (src/connection): the same DNS server setting, TCP, TLS and login code the .env flow uses.
// Diagnose needs each interface IP probed on its own, so it chains the phases per IP rather
// than calling verifyConnection (which connects to one address of the DNS answer).
// Runtime import of pg (through pgPhase): reach this module only through coreEntry.ts.

import type { EC2Client } from '@aws-sdk/client-ec2';
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Client } from 'pg';
import { runDnsPhase } from '../connection/dnsPhase';
import { runAuthPhase, runQueryPhase } from '../connection/pgPhase';
import { PhaseCancelledError } from '../connection/phaseDeadline';
import { createRedactor } from '../connection/redact';
import { runTcpPhase } from '../connection/tcpPhase';
import { runTlsPhase, type TlsTrust } from '../connection/tlsPhase';
import { DEFAULT_PHASE_TIMEOUTS, type PhaseOutcome } from '../connection/verifyTypes';
import type { ProbeOutcome } from './connectivityCheck';
import type { DiagnoseCollaborators, ProbeTarget } from './diagnoseRunner';

export interface CollaboratorOptions {
  ec2: EC2Client;
  /** `host:port` (the planetscalePrivateLink.dns.server setting); absent = the system resolver. */
  dnsServer?: string;
  /** PEM text of the CA to trust, or a file to read it from (planetscalePrivateLink.tls.caFile). */
  ca?: string;
  caFile?: string;
  /** Bound for TCP and for the TLS answer; a dropped packet shows as this wait. Default 5 s. */
  connectTimeoutMs?: number;
}

export function diagnoseCollaborators(options: CollaboratorOptions): DiagnoseCollaborators {
  const connectMs = options.connectTimeoutMs ?? DEFAULT_PHASE_TIMEOUTS.tcp;
  let trust: Promise<TlsTrust> | undefined;
  const trustOnce = () =>
    (trust ??= options.ca
      ? Promise.resolve({ ca: options.ca, label: 'the configured CA' })
      : options.caFile
        ? readFile(options.caFile, 'utf8').then((ca) => ({ ca, label: `the CA file ${options.caFile}` }))
        : Promise.resolve({ label: "Node's built-in public CA roots" }));

  return {
    ec2: options.ec2,
    resolverLabel: options.dnsServer ? `DNS server ${options.dnsServer}` : 'the system resolver',
    async resolveHost(host, signal) {
      const outcome = await runDnsPhase(host, options.dnsServer, undefined, true, DEFAULT_PHASE_TIMEOUTS.dns, signal);
      const addresses = Array.isArray(outcome.evidence.addresses) ? outcome.evidence.addresses : [];
      if (outcome.status === 'fail' && addresses.length === 0) {
        throw Object.assign(new Error(outcome.detail), { code: typeof outcome.evidence.error === 'string' ? outcome.evidence.error : 'ENOTFOUND' });
      }
      return addresses;
    },
    probe: (target, signal) => probe(target, connectMs, trustOnce, signal),
  };
}

async function probe(target: ProbeTarget, connectMs: number, trust: () => Promise<TlsTrust>, signal?: AbortSignal): Promise<ProbeOutcome> {
  const redact = createRedactor([target.credentials?.password]);
  const phases: string[] = [];
  const base = { ip: target.ip, port: target.port };
  const note = (name: string, outcome: PhaseOutcome<unknown>, ms: number) => phases.push(`${name} ${outcome.status} ${ms} ms`);
  const failed = (failure: ProbeOutcome['failure'], outcome: PhaseOutcome<unknown>): ProbeOutcome => ({
    ...base,
    ok: false,
    failure,
    phases,
    detail: redact(outcome.detail),
  });
  let socket: Socket | undefined;
  let tls: TLSSocket | undefined;
  let client: Client | undefined;
  try {
    let started = Date.now();
    const tcp = await runTcpPhase(target.ip, target.port, connectMs, signal);
    note('tcp', tcp, Date.now() - started);
    if (tcp.status === 'fail' || !tcp.value) {
      const error = tcp.evidence.error;
      return failed(error === 'ECONNREFUSED' ? 'refused' : error === undefined ? 'timeout' : 'other', tcp);
    }
    socket = tcp.value;
    if (!target.servername) {
      return { ...base, ok: true, phases, detail: 'TLS not checked: no Private Host to verify the certificate against.' };
    }

    started = Date.now();
    const secured = await runTlsPhase(socket, target.servername, target.port, await trust(), connectMs, signal);
    note('tls', secured, Date.now() - started);
    if (secured.status === 'fail' || !secured.value) {
      // "Connected, then silence" is how a dropped packet looks through a user-space forwarder.
      const silent = secured.evidence.answer === 'none' || /did not finish within/.test(secured.detail);
      return failed(silent ? 'timeout' : 'tls', secured);
    }
    tls = secured.value;
    if (!target.credentials) return { ...base, ok: true, phases };

    const login = { user: target.credentials.username, password: target.credentials.password, database: target.credentials.database ?? 'postgres', port: target.port };
    started = Date.now();
    const auth = await runAuthPhase(tls, login, DEFAULT_PHASE_TIMEOUTS.auth, signal);
    note('auth', auth, Date.now() - started);
    if (auth.status === 'fail' || !auth.value) return failed('auth', auth);
    client = auth.value;

    started = Date.now();
    const query = await runQueryPhase(client, target.port, DEFAULT_PHASE_TIMEOUTS.query, signal);
    note('query', query, Date.now() - started);
    if (query.status === 'fail') return failed('query', query);
    return { ...base, ok: true, phases };
  } catch (error) {
    if (error instanceof PhaseCancelledError) throw error;
    return { ...base, ok: false, failure: 'other', phases, detail: redact(`unexpected error: ${(error as Error).message}`) };
  } finally {
    if (client) await client.end().catch(() => undefined);
    tls?.destroy();
    socket?.destroy();
  }
}
