// Tool: creates the endpoint of the form's plan (security group, ingress 5432/6432, the endpoint with
// private DNS, waiting for `available`), through the form's own create run (dry run first, rollback
// on failure). Only in a trusted workspace, and only the plan the user confirmed.
import * as vscode from 'vscode';
import type { CreateOutcome } from '../webviews/protocol/createEndpointProtocol';
import type { ExtensionServices } from '../services/extensionServices';
import { planFor, planJson, planText } from './planEndpointTool';
import type { ShownConfirmations } from './shownConfirmations';
import type { ToolConfirmation } from './toolConfirmation';
import { asInput, branchName } from './toolInputs';
import { toolResult } from './toolResult';
import type { ToolCall } from './toolRunner';
import { requireTrust } from './toolTrust';

export const CREATE_ACTION = 'Create Endpoint';

export async function prepareCreateEndpoint(services: ExtensionServices, shown: ShownConfirmations, rawInput: unknown): Promise<vscode.PreparedToolInvocation> {
  const { branch, planned, session } = await planFor(services, asInput(rawInput));
  session.dispose();
  if (!planned.plan || planned.issues.some((i) => i.severity === 'error')) {
    return { invocationMessage: `Checking the endpoint plan for ${branchName(branch)} (it has problems; nothing will be created)` };
  }
  shown.remember(rawInput, planned.plan.fingerprint);
  const message = new vscode.MarkdownString();
  message.appendText(planText(branch, planned, { exports: false }));
  message.appendMarkdown('\n\nThe same with the AWS CLI:\n');
  message.appendCodeblock(planned.plan.exports.cli, 'shellscript');
  return {
    invocationMessage: `Creating the PrivateLink endpoint for ${branchName(branch)}`,
    confirmationMessages: { title: `Create an AWS PrivateLink endpoint for ${branchName(branch)} in ${planned.form.vpcId}?`, message },
  };
}

export async function createEndpoint(services: ExtensionServices, confirmation: ToolConfirmation, shown: ShownConfirmations, rawInput: unknown, call: ToolCall): Promise<vscode.LanguageModelToolResult> {
  requireTrust('creates AWS resources');
  const confirmedFingerprint = shown.take(rawInput);
  const { branch, planned, session } = await planFor(services, asInput(rawInput));
  try {
    const { plan } = planned;
    if (!plan || planned.issues.some((i) => i.severity === 'error')) {
      return toolResult(services.redact, `${planText(branch, planned, { exports: false })}\nNothing was created.`, { created: false, ...(planJson(branch, planned) as object) });
    }
    if (call.inChat && confirmedFingerprint !== plan.fingerprint) {
      return toolResult(services.redact, 'Nothing was created: the plan is not the one the user confirmed (AWS changed in between). Call the tool again so the user sees the current plan.', { created: false });
    }
    if (!call.inChat) {
      const agreed = await confirmation.confirm(`Create an AWS PrivateLink endpoint for ${branchName(branch)} in ${planned.form.vpcId}?`, `${planText(branch, planned, { exports: false })}\n\n${plan.exports.cli}`, CREATE_ACTION);
      if (!agreed) return toolResult(services.redact, 'The user declined: nothing was created.', { created: false, declined: true });
    }
    const outcome = await session.create(planned.form, call.signal);
    return toolResult(services.redact, outcomeText(outcome), { created: outcome.kind === 'applied' && outcome.result.outcome !== 'failed', outcome });
  } finally {
    session.dispose();
  }
}

function outcomeText(outcome: CreateOutcome): string {
  switch (outcome.kind) {
    case 'invalid':
      return `Nothing was created: the form's checks found problems: ${outcome.issues.map((i) => `${i.field}: ${i.message}`).join(' ')}`;
    case 'preflightFailed':
      return outcome.message;
    case 'error':
      return `Nothing was created: ${outcome.error.message}${outcome.error.fix ? ` ${outcome.error.fix}` : ''}`;
    case 'applied': {
      const r = outcome.result;
      if (r.outcome === 'succeeded') return `${r.message} Endpoint ${r.endpointId}, security group ${r.securityGroupId || 'as chosen'}. The workspace now watches it. Created and available does not yet prove a database login: run the verify tool.`;
      const left = r.leftBehind.length ? ` Left in the account: ${r.leftBehind.map((l) => `${l.id} (${l.reason}; remove with: ${l.removeCommand})`).join('; ')}.` : '';
      return `${r.message}${left}`;
    }
    case 'revived':
      // Only a form restored after a reload holds one; the tool's own session never does.
      return outcome.message;
  }
}
