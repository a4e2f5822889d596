// The diagnosis as plain text for a support ticket ("contact support with your endpoint
// configuration details"): ids, states, rules and results; never a password, token or key.
// Pure, so the main bundle can build it for the Copy report action.

import { createRedactor } from '../connection/redact';
import { overallStatus, type DiagnoseCheck, type DiagnoseResult, type DiagnoseVantage } from './diagnoseTypes';
import { vantageLabel } from './instanceVantage';

export interface ReportOptions {
  /** Secrets known to the caller (role password, service token): masked wherever they appear. */
  secrets?: ReadonlyArray<string | undefined>;
  /** Shown in the header, e.g. the extension version. */
  producedBy?: string;
}

const STATUS_LABEL: Record<DiagnoseCheck['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skipped: 'SKIP' };

export function renderDiagnoseReport(result: DiagnoseResult, options: ReportOptions = {}): string {
  const lines: string[] = [];
  lines.push('PlanetScale PrivateLink diagnosis');
  lines.push(`Generated: ${result.startedAt} (${result.durationMs} ms)${options.producedBy ? ` by ${options.producedBy}` : ''}`);
  lines.push(`Endpoint: ${result.endpointId} in ${result.region}${result.vpcId ? `, VPC ${result.vpcId}` : ''}`);
  if (result.privateHost) lines.push(`Private Host: ${result.privateHost}`);
  const client = [...(result.client.securityGroupIds ?? []), ...(result.client.cidrs ?? []), ...(result.client.subnetIds ?? [])];
  lines.push(`Client: ${client.length ? client.join(', ') : 'not given'}`);
  lines.push(`Vantage: ${describeVantage(result.vantage)}`);
  lines.push(`Overall: ${STATUS_LABEL[overallStatus(result.checks)]}`);
  result.checks.forEach((check, index) => {
    lines.push('');
    lines.push(`[${STATUS_LABEL[check.status]}] ${index + 1}. ${check.title}: ${check.summary}`);
    for (const item of check.evidence) lines.push(`    - ${item}`);
    if (check.fix) {
      lines.push(`    Fix: ${check.fix.description}`);
      for (const command of check.fix.cliCommand.split('\n')) lines.push(`      $ ${command}`);
    }
  });
  return redactReport(lines.join('\n') + '\n', options.secrets ?? []);
}

/** Masks given secrets, URL passwords, PlanetScale tokens/passwords and AWS key ids (the shared redactor). */
export function redactReport(text: string, secrets: ReadonlyArray<string | undefined>): string {
  return createRedactor(secrets)(text);
}

/** Where checks 5 and 6 were measured, in words, for the report and the panel. */
export function describeVantage(vantage: DiagnoseVantage | undefined): string {
  if (!vantage) return 'this machine (DNS answers and connections measured here)';
  const groups = vantage.securityGroupIds.join(', ') || 'no security group';
  return `${vantageLabel(vantage)}${vantage.privateIp ? ` (${vantage.privateIp}, ${groups})` : ` (${groups})`}: DNS answers, TCP and TLS measured there through Systems Manager; security groups and network ACLs evaluated for it; login not tried`;
}
