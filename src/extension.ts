import * as vscode from 'vscode';
import { CommandRunner } from './commands/commandRunner';
import { registerWriteConnectionString } from './commands/writeConnectionString/writeConnectionString';
import { registerCreateEndpoint } from './commands/createEndpoint';
import { registerDiagnose } from './commands/diagnose';
import { LazyCore } from './lazyCore';
import { AwsSession } from './services/awsSession';
import { describeError } from './services/errorDescriptions';
import type { ExtensionServices } from './services/extensionServices';
import { PlanetScaleSession } from './services/planetscaleSession';
import { PlanetScaleTokenStore } from './services/planetscaleTokenStore';
import { SecretRedactor } from './services/secretRedactor';
import { registerAwsExplorer } from './views/aws/registerAwsExplorer';
import { registerPlanetScaleExplorer } from './views/planetscale/registerPlanetScaleExplorer';
import { registerEndpointStatus } from './views/statusBar/registerEndpointStatus';

/** Builds the few services, registers views and commands, and returns: no network, no SDK. */
export function activate(context: vscode.ExtensionContext) {
  const log = vscode.window.createOutputChannel('PlanetScale PrivateLink', { log: true });
  const core = new LazyCore();
  const tokens = new PlanetScaleTokenStore(context.secrets);
  const redactor = new SecretRedactor();
  const redact = (text: string) => redactor.redact(text);
  const runner = new CommandRunner(log, redact, describeError);
  const aws = new AwsSession(context.globalState, core);
  const services: ExtensionServices = { context, log, runner, core, aws, planetscale: new PlanetScaleSession(tokens), redact, redactor };
  context.subscriptions.push(log, tokens, aws, runner.register('planetscalePrivateLink.showLog', () => log.show()));

  const awsExplorer = registerAwsExplorer(services);
  const planetscaleExplorer = registerPlanetScaleExplorer(services, awsExplorer.provider);
  // Feature registrations (one line each).
  const endpointStatus = registerEndpointStatus(services, awsExplorer.provider);
  context.subscriptions.push(...endpointStatus.disposables);
  context.subscriptions.push(...registerWriteConnectionString(services, awsExplorer.provider));
  context.subscriptions.push(...registerCreateEndpoint(services));
  const diagnose = registerDiagnose(services, { awsTree: awsExplorer.provider, watcher: endpointStatus.watcher });
  context.subscriptions.push(...diagnose.disposables);

  // The returned object is the extension-host tests' window into the running extension.
  return { services, awsExplorer: awsExplorer.provider, planetscaleExplorer: planetscaleExplorer.provider, endpointWatcher: endpointStatus.watcher, statusBar: endpointStatus.statusBar, diagnose: diagnose.service };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
