// Check 7 (opt-in): AWS Reachability Analyzer between the client and an endpoint interface. AWS
// charges per analysis, so the runner calls this only when the user agreed. Where the API does
// not exist (the sandbox, some partitions) the check is skipped, not failed.
// Runtime SDK import: reach this module only through coreEntry.ts.

import {
  CreateNetworkInsightsPathCommand,
  DeleteNetworkInsightsAnalysisCommand,
  DeleteNetworkInsightsPathCommand,
  DescribeNetworkInsightsAnalysesCommand,
  StartNetworkInsightsAnalysisCommand,
  type EC2Client,
  type Explanation,
} from '@aws-sdk/client-ec2';
import type { DiagnoseCheck } from './diagnoseTypes';

const TITLE = 'Reachability Analyzer';
const UNAVAILABLE = new Set(['InvalidAction', 'UnsupportedOperation', 'UnknownOperationException', 'OptInRequired']);

export interface ReachabilityOptions {
  /** The client's network interface (`eni-…`) or instance (`i-…`). */
  sourceId: string;
  /** An endpoint network interface (`eni-…`). */
  destinationId: string;
  port: number;
  timeoutMs?: number;
  pollMs?: number;
  signal?: AbortSignal;
}

export async function runReachabilityAnalysis(ec2: EC2Client, options: ReachabilityOptions): Promise<DiagnoseCheck> {
  const evidence = [`path: ${options.sourceId} → ${options.destinationId} tcp ${options.port}`];
  const base = { id: 'reachabilityAnalyzer' as const, title: TITLE, evidence };
  const send = { abortSignal: options.signal };
  let pathId: string | undefined;
  let analysisId: string | undefined;
  try {
    const path = await ec2.send(
      new CreateNetworkInsightsPathCommand({ Source: options.sourceId, Destination: options.destinationId, Protocol: 'tcp', DestinationPort: options.port }),
      send,
    );
    pathId = path.NetworkInsightsPath?.NetworkInsightsPathId;
    const started = await ec2.send(new StartNetworkInsightsAnalysisCommand({ NetworkInsightsPathId: pathId }), send);
    analysisId = started.NetworkInsightsAnalysis?.NetworkInsightsAnalysisId;
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    for (;;) {
      const out = await ec2.send(new DescribeNetworkInsightsAnalysesCommand({ NetworkInsightsAnalysisIds: analysisId ? [analysisId] : [] }), send);
      const analysis = out.NetworkInsightsAnalyses?.[0];
      evidence.push(`analysis ${analysisId}: ${analysis?.Status ?? 'unknown'}`);
      if (analysis?.Status === 'succeeded') {
        if (analysis.NetworkPathFound) {
          return { ...base, status: 'pass', summary: 'AWS found a network path from the client to the endpoint.' };
        }
        evidence.push(...(analysis.Explanations ?? []).map(explain));
        return { ...base, status: 'fail', summary: 'AWS found no network path from the client to the endpoint; see its explanations.' };
      }
      if (analysis?.Status === 'failed') {
        return { ...base, status: 'warn', summary: `The analysis failed: ${analysis.StatusMessage ?? 'no reason given'}.` };
      }
      if (Date.now() > deadline) {
        return { ...base, status: 'warn', summary: 'The analysis did not finish in time; look it up in the VPC console (Reachability Analyzer).' };
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 3000));
    }
  } catch (error) {
    const name = (error as { name?: string } | undefined)?.name ?? '';
    if (UNAVAILABLE.has(name)) {
      evidence.push(`EC2 answered ${name}`);
      return { ...base, status: 'skipped', summary: 'Reachability Analyzer is not available here (the EC2 endpoint does not offer it).' };
    }
    throw error;
  } finally {
    // Best effort: leave no analysis objects behind in the user's account.
    if (analysisId) await ec2.send(new DeleteNetworkInsightsAnalysisCommand({ NetworkInsightsAnalysisId: analysisId })).catch(() => undefined);
    if (pathId) await ec2.send(new DeleteNetworkInsightsPathCommand({ NetworkInsightsPathId: pathId })).catch(() => undefined);
  }
}

function explain(e: Explanation): string {
  const where = [e.SecurityGroup?.Id, e.Acl?.Id, e.AclRule?.RuleNumber !== undefined ? `rule ${e.AclRule.RuleNumber}` : undefined, e.Component?.Id]
    .filter(Boolean)
    .join(' ');
  return `${e.ExplanationCode ?? 'explanation'}${e.Direction ? ` (${e.Direction})` : ''}${where ? `: ${where}` : ''}`;
}
