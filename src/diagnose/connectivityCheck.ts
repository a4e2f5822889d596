// Check 6: TCP to each endpoint interface IP on 5432 and 6432, then TLS, then login and a query
// when a password is at hand. A failure that the security-group or NACL check predicted is the
// consequence of that check, not a second fault: it is reported as such so one cause shows once.

import type { DiagnoseCheck } from './diagnoseTypes';
import { adviceFor, ec2Cli, type CliContext } from './fixCommands';

const TITLE = 'Connections to the endpoint (TCP, TLS, login)';

/** How a connection attempt to one interface IP and port ended. */
export interface ProbeOutcome {
  ip: string;
  port: number;
  ok: boolean;
  /** Set when `ok` is false. */
  failure?: 'refused' | 'timeout' | 'tls' | 'auth' | 'query' | 'other';
  /** One line per phase done, e.g. `tcp ok 2 ms`, `tls ok 9 ms (certificate names the host)`. */
  phases: string[];
  /** Plain words for the failure, free of secrets. */
  detail?: string;
}

export interface ConnectivityInput {
  endpointId: string;
  outcomes: ProbeOutcome[];
  /** `ip:port` the NACL check expects to be blocked. */
  naclBlocked: ReadonlySet<string>;
  /** Ports the security-group check expects to be blocked. */
  sgBlockedPorts: ReadonlySet<number>;
  /** Whether a password was given (else TLS is the last phase). */
  withLogin: boolean;
  /** Whether a Private Host was given to verify certificates against (else TCP is the last phase). */
  withTls?: boolean;
  /** Replaces the default note on what was not tried (e.g. measured on an instance, without credentials). */
  untried?: string;
}

export function checkConnectivity(input: ConnectivityInput, cli: CliContext): DiagnoseCheck {
  const evidence: string[] = [];
  const unexplained: ProbeOutcome[] = [];
  let explained = 0;
  for (const o of input.outcomes) {
    const target = `${o.ip}:${o.port}`;
    const cause = o.ok ? undefined : expectedCause(input, o);
    const head = `${target}: ${o.ok ? 'ok' : `failed (${o.failure ?? 'other'})`}`;
    // The detail is a sentence; the cause continues it, so its full stop moves to the end.
    const detail = o.detail && cause ? o.detail.replace(/\.\s*$/, '') : o.detail;
    evidence.push(`${head}${o.phases.length ? ` [${o.phases.join(', ')}]` : ''}${detail ? `: ${detail}` : ''}${cause ? `, as expected from ${cause}` : ''}`);
    if (o.ok) continue;
    if (cause) explained++;
    else unexplained.push(o);
  }
  const withTls = input.withTls ?? true;
  if (input.untried) {
    evidence.push(input.untried);
  } else if (!withTls) {
    evidence.push('TLS, login and query not tried: no Private Host given to verify the certificate against');
  } else if (!input.withLogin) {
    evidence.push('login and query not tried: no password given');
  }
  const base = { id: 'connectivity' as const, title: TITLE, evidence };
  if (input.outcomes.length === 0) {
    return { ...base, status: 'skipped', summary: 'The endpoint has no interface IP to connect to.' };
  }
  if (unexplained.length === 0 && explained === 0) {
    const reached = !withTls ? 'TCP' : input.withLogin ? 'TLS, login and a query' : 'TLS';
    return { ...base, status: 'pass', summary: `Every interface answers on 5432 and 6432 (${reached}).` };
  }
  if (unexplained.length === 0) {
    return { ...base, status: 'warn', summary: `${explained} connection(s) failed, as the rules found above predict; fix those first.` };
  }
  return { ...base, status: 'fail', summary: summarize(unexplained), fix: fixFor(unexplained, input.endpointId, cli) };
}

function expectedCause(input: ConnectivityInput, o: ProbeOutcome): string | undefined {
  if (o.failure !== 'timeout') return undefined;
  if (input.sgBlockedPorts.has(o.port)) return 'the security group check';
  if (input.naclBlocked.has(`${o.ip}:${o.port}`)) return 'the network ACL check';
  return undefined;
}

function summarize(failed: ProbeOutcome[]): string {
  const kinds = new Set(failed.map((o) => o.failure));
  const targets = failed.map((o) => `${o.ip}:${o.port}`).join(', ');
  if (kinds.size === 1 && kinds.has('refused')) return `Nothing accepts connections at ${targets} (connection refused).`;
  if (kinds.size === 1 && kinds.has('timeout')) return `Connections to ${targets} get no answer, and no rule checked above explains it.`;
  if (kinds.size === 1 && kinds.has('tls')) return `TLS fails at ${targets}: the server is not the database the Private Host names.`;
  if (kinds.size === 1 && kinds.has('auth')) return `Login fails at ${targets}: the network path works, the credentials do not.`;
  return `Connections fail at ${targets}.`;
}

function fixFor(failed: ProbeOutcome[], endpointId: string, cli: CliContext) {
  const describe = ec2Cli(cli, 'describe-vpc-endpoints', ['--vpc-endpoint-ids', endpointId]);
  const kinds = new Set(failed.map((o) => o.failure));
  if (kinds.has('auth')) {
    return adviceFor('Reset the role\'s password (or create a new role) in PlanetScale and use the new one; check that the role has not expired.', describe);
  }
  if (kinds.has('tls')) {
    return adviceFor(
      'Connect with the Private Host as the TLS server name and the right CA (planetscalePrivateLink.tls.caFile when not the system roots); a certificate for another name means the IP is not this endpoint.',
      describe,
    );
  }
  if (kinds.has('refused')) {
    return adviceFor(
      `The endpoint's interfaces exist but nothing answers behind them. Contact PlanetScale support with the endpoint id ${endpointId} and this report.`,
      describe,
    );
  }
  return adviceFor(
    'Something outside the checked rules drops the traffic: the client machine\'s firewall, a route table, or a proxy. Run the Reachability Analyzer check (AWS charges per analysis) to find it.',
    describe,
  );
}
