// Does the branch's *public* host still let this machine log in? Run after an IP restriction is
// created or removed: it resolves the public host (any address is fine here), connects with TLS
// and tries to log in with credentials that were just proven on the private path, so a refusal
// is the restriction's and not a wrong password's.
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { parseDnsServer, resolveAddresses } from './dnsPhase';
import { runAuthPhase, runQueryPhase } from './pgPhase';
import { createRedactor } from './redact';
import { runTcpPhase } from './tcpPhase';
import { runTlsPhase, type TlsTrust } from './tlsPhase';
import { DEFAULT_PHASE_TIMEOUTS, type VerifyTarget } from './verifyTypes';

/** The verification's connection fields; `host` is the branch's public host (`access_host_url` of a role). */
export interface PublicProbeTarget extends Pick<VerifyTarget, 'host' | 'port' | 'user' | 'password' | 'database' | 'caFile' | 'dnsServer'> {
  /** Also run the verification query after the login (the write's credentials leg proves both). */
  query?: boolean;
}

/**
 * - `accepted`: the login (and, when asked, the query) succeeded over the public host.
 * - `refused`: the server refused the login for a reason other than the password (an IP rule).
 * - `unreachable`: DNS, TCP or TLS failed, so the login was never tried: nothing is proven.
 * - `inconclusive`: the login failed on the credentials themselves.
 */
export type PublicProbeOutcome = 'accepted' | 'refused' | 'unreachable' | 'inconclusive';

export interface PublicProbeResult {
  outcome: PublicProbeOutcome;
  /** One sentence for the report; never contains the password. */
  detail: string;
  /** The address tried, when DNS answered. */
  address?: string;
}

/** SQLSTATE classes of a login refused before the password is even judged. */
const REFUSAL_CODES = new Set(['28000', '42501']);

export async function probePublicHost(target: PublicProbeTarget, signal?: AbortSignal): Promise<PublicProbeResult> {
  const redact = createRedactor([target.password]);
  const result = (outcome: PublicProbeOutcome, detail: string, address?: string): PublicProbeResult => ({ outcome, detail: redact(detail), ...(address ? { address } : {}) });
  let ips: string[];
  try {
    ips = await resolveAddresses(target.host, target.dnsServer ? parseDnsServer(target.dnsServer) : undefined, DEFAULT_PHASE_TIMEOUTS.dns, signal);
  } catch (error) {
    return result('unreachable', `The public host ${target.host} could not be resolved (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  const ip = ips.find((a) => !a.includes(':')) ?? ips[0];
  if (!ip) return result('unreachable', `The public host ${target.host} has no address.`);
  const address = `${ip}:${target.port}`;
  let socket: Socket | undefined;
  let tls: TLSSocket | undefined;
  try {
    const tcp = await runTcpPhase(ip, target.port, DEFAULT_PHASE_TIMEOUTS.tcp, signal);
    if (tcp.status === 'fail' || !tcp.value) return result('unreachable', `The public host ${target.host} (${address}) could not be reached: ${tcp.detail}`, address);
    socket = tcp.value;
    const trust: TlsTrust = target.caFile ? { ca: await readFile(target.caFile, 'utf8'), label: `the CA file ${target.caFile}` } : { label: 'Node\'s built-in public CA roots' };
    const secured = await runTlsPhase(socket, target.host, target.port, trust, DEFAULT_PHASE_TIMEOUTS.tls, signal);
    if (secured.status === 'fail' || !secured.value) return result('unreachable', `TLS with the public host ${target.host} (${address}) failed: ${secured.detail}`, address);
    tls = secured.value;
    const login = await runAuthPhase(tls, target, DEFAULT_PHASE_TIMEOUTS.auth, signal);
    if (login.status !== 'fail' && login.value) {
      const queried = target.query ? await runQueryPhase(login.value, target.port, DEFAULT_PHASE_TIMEOUTS.query, signal) : undefined;
      await login.value.end().catch(() => undefined);
      if (queried?.status === 'fail') return result('inconclusive', `The public host ${target.host} (${address}) accepted the login of ${target.user}, but the query failed: ${queried.detail}`, address);
      const ran = queried ? ` and ran the query (${queried.detail})` : '';
      return result('accepted', `The public host ${target.host} (${address}) accepted the login of ${target.user}${ran}.`, address);
    }
    const code = typeof login.evidence.error === 'string' ? login.evidence.error : '';
    if (REFUSAL_CODES.has(code)) return result('refused', `The public host ${target.host} (${address}) refused the login of ${target.user}: ${login.detail}`, address);
    return result('inconclusive', `The login over the public host ${target.host} (${address}) failed on the credentials, so the check proves nothing: ${login.detail}`, address);
  } finally {
    tls?.destroy();
    socket?.destroy();
  }
}
