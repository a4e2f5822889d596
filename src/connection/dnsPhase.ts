// DNS phase: the Private Host must resolve to private addresses that are interface IPs of an
// available endpoint of the branch's own service (endpointMatch.ts says why). Asks the configured
// DNS server, or the system resolver when none is set.
import { Resolver, lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { checkAnswersServeBranch, servingEndpoints } from './endpointMatch';
import { PhaseCancelledError, PhaseTimeoutError, formatSeconds, withDeadline } from './phaseDeadline';
import { Evidence, KnownEndpoint, PhaseOutcome, VerifyInputError } from './verifyTypes';

export type AddressKind = 'private' | 'loopback' | 'link-local' | 'public';

export interface DnsServerAddress {
  host: string;
  port: number;
}

/** `host:port` or `[v6]:port` (port optional, 53) — an IP, since a DNS server cannot be a name. */
export function parseDnsServer(text: string): DnsServerAddress {
  const trimmed = text.trim();
  const m = trimmed.match(/^\[([^\]]+)\](?::(\d+))?$/) ?? trimmed.match(/^([^:]+)(?::(\d+))?$/);
  const host = m?.[1];
  const port = m?.[2] === undefined ? 53 : Number(m[2]);
  if (!host || isIP(host) === 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new VerifyInputError('dns.server', `The DNS server "${text}" is not an IP address with an optional port, e.g. 10.0.0.2:53 or 127.0.0.1:5353. Fix the planetscalePrivateLink.dns.server setting or clear it to use the system resolver.`);
  }
  return { host, port };
}

export function classifyAddress(ip: string): AddressKind {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number);
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
    if (a === 100 && b >= 64 && b <= 127) return 'private'; // 100.64/10: allowed as a VPC secondary CIDR
    if (a === 169 && b === 254) return 'link-local';
    return 'public';
  }
  const lower = ip.toLowerCase();
  if (lower === '::1') return 'loopback';
  if (/^f[cd]/.test(lower)) return 'private';
  if (/^fe[89ab]/.test(lower)) return 'link-local';
  const mapped = lower.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  return mapped ? classifyAddress(mapped[1]) : 'public';
}

