// Reads the probe's machine-readable block from the invocation's standard output and judges
// it: which DNS answers the instance got, and for each interface IP and port whether Postgres
// answered and whether TLS verified as `verify-full` would. Pure: no SDK, no vscode.
import { PROBE_BEGIN, PROBE_END } from './probeScript';

/** SSM keeps the first 24,000 characters of standard output. */
export const SSM_STDOUT_LIMIT = 24_000;

export type TcpOutcome = 'open' | 'no-reply' | 'refused';

export interface ProbeConnection {
  ip: string;
  port: number;
  tcp: TcpOutcome;
  tls: { outcome: 'ok' | 'fail' | 'skip'; detail: string };
}

export interface ProbeReport {
  host: string;
  dnsAnswers: string[];
  expectedIps: string[];
  tool: { name: 'openssl' | 'openssl11' | 'python3' | 'none'; version: string };
  connections: ProbeConnection[];
  elapsedMs?: number;
}

export class ProbeOutputError extends Error {
  override readonly name = 'ProbeOutputError';
  constructor(readonly reason: 'missing' | 'truncated' | 'malformed', message: string) {
    super(message);
  }
}

export function parseProbeOutput(stdout: string): ProbeReport {
  const begin = stdout.lastIndexOf(PROBE_BEGIN);
  if (begin < 0) {
    if (stdout.length >= SSM_STDOUT_LIMIT) throw new ProbeOutputError('truncated', 'The probe\'s output was cut at 24,000 characters by Systems Manager before its result block.');
    throw new ProbeOutputError('missing', 'The probe printed no result block: the command did not run as bash on the instance (is /bin/bash there?).');
  }
  const end = stdout.indexOf(PROBE_END, begin);
  if (end < 0) {
    if (stdout.length >= SSM_STDOUT_LIMIT) throw new ProbeOutputError('truncated', 'The probe\'s output was cut at 24,000 characters by Systems Manager inside its result block.');
    throw new ProbeOutputError('truncated', 'The probe\'s result block ends early: the script was stopped before it finished.');
  }
  const report: ProbeReport = { host: '', dnsAnswers: [], expectedIps: [], tool: { name: 'none', version: '-' }, connections: [] };
  const tls = new Map<string, ProbeConnection['tls']>();
  for (const line of stdout.slice(begin + PROBE_BEGIN.length, end).split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [kind, ...rest] = line.split(/\s+/);
    if (kind === 'host') report.host = rest[0] ?? '';
    else if (kind === 'dns') report.dnsAnswers = rest.filter((a) => a !== '-');
    else if (kind === 'expected') report.expectedIps = rest;
    else if (kind === 'tool') report.tool = { name: toolName(rest[0]), version: rest[1] ?? '-' };
    else if (kind === 'tcp' && rest.length === 3) report.connections.push({ ip: rest[0], port: Number(rest[1]), tcp: tcpOutcome(rest[2]), tls: { outcome: 'skip', detail: 'not reported' } });
    else if (kind === 'tls' && rest.length >= 3) tls.set(`${rest[0]}:${rest[1]}`, { outcome: tlsOutcome(rest[2]), detail: rest.slice(3).join(' ') });
    else if (kind === 'elapsed_ms') report.elapsedMs = Number(rest[0]);
    else throw new ProbeOutputError('malformed', `The probe's result block has a line this version does not read: "${line.slice(0, 80)}".`);
  }
  for (const c of report.connections) c.tls = tls.get(`${c.ip}:${c.port}`) ?? c.tls;
  return report;
}

function toolName(value: string | undefined): ProbeReport['tool']['name'] {
  return value === 'openssl' || value === 'openssl11' || value === 'python3' ? value : 'none';
}

function tcpOutcome(value: string): TcpOutcome {
  return value === 'open' || value === 'refused' ? value : 'no-reply';
}

function tlsOutcome(value: string): 'ok' | 'fail' | 'skip' {
  return value === 'ok' || value === 'fail' ? value : 'skip';
}

export type DnsView = 'endpoint' | 'other-ips' | 'no-answer' | 'partial';

export interface ProbeVerdict {
  /** DNS answered exactly with interface IPs, and every port answered with TLS verified. */
  pathProven: boolean;
  dns: DnsView;
  /** One sentence per problem, each naming the fix. */
  problems: string[];
  /** What was proven, for the report ("TLS verify-full on 5432 and 6432 via openssl 3.0.2"). */
  proven: string[];
}

export function judgeProbe(report: ProbeReport, instanceId: string): ProbeVerdict {
  const problems: string[] = [];
  const proven: string[] = [];
  const expected = new Set(report.expectedIps);
  const answers = report.dnsAnswers;
  let dns: DnsView;
  if (answers.length === 0) dns = 'no-answer';
  else if (answers.every((a) => expected.has(a))) dns = 'endpoint';
  else if (answers.some((a) => expected.has(a))) dns = 'partial';
  else dns = 'other-ips';
  if (dns === 'endpoint') proven.push(`${report.host} resolves on ${instanceId} to the endpoint's interface IPs (${answers.join(', ')})`);
  else if (dns === 'no-answer') problems.push(`${report.host} does not resolve on ${instanceId}: turn on private DNS for the endpoint and the VPC's DNS support and hostnames.`);
  else problems.push(`${report.host} resolves on ${instanceId} to ${answers.join(', ')}, not only to this endpoint's interface IPs (${report.expectedIps.join(', ')}): another endpoint or a private hosted zone answers for the name; remove it or verify with that endpoint.`);

  const ports = [...new Set(report.connections.map((c) => c.port))];
  for (const port of ports) {
    const onPort = report.connections.filter((c) => c.port === port);
    const silent = onPort.filter((c) => c.tcp !== 'open');
    for (const c of silent) {
      problems.push(c.tcp === 'refused'
        ? `${c.ip}:${port} refused the connection from ${instanceId}: the endpoint interface is not accepting connections (is the endpoint available?).`
        : `${c.ip}:${port} did not answer ${instanceId}: a security group (the endpoint's inbound or the instance's outbound rule for tcp/${port}) or a network ACL (including the return path to ephemeral ports) drops it.`);
    }
    for (const c of onPort.filter((x) => x.tcp === 'open' && x.tls.outcome !== 'ok')) {
      problems.push(c.tls.outcome === 'skip' && c.tls.detail === 'no-tls-tool'
        ? `${instanceId} has neither OpenSSL 1.1.1+ nor python3, so TLS could not be checked there; install one of them (on Amazon Linux 2: the openssl11 package).`
        : `TLS to ${c.ip}:${port} failed as verify-full would (${c.tls.detail.replace(/-/g, ' ')}): the certificate does not match ${report.host} or is not trusted by the instance's system roots.`);
    }
    if (onPort.length > 0 && onPort.every((c) => c.tcp === 'open' && c.tls.outcome === 'ok')) {
      proven.push(`TCP and TLS (verify-full: chain and host name) on ${port} to ${onPort.map((c) => c.ip).join(', ')} via ${report.tool.name} ${report.tool.version}`);
    }
  }
  return { pathProven: problems.length === 0 && report.connections.length > 0, dns, problems, proven };
}
