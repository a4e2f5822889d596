// planetscalePrivateLink.diagnose: runs the troubleshooting checks on an endpoint (tree item,
// status-bar entry, a branch's endpoint, or one picked from the palette) and shows the results
// panel. The returned service is also the extension-host tests' handle on the flow.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services/extensionServices';
import type { EndpointWatcher } from '../services/endpointWatcher';
import { settleWorkspaceOverrides } from '../services/settings';
import type { AwsTreeProvider } from '../views/aws/awsTreeProvider';
import { DiagnosePanels } from '../webviews/diagnose/diagnosePanel';
import { editorEnvironment, type DiagnoseEnvironment } from './diagnose/diagnoseEnvironment';
import { DiagnoseMemory } from './diagnose/diagnoseMemory';
import { DiagnosePrompts } from './diagnose/diagnosePrompts';
import { DiagnoseService } from './diagnose/diagnoseService';
import { vscodeDiagnoseUi, type DiagnoseUi } from './diagnose/diagnoseUi';
import { DiagnoseVantagePrompt } from './diagnose/diagnoseVantagePrompt';
import { vscodeVantageUi, type VantageUi } from './verifyFromInstance/vantageUi';

/** Where the endpoints come from: the AWS tree's last load and the status bar's watch list. */
export interface DiagnoseSources {
  awsTree: Pick<AwsTreeProvider, 'endpointsForService'>;
  watcher?: Pick<EndpointWatcher, 'entries' | 'follow' | 'onDidChangeEndpointState'>;
}

/** A service wired to the editor (or, in tests, to a scripted UI and environment). */
export function createDiagnoseService(
  services: ExtensionServices,
  sources: DiagnoseSources,
  ui: DiagnoseUi = vscodeDiagnoseUi(),
  environment: DiagnoseEnvironment = editorEnvironment(services.settingsConsent),
  vantageUi: VantageUi = vscodeVantageUi(),
): DiagnoseService {
  const memory = new DiagnoseMemory(services.store);
  const prompts = new DiagnosePrompts({
    services,
    ui,
    memory,
    endpointsForService: (serviceName) => sources.awsTree.endpointsForService(serviceName),
    watched: () => sources.watcher?.entries() ?? [],
    machineCidrs: () => environment.machineCidrs(),
  });
  const vantage = new DiagnoseVantagePrompt({ services, ui, vantageUi, memory, environment });
  return new DiagnoseService({ services, ui, prompts, vantage, environment, isTrusted: () => vscode.workspace.isTrusted, ...(sources.watcher ? { endpointStates: sources.watcher } : {}) });
}

/** The command's implementation (loaded lazily from the features bundle on first use). */
export function diagnoseFeature(
  services: ExtensionServices,
  sources: DiagnoseSources,
): { run(arg?: unknown): unknown; revive(panel: vscode.WebviewPanel, state: unknown): void; disposables: vscode.Disposable[]; service: DiagnoseService } {
  const service = createDiagnoseService(services, sources);
  const panels = new DiagnosePanels(services, service);
  const run = async (arg?: unknown) => {
    await settleWorkspaceOverrides(services.settingsConsent);
    return service.diagnoseArgument(arg);
  };
  return { run, revive: (panel, state) => panels.revive(panel, state), disposables: [service, panels], service };
}
