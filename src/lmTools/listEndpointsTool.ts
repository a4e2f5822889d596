// Tool: the interface endpoints of one VPC, or of every chosen region, with state and private DNS
// (the same DescribeVpcEndpoints the AWS view makes, one paginated call per region).
import type * as vscode from 'vscode';
import { classifyAwsError } from '../aws/awsErrors';
import type { ExtensionServices } from '../services/extensionServices';
import { endpointFacts, endpointLine, type EndpointFacts } from './endpointFacts';
import { VPC_ID_RE, asInput, optionalId, optionalRegion, resolveProfile } from './toolInputs';
import { toolResult } from './toolResult';
import type { ToolCall } from './toolRunner';

export async function listEndpoints(services: ExtensionServices, rawInput: unknown, call: ToolCall): Promise<vscode.LanguageModelToolResult> {
  const input = asInput(rawInput);
  const { profile, regions: chosen } = await resolveProfile(services, input);
  const vpcId = optionalId(input, 'vpcId', VPC_ID_RE, 'vpc-0123456789abcdef0');
  const region = optionalRegion(input);
  const regions = region ? [region] : chosen;
  const core = services.core.get();
  const found: EndpointFacts[] = [];
  const failures: string[] = [];
  for (const r of regions) {
    try {
      const endpoints = await core.listInterfaceEndpoints(services.aws.clients(profile, r).ec2, {
        signal: call.signal,
        filters: vpcId ? [{ Name: 'vpc-id', Values: [vpcId] }] : [],
      });
      found.push(...endpoints.map((e) => endpointFacts(e, r, profile)));
    } catch (err) {
      if (call.signal.aborted) throw err;
      failures.push(`${r}: ${classifyAwsError(err, { profile, region: r }).message}`);
    }
  }
  const scope = `${vpcId ? `VPC ${vpcId}` : 'all VPCs'} in ${regions.join(', ')} (AWS profile "${profile}")`;
  const lines = [found.length ? `${found.length} interface endpoint(s) in ${scope}:` : `No interface endpoints in ${scope}.`, ...found.map((f) => `- ${endpointLine(f)}`)];
  if (failures.length) lines.push(`Could not list: ${failures.join('; ')}`);
  lines.push('(States are as EC2 reports them now; "available" does not prove a database connection: use the verify or diagnose tool.)');
  return toolResult(services.redact, lines.join('\n'), { profile, regions, ...(vpcId ? { vpcId } : {}), endpoints: found, failures });
}