/** Addresses of `host`: from the DNS server when given (A then AAAA), else the system resolver. */
async function resolveAddresses(host: string, server: DnsServerAddress | undefined, timeoutMs: number, signal?: AbortSignal): Promise<string[]> {
  if (!server) {
    // getaddrinfo cannot be cancelled; the deadline abandons it.
    const work = lookup(host, { all: true, verbatim: true }).then((rows) => rows.map((r) => r.address));
    return withDeadline(work, timeoutMs, signal, () => undefined);
  }
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  resolver.setServers([server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`]);
  const family = (query: Promise<string[]>) => query.catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENODATA' || error.code === 'ENOTFOUND') return [] as string[];
    throw error;
  });
  const work = Promise.all([family(resolver.resolve4(host)), family(resolver.resolve6(host))]).then(([v4, v6]) => [...v4, ...v6]);
  return withDeadline(work, timeoutMs, signal, () => resolver.cancel());
}

const NOT_IN_VPC_FIX =
  'The private host resolves only inside the VPC of an available interface endpoint with private DNS enabled. Check that the endpoint is available with private DNS on, that the VPC has DNS support and DNS hostnames enabled, and that this machine uses the VPC\'s resolver (run it on an instance in the VPC, for example over Remote-SSH). From a peered VPC, a VPN or on premises, forward the name with Route 53 Resolver rules.';

/**
 * The branch the host belongs to, by its Private Service Name, and the endpoints known. Absent
 * only for a caller that compares the answers itself (Diagnose): then private addresses pass.
 */
export interface DnsExpectation {
  serviceName: string;
  endpoints: readonly KnownEndpoint[];
}

export async function runDnsPhase(
  host: string,
  dnsServer: string | undefined,
  expectation: DnsExpectation | undefined,
  loopbackIsPrivate: boolean,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<PhaseOutcome<string[]>> {
  const server = dnsServer ? parseDnsServer(dnsServer) : undefined;
  const serverLabel = server ? `DNS server ${dnsServer}` : 'the system resolver';
  const evidence: Evidence = { host, server: server ? dnsServer! : 'system' };

  if (isIP(host)) {
    const foreign = expectation && checkAnswersServeBranch(host, [host], expectation.serviceName, expectation.endpoints, evidence);
    if (foreign) return foreign;
    return { status: 'skipped', detail: `${host} is an IP address${expectation ? ' of an endpoint of the branch\'s service' : ''}: nothing to resolve.`, evidence, value: [host] };
  }

  let addresses: string[];
  try {
    addresses = await resolveAddresses(host, server, timeoutMs, signal);
  } catch (error) {
    if (error instanceof PhaseCancelledError) throw error;
    if (error instanceof PhaseTimeoutError || (error as NodeJS.ErrnoException).code === 'ETIMEOUT') {
      return {
        status: 'fail', evidence,
        detail: `${serverLabel} did not answer for ${host} within ${formatSeconds(timeoutMs)}.`,
        fix: server ? 'Check the planetscalePrivateLink.dns.server setting (host:port of a resolver that answers inside the VPC) or clear it to use the system resolver.' : 'Check this machine\'s DNS configuration (inside a VPC it is the Amazon-provided resolver).',
      };
    }
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_NONAME' || code === 'EAI_NODATA') {
      addresses = [];
    } else {
      evidence.error = code;
      return {
        status: 'fail', evidence,
        detail: `${serverLabel} could not be asked about ${host} (${code}).`,
        fix: server ? 'Check that the DNS server in planetscalePrivateLink.dns.server is running and reachable, or clear the setting.' : 'Check this machine\'s DNS configuration.',
      };
    }
  }

  evidence.addresses = addresses;
  if (addresses.length === 0) {
    return { status: 'fail', evidence, detail: `${host} has no address at ${serverLabel}.`, fix: NOT_IN_VPC_FIX };
  }

  const kinds = addresses.map((ip) => classifyAddress(ip));
  evidence.kinds = kinds;
  const notPrivate = addresses.filter((_, i) => !(kinds[i] === 'private' || (kinds[i] === 'loopback' && loopbackIsPrivate)));
  if (notPrivate.length) {
    return {
      status: 'fail', evidence,
      detail: `${host} resolves to ${notPrivate.join(', ')}, which ${notPrivate.length > 1 ? 'are not private addresses' : 'is not a private address'}: the answer did not come from the endpoint's private DNS.`,
      fix: `Traffic to a public answer would not go through PrivateLink. ${NOT_IN_VPC_FIX}`,
    };
  }

  const loopbackNote = kinds.includes('loopback') ? ' (loopback: a local stand-in such as the sandbox)' : '';
  if (!expectation) {
    return { status: 'pass', evidence, value: addresses, detail: `${host} resolves to ${addresses.join(', ')} via ${serverLabel}${loopbackNote}, private addresses.` };
  }
  const foreign = checkAnswersServeBranch(host, addresses, expectation.serviceName, expectation.endpoints, evidence);
  if (foreign) return foreign;
  // Every answer is an interface of a serving endpoint; the one that answered is fully there?
  const answering = servingEndpoints(expectation.serviceName, expectation.endpoints).filter((e) => e.ips.some((ip) => addresses.includes(ip)));
  const missing = answering.flatMap((e) => e.ips).filter((ip) => !addresses.includes(ip));
  if (missing.length) {
    return {
      status: 'warn', evidence, value: addresses,
      detail: `${host} resolves to ${addresses.join(', ')}; the endpoint's interface ${missing.join(', ')} is not in the answer yet.`,
      fix: 'A new or changing endpoint updates its DNS records within a few minutes; run the check again if connections fail.',
    };
  }

  return {
    status: 'pass', evidence, value: addresses,
    detail: `${host} resolves to ${addresses.join(', ')} via ${serverLabel}${loopbackNote}: the interfaces of ${answering.map((e) => e.id).join(', ')}, an endpoint of the branch's service ${expectation.serviceName}.`,
  };
}
