// Tool: the Create Endpoint form's plan for a branch in a VPC (ordered steps, monthly cost, the
// equivalent AWS CLI script and Terraform), validated against AWS facts. It creates nothing.
import type * as vscode from 'vscode';
import type { ExtensionServices } from '../services/extensionServices';
import type { ValidationIssue } from '../aws/createEndpoint/endpointRequest';
import { vscodeCreateEndpointUi } from '../webviews/createEndpoint/createEndpointUi';
import { EndpointFormSession, type FormPlan } from './endpointFormSession';
import { asInput, branchName, inputFieldOf, resolveToolBranch, type ToolInput } from './toolInputs';
import { toolResult } from './toolResult';
import type { ToolCall } from './toolRunner';
import type { ResolvedBranch } from '../commands/branchArgument';

/** Plans for the input with a fresh form session (closed afterwards). */
export async function planFor(services: ExtensionServices, input: ToolInput): Promise<{ branch: ResolvedBranch; planned: FormPlan; session: EndpointFormSession }> {
  const branch = await resolveToolBranch(services, input);
  const session = new EndpointFormSession(services, branch, vscodeCreateEndpointUi());
  try {
    return { branch, planned: await session.plan(input), session };
  } catch (err) {
    session.dispose();
    throw err;
  }
}

export async function planEndpoint(services: ExtensionServices, rawInput: unknown, _call: ToolCall): Promise<vscode.LanguageModelToolResult> {
  const { branch, planned, session } = await planFor(services, asInput(rawInput));
  session.dispose();
  return toolResult(services.redact, `${planText(branch, planned, { exports: true })}\nNothing was created: this is a plan. The create endpoint tool applies it after the user confirms.`, planJson(branch, planned));
}

export function planText(branch: ResolvedBranch, planned: FormPlan, options: { exports: boolean }): string {
  const { plan, issues, snapshot } = planned;
  const where = `${planned.form.vpcId} (${snapshot.region}, AWS profile "${snapshot.profile}")`;
  const lines: string[] = [];
  const errors = issues.filter((i) => i.severity === 'error');
  if (!plan || errors.length) {
    lines.push(`No plan for ${branchName(branch)} in ${where}: the form's checks found ${errors.length} problem(s):`, ...errors.map(issueLine));
    if (planned.vpc) lines.push(`Subnets of the VPC: ${planned.vpc.subnets.map((s) => `${s.id} (${s.availabilityZone})`).join(', ')}. Security groups: ${planned.vpc.securityGroups.map((g) => `${g.id} (${g.name})`).join(', ')}.`);
    return lines.join('\n');
  }
  lines.push(`Plan for a PrivateLink endpoint serving ${branchName(branch)} (${branch.serviceName}) in ${where}:`);
  for (const d of planned.defaulted) lines.push(`Not given, so the form's default: ${d}.`);
  plan.steps.forEach((s, i) => lines.push(`${i + 1}. ${s.title}${s.creates ? ` — creates ${s.creates}` : ''}${s.undo ? ` (undone on failure: ${s.undo})` : ''}`));
  lines.push(`Cost: ${plan.cost.text}`);
  if (plan.acceptanceRequired) lines.push('The service owner must accept the connection before traffic flows.');
  for (const w of issues.filter((i) => i.severity === 'warning')) lines.push(`Warning: ${issueLine(w)}`);
  if (options.exports) lines.push('', 'AWS CLI equivalent:', plan.exports.cli, '', 'Terraform equivalent:', plan.exports.terraform);
  return lines.join('\n');
}

function issueLine(issue: ValidationIssue): string {
  return `- ${inputFieldOf(issue.field)}: ${issue.message}`;
}

export function planJson(branch: ResolvedBranch, planned: FormPlan): unknown {
  return {
    branch: branchName(branch),
    serviceName: branch.serviceName,
    region: planned.snapshot.region,
    profile: planned.snapshot.profile,
    request: planned.form,
    issues: planned.issues.map((i) => ({ ...i, field: inputFieldOf(i.field) })),
    ...(planned.plan ? { plan: { steps: planned.plan.steps, cost: planned.plan.cost, fingerprint: planned.plan.fingerprint, exports: planned.plan.exports } } : {}),
  };
}
