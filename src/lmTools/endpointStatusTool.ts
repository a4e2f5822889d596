// Tool: the state of one endpoint (by id), or of the endpoints this workspace watches in the status
// bar (polled now, through the status bar's own watcher).
import type * as vscode from 'vscode';
import { classifyAwsError } from '../aws/awsErrors';
import { stateLabel } from '../aws/watch/endpointStatusModel';
import type { ExtensionServices } from '../services/extensionServices';
import type { EndpointWatcher } from '../services/endpointWatcher';
import { endpointFacts, endpointLine, type EndpointFacts } from './endpointFacts';
import { ENDPOINT_ID_RE, asInput, optionalId, optionalRegion, resolveProfile } from './toolInputs';
import { ToolInputError } from './toolInputChecks';
import { toolResult } from './toolResult';
import type { ToolCall } from './toolRunner';

export type StatusWatcher = Pick<EndpointWatcher, 'entries' | 'statuses' | 'refreshNow'>;

export async function endpointStatus(services: ExtensionServices, watcher: StatusWatcher, rawInput: unknown, call: ToolCall): Promise<vscode.LanguageModelToolResult> {
  const input = asInput(rawInput);
  const endpointId = optionalId(input, 'endpointId', ENDPOINT_ID_RE, 'vpce-0123456789abcdef0');
  if (!endpointId) return watchedStatus(services, watcher);
  const watched = watcher.entries().find((e) => e.endpointId === endpointId);
  const { profile, regions } = watched && !input.profile ? { profile: watched.profile, regions: [watched.region] } : await resolveProfile(services, input);
  const region = optionalRegion(input) ?? watched?.region;
  const core = services.core.get();
  for (const r of region ? [region] : regions) {
    let described;
    try {
      described = await core.describeEndpoints(services.aws.clients(profile, r).ec2, [endpointId], { signal: call.signal });
    } catch (err) {
      if (call.signal.aborted) throw err;
      return toolResult(services.redact, `Could not read ${endpointId} in ${r}: ${classifyAwsError(err, { profile, region: r }).message}`);
    }
    const endpoint = described.found.get(endpointId);
    if (!endpoint) continue;
    const facts = endpointFacts(endpoint, r, profile);
    const text = [`${endpointLine(facts)}.`, watched ? `The workspace watches it${watched.branch ? ` for ${watched.branch.organization}/${watched.branch.database}/${watched.branch.branch}` : ''}.` : 'The workspace does not watch it.', NOT_PROVEN];
    return toolResult(services.redact, text.join('\n'), { ...facts, watched: !!watched });
  }
  if (!region && !regions.length) throw new ToolInputError('region', 'no region is chosen; name the endpoint\'s region.');
  return toolResult(services.redact, `EC2 does not know ${endpointId} in ${(region ? [region] : regions).join(', ')} (AWS profile "${profile}"): it was deleted, or it is in another region or account; name its region.`, { endpointId, found: false });
}

const NOT_PROVEN = '(This is the state EC2 reports; it does not prove a database connection: use the verify or diagnose tool.)';

async function watchedStatus(services: ExtensionServices, watcher: StatusWatcher): Promise<vscode.LanguageModelToolResult> {
  if (!watcher.entries().length) {
    return toolResult(services.redact, 'This workspace watches no endpoint. Give an endpointId, or list endpoints with the list endpoints tool.', { watched: [] });
  }
  await watcher.refreshNow();
  const rows = watcher.statuses().map((s) => {
    const facts: (EndpointFacts | Record<string, unknown>) = s.endpoint ? endpointFacts(s.endpoint, s.entry.region, s.entry.profile) : { endpointId: s.entry.endpointId, region: s.entry.region, vpcId: s.entry.vpcId };
    const branch = s.entry.branch ? `${s.entry.branch.organization}/${s.entry.branch.database}/${s.entry.branch.branch}` : undefined;
    const line = s.endpoint ? endpointLine(facts as EndpointFacts) : `${s.entry.endpointId} in ${s.entry.vpcId} ${s.entry.region}: ${stateLabel(s.state)}${s.reason ? ` (${s.reason})` : ''}`;
    return { line: `- ${line}${branch ? `, for ${branch}` : ''}`, json: { ...facts, state: s.state, ...(s.reason ? { reason: s.reason } : {}), ...(branch ? { branch } : {}) } };
  });
  return toolResult(services.redact, [`The workspace watches ${rows.length} endpoint(s), checked just now:`, ...rows.map((r) => r.line), NOT_PROVEN].join('\n'), { watched: rows.map((r) => r.json) });
}
