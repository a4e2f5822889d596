// Diagnose from inside the VPC: the DNS answers and TCP/TLS connections as an instance there saw
// them (the Systems Manager probe's parsed report), and that instance's own security groups,
// address and subnet as the client the rules are evaluated for. Pure: the probe's run is a
// collaborator (instanceProbe.ts); here only the mapping from its report to the checks, which
// never says "passed" for what the probe did not measure (the login, or TLS without a TLS tool).
import type { ProbeReport } from '../aws/vantage/probeResult';
import { checkConnectivity, type ProbeOutcome } from './connectivityCheck';
import { checkDnsAnswers } from './dnsAnswersCheck';
import type { ClientLocationInput, DiagnoseCheck, DiagnoseVantage } from './diagnoseTypes';
import type { CliContext } from './fixCommands';

/** What the probe sent to the instance needs: the host to resolve, where to connect. */
export interface InstanceProbeInput {
  privateHost: string;
  interfaceIps: string[];
  ports: number[];
}

/** The probe's parsed report, with the Run Command id that produced it (for the report). */
export interface InstanceProbeRun {
  report: ProbeReport;
  commandId: string;
}

export type InstanceProbe = (input: InstanceProbeInput, signal?: AbortSignal) => Promise<InstanceProbeRun>;

/** The probe's run on the vantage instance, or why it could not run (never a pass for what was not measured). */
export async function measureOnInstance(probe: InstanceProbe | undefined, input: InstanceProbeInput, signal?: AbortSignal): Promise<InstanceProbeRun | { error: string }> {
  if (!probe) return { error: 'no Systems Manager client was given to run it.' };
  try {
    return await probe(input, signal);
  } catch (error) {
    signal?.throwIfAborted();
    if ((error as Error)?.name === 'AbortError') throw error;
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** "as seen from i-0abc (app-instance) in subnet-0def". */
export function vantageLabel(vantage: DiagnoseVantage): string {
  return `as seen from ${vantage.instanceId}${vantage.name ? ` (${vantage.name})` : ''}${vantage.subnetId ? ` in ${vantage.subnetId}` : ''}`;
}

/** The instance as the client of the security-group and NACL checks: its groups, its address, its subnet. */
export function instanceClient(vantage: DiagnoseVantage): ClientLocationInput {
  return {
    securityGroupIds: [...vantage.securityGroupIds],
    ...(vantage.privateIp ? { cidrs: [`${vantage.privateIp}/32`] } : {}),
    ...(vantage.subnetId ? { subnetIds: [vantage.subnetId] } : {}),
  };
}

/** The instance's DNS answers as the DNS check reads them (no answer is an error, as NXDOMAIN is). */
export function probeDnsAnswers(report: ProbeReport): { ips: string[] } | { error: string } {
  return report.dnsAnswers.length ? { ips: [...report.dnsAnswers] } : { error: 'no address (NXDOMAIN or no A record)' };
}

/** True when the probe could check TLS on every connection that answered (it had a TLS tool). */
export function probeCheckedTls(report: ProbeReport): boolean {
  return report.tool.name !== 'none' && !report.connections.some((c) => c.tcp === 'open' && c.tls.outcome === 'skip');
}

/** One outcome per interface IP and port, in the connection check's terms. */
export function probeOutcomes(report: ProbeReport): ProbeOutcome[] {
  const tool = `${report.tool.name} ${report.tool.version}`;
  return report.connections.map((c): ProbeOutcome => {
    const base = { ip: c.ip, port: c.port };
    if (c.tcp === 'refused') return { ...base, ok: false, failure: 'refused', phases: ['tcp refused'], detail: 'connection refused on the instance' };
    if (c.tcp === 'no-reply') {
      return { ...base, ok: false, failure: 'timeout', phases: ['tcp no reply'], detail: 'no reply to Postgres\' SSLRequest within the probe\'s timeout: the traffic is dropped on the way, as a security group or network ACL does.' };
    }
    if (c.tls.outcome === 'ok') return { ...base, ok: true, phases: ['tcp ok', `tls ok (verify-full via ${tool})`] };
    if (c.tls.outcome === 'skip') return { ...base, ok: true, phases: ['tcp ok', 'tls not checked (no TLS tool on the instance)'] };
    return { ...base, ok: false, failure: 'tls', phases: ['tcp ok', 'tls fail'], detail: `TLS as verify-full failed on the instance: ${c.tls.detail.replace(/-/g, ' ') || 'no detail'}.` };
  });
}

export interface InstanceChecksInput {
  vantage: DiagnoseVantage;
  privateHost: string;
  /** The probe's run, or why it could not run (already worded, no secret). */
  measured: InstanceProbeRun | { error: string };
  endpointId: string;
  interfaceIps: string[];
  vpcId: string;
  vpcCidrs: string[];
  privateDnsBroken: boolean;
  naclBlocked: ReadonlySet<string>;
  sgBlockedPorts: ReadonlySet<number>;
}

/** Checks 5 (DNS answers) and 6 (connections) from the instance's report. */
export function instanceChecks(input: InstanceChecksInput, cli: CliContext): { dnsAnswers: DiagnoseCheck; connectivity: DiagnoseCheck } {
  const seen = vantageLabel(input.vantage);
  if ('error' in input.measured) {
    const summary = `Not measured: the probe could not run ${seen.replace(/^as seen /, '')}: ${input.measured.error}`;
    const evidence = [`the probe's DNS answers and connections are the evidence of this check, ${seen}`];
    return {
      dnsAnswers: { id: 'dnsAnswers', title: 'DNS answers for the Private Host', status: 'warn', summary, evidence },
      connectivity: { id: 'connectivity', title: 'Connections to the endpoint (TCP, TLS, login)', status: 'warn', summary, evidence: [...evidence] },
    };
  }
  const { report, commandId } = input.measured;
  const where = `${seen} through Systems Manager (command ${commandId})`;
  const dnsAnswers = checkDnsAnswers(
    {
      privateHost: input.privateHost,
      resolverLabel: `the VPC resolver on ${input.vantage.instanceId}`,
      answers: probeDnsAnswers(report),
      interfaceIps: input.interfaceIps,
      vpcId: input.vpcId,
      vpcCidrs: input.vpcCidrs,
      privateDnsBroken: input.privateDnsBroken,
      insideVpc: true,
    },
    cli,
  );
  dnsAnswers.evidence.unshift(`measured ${where}`);
  dnsAnswers.summary = withVantage(dnsAnswers.summary, seen);
  const withTls = probeCheckedTls(report);
  const connectivity = checkConnectivity(
    {
      endpointId: input.endpointId,
      outcomes: probeOutcomes(report),
      naclBlocked: input.naclBlocked,
      sgBlockedPorts: input.sgBlockedPorts,
      withLogin: false,
      withTls,
      untried: withTls
        ? `login and query not tried from ${input.vantage.instanceId}: the probe carries no credentials`
        : `TLS not checked on ${input.vantage.instanceId}: it has neither OpenSSL 1.1.1+ nor python3 (on Amazon Linux 2: install openssl11); login and query not tried: the probe carries no credentials`,
    },
    cli,
  );
  connectivity.evidence.unshift(`measured ${where}`);
  connectivity.summary = withVantage(connectivity.summary, seen);
  return { dnsAnswers, connectivity };
}

/** "Every interface answers…" → "As seen from i-… (app-instance) in subnet-…: every interface answers…". */
function withVantage(summary: string, seen: string): string {
  return `A${seen.slice(1)}: ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`;
}
