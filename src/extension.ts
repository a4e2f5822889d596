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
import { SecretRedactor } from './services/secretRedactor';
import { registerAwsExplorer } from './views/aws/registerAwsExplorer';
import { registerPlanetScaleExplorer } from './views/planetscale/registerPlanetScaleExplorer';
import { registerEndpointStatus } from './views/statusBar/registerEndpointStatus';
import { WalkthroughProgress } from './views/walkthroughProgress';

/** Builds the few services, registers views and commands, and returns: no network, no SDK. */
export function activate(context: vscode.ExtensionContext) {
  const log = vscode.window.createOutputChannel('PlanetScale PrivateLink', { log: true });
  const core = new LazyCore();
  const tokens = new PlanetScaleTokenStore(context.secrets);
  const redactor = new SecretRedactor();
  const redact = (text: string) => redactor.redact(text);
  const runner = new CommandRunner(log, redact, describeError);
  const aws = new AwsSession(context.globalState, core);
  const services: ExtensionServices = { context, log, runner, core, aws, planetscale: new PlanetScaleSession(tokens), redact, redactor, announcements: new Announcements() };
  context.subscriptions.push(log, tokens, aws, runner.register('planetscalePrivateLink.showLog', () => log.show()));

  const awsExplorer = registerAwsExplorer(services);
  const planetscaleExplorer = registerPlanetScaleExplorer(services, awsExplorer.provider);
  // Feature registrations (one line each).
  const endpointStatus = registerEndpointStatus(services, awsExplorer.provider, awsExplorer.view);
  context.subscriptions.push(...endpointStatus.disposables);
  const walkthrough = new WalkthroughProgress(services, endpointStatus.watcher);
  context.subscriptions.push(walkthrough);
  void walkthrough.refresh();
  // The forms and flows below load from dist/features.js when their command first runs.
  const features = new LazyFeatures();
  const subs = context.subscriptions;
  const writeEnv = new DeferredFeature(subs, () => features.get().writeConnectionStringFeature(services, awsExplorer.provider));
  const createEndpoint = new DeferredFeature(subs, () => features.get().createEndpointFeature(services));
  const diagnose = new DeferredFeature(subs, () => features.get().diagnoseFeature(services, { awsTree: awsExplorer.provider, watcher: endpointStatus.watcher }));
  subs.push(
    runner.register('planetscalePrivateLink.writeConnectionString', (arg?: unknown) => walkthrough.afterWrite(writeEnv.run(arg)), { requiresTrust: true }),
    runner.register('planetscalePrivateLink.createEndpoint', (arg?: unknown) => createEndpoint.run(arg), { requiresTrust: true }),
    runner.register('planetscalePrivateLink.diagnose', (arg?: unknown) => walkthrough.afterDiagnose(diagnose.run(arg))),
  );

  // The returned object is the extension-host tests' window into the running extension.
  return {
    services,
    awsExplorer: awsExplorer.provider,
    awsExplorerView: awsExplorer.view,
    planetscaleExplorer: planetscaleExplorer.provider,
    endpointWatcher: endpointStatus.watcher,
    statusBar: endpointStatus.statusBar,
    get diagnose() {
      return diagnose.get().service;
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
