// The tools' implementations (loaded lazily from the features bundle on the first tool call): each
// one a module of its own, wrapped by runTool for cancellation, bad input and failures.
import type * as vscode from 'vscode';
import type { ExtensionServices } from '../services/extensionServices';
import type { EndpointWatcher } from '../services/endpointWatcher';
import type { AwsTreeProvider } from '../views/aws/awsTreeProvider';
import { createEndpoint, prepareCreateEndpoint } from './createEndpointTool';
import { diagnose } from './diagnoseTool';
import { endpointStatus } from './endpointStatusTool';
import { listBranches } from './listBranchesTool';
import { listEndpoints } from './listEndpointsTool';
import { planEndpoint } from './planEndpointTool';
import { ShownConfirmations } from './shownConfirmations';
import type { ToolConfirmation } from './toolConfirmation';
import type { ToolName } from './toolNames';
import { runTool, type ToolCall } from './toolRunner';
import type { TargetSources } from './toolTargets';
import { verifyConnectionTool } from './verifyConnectionTool';
import { prepareWriteEnv, writeEnv } from './writeEnvTool';

export interface ToolSources {
  awsTree: AwsTreeProvider;
  watcher: EndpointWatcher;
  confirmation: ToolConfirmation;
}

export type ToolImplementations = Record<ToolName, vscode.LanguageModelTool<unknown>>;

export function languageModelToolsFeature(services: ExtensionServices, sources: ToolSources): ToolImplementations {
  const targets: TargetSources = { endpointsForService: (s) => sources.awsTree.endpointsForService(s), watched: () => sources.watcher.entries() };
  const shown = new ShownConfirmations();
  const tool = (name: ToolName, body: (input: unknown, call: ToolCall) => Promise<vscode.LanguageModelToolResult>, prepare?: (input: unknown) => Promise<vscode.PreparedToolInvocation>): vscode.LanguageModelTool<unknown> => ({
    invoke: (options, token) => runTool(services, name, options, token, (call) => body(options.input, call)),
    ...(prepare ? { prepareInvocation: (options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>) => prepared(name, () => prepare(options.input)) } : {}),
  });
  // A confirmation that cannot be prepared (bad input, AWS unreachable) asks nothing: invoke then
  // meets the same problem and answers with it, and refuses to act on anything not confirmed.
  const prepared = async (name: ToolName, build: () => Promise<vscode.PreparedToolInvocation>): Promise<vscode.PreparedToolInvocation> => {
    try {
      const result = await build();
      if (result.confirmationMessages) services.log.info(`Tool ${name}: asks the user: ${services.redact(result.confirmationMessages.title)}`);
      return result;
    } catch (err) {
      services.log.info(`Tool ${name}: no confirmation prepared: ${services.redact(err instanceof Error ? err.message : String(err))}`);
      return { invocationMessage: 'Checking the input' };
    }
  };
  return {
    planetscalePrivateLink_listBranches: tool('planetscalePrivateLink_listBranches', (input, call) => listBranches(services, input, call)),
    planetscalePrivateLink_listEndpoints: tool('planetscalePrivateLink_listEndpoints', (input, call) => listEndpoints(services, input, call)),
    planetscalePrivateLink_endpointStatus: tool('planetscalePrivateLink_endpointStatus', (input, call) => endpointStatus(services, sources.watcher, input, call)),
    planetscalePrivateLink_diagnose: tool('planetscalePrivateLink_diagnose', (input, call) => diagnose(services, targets, input, call)),
    planetscalePrivateLink_verifyConnection: tool('planetscalePrivateLink_verifyConnection', (input, call) => verifyConnectionTool(services, sources, input, call)),
    planetscalePrivateLink_planEndpoint: tool('planetscalePrivateLink_planEndpoint', (input, call) => planEndpoint(services, input, call)),
    planetscalePrivateLink_createEndpoint: tool(
      'planetscalePrivateLink_createEndpoint',
      (input, call) => createEndpoint(services, sources.confirmation, shown, input, call),
      (input) => prepareCreateEndpoint(services, shown, input),
    ),
    planetscalePrivateLink_writeConnectionString: tool(
      'planetscalePrivateLink_writeConnectionString',
      (input, call) => writeEnv(services, sources.awsTree, sources.confirmation, shown, input, call),
      (input) => prepareWriteEnv(services, shown, input),
    ),
  };
}
