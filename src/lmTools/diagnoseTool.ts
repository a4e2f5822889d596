// Tool: the Diagnose command's checks (endpoint state, VPC DNS, security groups, NACLs, DNS answers,
// TCP/TLS) on a branch's endpoint or an endpoint by id, read-only: each check with its evidence and
// the fix as text. It runs through the same DiagnoseService as the panel; applying a fix is not a tool.
import type * as vscode from 'vscode';
import { overallStatus, type DiagnoseResult } from '../diagnose/diagnoseTypes';
import { createDiagnoseService } from '../commands/diagnose';
import { parseCidrList, type ClientLocation } from '../diagnose/clientLocation';
import { editorEnvironment } from '../commands/diagnose/diagnoseEnvironment';
import { DiagnoseMemory } from '../commands/diagnose/diagnoseMemory';
import type { DiagnoseTarget } from '../commands/diagnose/diagnoseTarget';
import type { DiagnoseUi } from '../commands/diagnose/diagnoseUi';
import type { ExtensionServices } from '../services/extensionServices';
import { ENDPOINT_ID_RE, GROUP_ID_RE, asInput, optionalId, optionalIdList, optionalRegion, optionalText, resolveProfile, resolveToolBranch, type ToolInput } from './toolInputs';
import { ToolInputError } from './toolInputChecks';
import { toolResult } from './toolResult';
import { settleWorkspaceOverrides } from '../services/settings';
import type { ToolCall } from './toolRunner';
import { endpointById, endpointOfBranch, type TargetSources } from './toolTargets';

export async function diagnose(services: ExtensionServices, sources: TargetSources, rawInput: unknown, call: ToolCall): Promise<vscode.LanguageModelToolResult> {
  const input = asInput(rawInput);
  const endpointId = optionalId(input, 'endpointId', ENDPOINT_ID_RE, 'vpce-0123456789abcdef0');
  const { profile, regions } = await resolveProfile(services, input);
  let target: DiagnoseTarget | undefined;
  if (optionalText(input, 'database') || optionalText(input, 'branch')) {
    const branch = await resolveToolBranch(services, input);
    const choice = await endpointOfBranch(services, sources, branch, { ...(endpointId ? { endpointId } : {}), profile });
    if ('answer' in choice) return toolResult(services.redact, choice.answer, { diagnosed: false, candidates: choice.candidates.map((c) => c.endpoint.id) });
    target = choice.target;
  } else if (endpointId) {
    const region = optionalRegion(input);
    target = await endpointById(services, sources, endpointId, profile, region ? [region] : regions, call.signal);
    if (!target) return toolResult(services.redact, `EC2 does not know ${endpointId} in ${(region ? [region] : regions).join(', ')}; name its region.`, { diagnosed: false });
  } else {
    throw new ToolInputError('branch', 'name the branch (database and branch, optionally organization) or an endpointId to diagnose.');
  }
  const memory = new DiagnoseMemory(services.store);
  if (!target.privateHost) {
    const remembered = memory.privateHost(target.endpointId);
    if (remembered) target = { ...target, privateHost: remembered };
  }
  const client = clientLocation(input) ?? memory.clientLocation(target.region, target.vpcId);
  const service = createDiagnoseService(services, { awsTree: { endpointsForService: (s) => sources.endpointsForService(s) } }, toolUi(services), editorEnvironment(services.settingsConsent));
  const cancel = call.token.onCancellationRequested(() => service.cancel());
  try {
    // As the command does: a workspace's DNS server or CA file is used only after the user's yes.
    await settleWorkspaceOverrides(services.settingsConsent);
    const result = await service.diagnose({ target, client: client ?? { kind: 'cidrs', cidrs: [] } });
    if (!result) throw Object.assign(new Error('Diagnosis cancelled.'), { name: 'CancellationError' });
    return toolResult(services.redact, summaryText(result, target, !!client) + service.reportText(result), resultJson(result));
  } finally {
    cancel.dispose();
    service.dispose();
  }
}

/** The application's location from the input, checked like the Diagnose prompts check it. */
function clientLocation(input: ToolInput): ClientLocation | undefined {
  const groups = optionalIdList(input, 'clientSecurityGroupIds', GROUP_ID_RE, 'sg-0123456789abcdef0');
  if (groups?.length) return { kind: 'securityGroups', securityGroups: groups.map((id) => ({ id })) };
  const cidrs = input.clientCidrs;
  if (cidrs === undefined || cidrs === null) return undefined;
  if (!Array.isArray(cidrs) || cidrs.some((c) => typeof c !== 'string')) throw new ToolInputError('clientCidrs', 'must be a list of CIDR blocks such as 10.0.1.0/24.');
  const parsed = parseCidrList((cidrs as string[]).join(','));
  if ('error' in parsed) throw new ToolInputError('clientCidrs', parsed.error);
  return { kind: 'cidrs', cidrs: parsed.cidrs };
}

function summaryText(result: DiagnoseResult, target: DiagnoseTarget, clientKnown: boolean): string {
  const failing = result.checks.filter((c) => c.status === 'fail' || c.status === 'warn');
  const lines = [
    `Diagnosis of ${target.endpointId} (${target.region}, ${target.vpcId})${target.branch ? ` for ${target.branch.organization}/${target.branch.database}/${target.branch.branch}` : ''}: overall ${overallStatus(result.checks).toUpperCase()}.`,
    ...failing.map((c) => `${c.status.toUpperCase()} ${c.title}: ${c.summary}${c.fix ? ` Fix: ${c.fix.description}` : ''}`),
    'Not proven here: login and a query (a tool is never given a password); the verify tool proves them with a role whose password VS Code keeps.',
  ];
  if (!clientKnown) lines.push('The security group and NACL rules were not checked against the application: its location is not known (give clientSecurityGroupIds or clientCidrs).');
  if (!target.privateHost) lines.push('The DNS answers and TLS name checks were skipped: the Private Host is not known (name the branch).');
  return `${lines.join('\n')}\n\n`;
}

function resultJson(result: DiagnoseResult): unknown {
  return {
    endpointId: result.endpointId,
    region: result.region,
    vpcId: result.vpcId,
    privateHost: result.privateHost,
    overall: overallStatus(result.checks),
    checks: result.checks.map((c) => ({ id: c.id, title: c.title, status: c.status, summary: c.summary, evidence: c.evidence, ...(c.fix ? { fix: { description: c.fix.description, cliCommand: c.fix.cliCommand } } : {}) })),
  };
}

/** The tool never asks anything: every question the panel would ask is answered by the input. */
function toolUi(services: ExtensionServices): DiagnoseUi {
  const refuse = (what: string) => Promise.reject(new Error(`The diagnose tool does not ${what}.`));
  return {
    pick: () => refuse('ask questions'),
    pickMany: () => refuse('ask questions'),
    input: () => refuse('ask questions'),
    confirm: () => Promise.resolve(false),
    withProgress: (_title, _abort, task) => task(() => undefined),
    copyToClipboard: () => refuse('use the clipboard'),
    notify: (severity, message) => services.log.info(`Diagnose tool (${severity}): ${services.redact(message)}`),
  };
}
