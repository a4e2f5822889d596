import * as vscode from 'vscode';
import { CommandRunner } from './commands/commandRunner';
import { DeferredFeature, LazyFeatures } from './deferredFeature';
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
import { registerLanguageModelTools } from './lmTools/registerLanguageModelTools';

/** Builds the few services, registers views and commands, and returns: no network, no SDK. */
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
  context.subscriptions.push(log, tokens, aws, settingsConsent, vantage, runner.register('planetscalePrivateLink.showLog', () => log.show()));

  const awsExplorer = registerAwsExplorer(services);
  const planetscaleExplorer = registerPlanetScaleExplorer(services, awsExplorer.provider);
  // Feature registrations (one line each).
  const endpointStatus = registerEndpointStatus(services, awsExplorer.provider, awsExplorer.view);
  context.subscriptions.push(...endpointStatus.disposables);
  // The forms and flows below load from dist/features.js when their command first runs.
  const features = new LazyFeatures();
  const subs = context.subscriptions;
  const writeEnv = new DeferredFeature(subs, () => features.get().writeConnectionStringFeature(services, awsExplorer.provider));
  const createEndpoint = new DeferredFeature(subs, () => features.get().createEndpointFeature(services));
  const diagnose = new DeferredFeature(subs, () => features.get().diagnoseFeature(services, { awsTree: awsExplorer.provider, watcher: endpointStatus.watcher }));
  const resumeCreation = new DeferredFeature(subs, () => features.get().resumeCreationFeature(services));
  const publicAccess = new DeferredFeature(subs, () => features.get().publicAccessFeature(services, awsExplorer.provider));
  const verifyFromInstance = new DeferredFeature(subs, () => features.get().verifyFromInstanceFeature(services, (name) => awsExplorer.provider.endpointsForService(name)));
  subs.push(
    runner.register('planetscalePrivateLink.verifyFromInstance', (arg?: unknown) => verifyFromInstance.run(arg)),
    runner.register('planetscalePrivateLink.writeConnectionString', (arg?: unknown) => writeEnv.run(arg), { requiresTrust: true }),
    runner.register('planetscalePrivateLink.createEndpoint', (arg?: unknown) => createEndpoint.run(arg), { requiresTrust: true }),
    runner.register('planetscalePrivateLink.diagnose', (arg?: unknown) => diagnose.run(arg)),
    runner.register('planetscalePrivateLink.resumeInterruptedCreation', (arg?: unknown) => resumeCreation.run(arg), { requiresTrust: true }),
    runner.register('planetscalePrivateLink.restrictToPrivate', (arg?: unknown) => publicAccess.get().restrict(arg), { requiresTrust: true }),
    runner.register('planetscalePrivateLink.allowPublicAgain', (arg?: unknown) => publicAccess.get().allowAgain(arg), { requiresTrust: true }),
  );
  // A creation the last window did not finish (reload, crash): find what it made and ask.
  if (readCreationsInProgress(store).length > 0) void vscode.commands.executeCommand('planetscalePrivateLink.resumeInterruptedCreation');
  // The same listings, checks and (after the user confirms) actions as language model tools.
  const lmTools = registerLanguageModelTools(subs, (confirmation) => features.get().languageModelToolsFeature(services, { awsTree: awsExplorer.provider, watcher: endpointStatus.watcher, confirmation }));

  // The returned object is the extension-host tests' window into the running extension.
  return {
    services,
    awsExplorer: awsExplorer.provider,
    awsExplorerView: awsExplorer.view,
    planetscaleExplorer: planetscaleExplorer.provider,
    endpointWatcher: endpointStatus.watcher,
    statusBar: endpointStatus.statusBar,
    languageModelTools: lmTools,
    get diagnose() {
      return diagnose.get().service;
    },
    /** Restrict / Allow Again from the shipped features bundle (tests pass a scripted UI). */
    get publicAccess() {
      return publicAccess.get();
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
