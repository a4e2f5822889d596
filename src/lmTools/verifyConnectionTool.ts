// Tool: proves a branch's private connection through the same verification the .env command runs
// (DNS answers must be interfaces of an available endpoint of the branch's own service → TCP →
// TLS verify-full → login → query) and
// reports each phase; writes nothing.
import type * as vscode from 'vscode';
import { formatVerifyReport } from '../connection/verifyReport';
import type { VerifyResult } from '../connection/verifyTypes';
import { verifyBranchConnection } from '../commands/writeConnectionString/writeConnectionString';
import type { ExtensionServices } from '../services/extensionServices';
import { asInput, branchName, optionalText, readPort, resolveToolBranch } from './toolInputs';
import { rememberedRole } from './toolRoles';
import { toolResult } from './toolResult';
import type { ToolCall } from './toolRunner';
import type { AwsTreeProvider } from '../views/aws/awsTreeProvider';

export async function verifyConnectionTool(services: ExtensionServices, sources: { awsTree: AwsTreeProvider }, rawInput: unknown, call: ToolCall): Promise<vscode.LanguageModelToolResult> {
  const input = asInput(rawInput);
  const port = readPort(input);
  const branch = await resolveToolBranch(services, input);
  const name = branchName(branch);
  const lookup = await rememberedRole(services, branch, optionalText(input, 'role'), call.signal);
  if ('missing' in lookup) {
    return toolResult(services.redact, `Not verified: nothing was proven for ${name}. ${lookup.missing} The diagnose tool checks the network path (DNS, TCP, TLS) without a login.`, { verified: false, branch: name });
  }
  const { verifications, cancelled } = await verifyBranchConnection(services, sources.awsTree, { branch, role: lookup.role, port }, call.signal);
  if (cancelled) throw Object.assign(new Error('Verification cancelled.'), { name: 'CancellationError' });
  const verified = verifications.length > 0 && verifications.every((v) => v.outcome === 'success') && verifications.length === (port === 'both' ? 2 : 1);
  const head = verified
    ? `Verified the private connection of ${name} as role ${lookup.role.roleName}: ${verifications.map((v) => v.summary).join(' ')}`
    : `NOT verified: the private connection of ${name} failed. ${verifications.find((v) => v.outcome !== 'success')?.summary ?? ''}`;
  const text = [head, ...verifications.map(formatVerifyReport), verified ? 'Nothing was written.' : notProven(verifications)].filter(Boolean);
  return toolResult(services.redact, text.join('\n'), { verified, branch: name, role: lookup.role.roleName, privateHost: branch.privateHost, results: verifications.map(resultJson) });
}

function notProven(verifications: VerifyResult[]): string {
  const skipped = verifications.flatMap((v) => v.phases.filter((p) => p.status === 'skipped').map((p) => p.phase));
  return `Not proven: ${[...new Set(skipped)].join(', ') || 'the failed phase'}. Nothing was written. Run the diagnose tool for the cause.`;
}

function resultJson(v: VerifyResult): unknown {
  return { outcome: v.outcome, summary: v.summary, ...(v.failedPhase ? { failedPhase: v.failedPhase } : {}), ...(v.connectedTo ? { connectedTo: v.connectedTo } : {}), phases: v.phases.map((p) => ({ phase: p.phase, status: p.status, detail: p.detail, ...(p.fix ? { fix: p.fix } : {}) })) };
}
