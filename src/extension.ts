import * as vscode from 'vscode';
import { Commands } from './commands/commandIds';
import { CommandRunner } from './commands/commandRunner';
import { featureBuilders } from './commands/commandTable';
import { registerCommands } from './commands/registerCommands';
import { LazyFeatures } from './deferredFeature';
import { LazyCore } from './lazyCore';
import { Announcements } from './services/announcements';
import { AwsSession } from './services/awsSession';
import { describeError } from './services/errorDescriptions';
import type { ExtensionServices } from './services/extensionServices';
import { PlanetScaleSession } from './services/planetscaleSession';
import { PlanetScaleTokenStore } from './services/planetscaleTokenStore';
import { redactingLog } from './services/redactingLog';
import { SecretRedactor } from './services/secretRedactor';
import { WorkspaceSettingsConsent } from './services/workspaceSettingsConsent';
import { VantageMemory } from './services/vantageMemory';
import { globalStore, workspaceStore } from './services/workspaceStore';
import { registerAwsExplorer } from './views/aws/registerAwsExplorer';
import { registerPlanetScaleExplorer } from './views/planetscale/registerPlanetScaleExplorer';
import { registerEndpointStatus } from './views/statusBar/registerEndpointStatus';
import { readCreationsInProgress } from './webviews/createEndpoint/creationInProgress';
import { registerPanelSerializers } from './webviews/panelSerializers';
import { registerLanguageModelTools } from './lmTools/registerLanguageModelTools';
import { WalkthroughProgress } from './services/walkthroughProgress';

/** Builds the few services, then the views, then registers the command table: no network, no SDK. */
export function activate(context: vscode.ExtensionContext) {
  const redactor = new SecretRedactor();
  const redact = (text: string) => redactor.redact(text);
  const log = redactingLog(vscode.window.createOutputChannel('PlanetScale PrivateLink', { log: true }), redact);
  const core = new LazyCore();
  const tokens = new PlanetScaleTokenStore(context.secrets, process.env, redactor);
  const runner = new CommandRunner(log, redact, describeError);
  const store = workspaceStore(context.workspaceState);
  const settingsConsent = new WorkspaceSettingsConsent(store);
  const aws = new AwsSession(globalStore(context.globalState), core, settingsConsent);
  const planetscale = new PlanetScaleSession(tokens, settingsConsent);
  const vantage = new VantageMemory(store);
  const services: ExtensionServices = { context, store, log, runner, core, aws, planetscale, redact, redactor, announcements: new Announcements(), settingsConsent, vantage };
  context.subscriptions.push(log, tokens, aws, settingsConsent, vantage);

  const awsExplorer = registerAwsExplorer(services);
  const planetscaleExplorer = registerPlanetScaleExplorer(services, awsExplorer.provider);
  const endpointStatus = registerEndpointStatus(services, awsExplorer.provider);
  context.subscriptions.push(...endpointStatus.disposables);
  // The walkthrough's steps tick from real state: set now, and on every change.
  const walkthrough = new WalkthroughProgress(services, endpointStatus.watcher);
  context.subscriptions.push(walkthrough);
  void walkthrough.refresh();
  // The forms and flows load from dist/features.js when their command first runs.
  const features = new LazyFeatures();
  // Every command, from the one table (src/commands/commandTable.ts).
  const commands = registerCommands({
    services,
    awsTree: awsExplorer.provider,
    awsView: awsExplorer.view,
    planetscaleTree: planetscaleExplorer.provider,
    watcher: endpointStatus.watcher,
    features,
  });
  // The Create Endpoint form and the Diagnose panel come back after a window reload with their state.
  context.subscriptions.push(...registerPanelSerializers({
    createEndpoint: { get: () => commands.features.get(featureBuilders.createEndpoint) },
    diagnose: { get: () => commands.features.get(featureBuilders.diagnose) },
  }, log));
  // A creation the last window did not finish (reload, crash): find what it made and ask.
  if (readCreationsInProgress(store).length > 0) void vscode.commands.executeCommand(Commands.resumeInterruptedCreation);
  // The same listings, checks and (after the user confirms) actions as language model tools.
  const lmTools = registerLanguageModelTools(context.subscriptions, (confirmation) => features.get().languageModelToolsFeature(services, { awsTree: awsExplorer.provider, watcher: endpointStatus.watcher, confirmation }));

  // The returned object is the extension-host tests' window into the running extension.
  return {
    services,
    awsExplorer: awsExplorer.provider,
    awsExplorerView: awsExplorer.view,
    planetscaleExplorer: planetscaleExplorer.provider,
    endpointWatcher: endpointStatus.watcher,
    statusBar: endpointStatus.statusBar,
    languageModelTools: lmTools,
    walkthrough,
    get diagnose() {
      return commands.features.get(featureBuilders.diagnose).service;
    },
    /** Restrict / Allow Again from the shipped features bundle (tests pass a scripted UI). */
    get publicAccess() {
      return commands.features.get(featureBuilders.publicAccess);
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
