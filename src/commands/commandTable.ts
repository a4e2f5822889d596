// The one table of commands: id → the handler that runs → options. Every command the extension
// registers is here once (registerCommands.ts registers them all). From a `contributes.commands`
// entry, find its id here, then go to the handler it picks (for a features-bundle command, the
// factory its builder calls). No `vscode` import: the unit test reads this table next to
// package.json.
import type { CommandHandler } from './commandContext';
import { Commands, type CommandId } from './commandIds';
import type { FeatureBuilder } from './featureCommands';
import type { CommandHandlers } from './registerCommands';
import type { Feature } from '../deferredFeature';

export interface CommandEntry {
  readonly id: CommandId;
  /** The handler, from the handler modules built in registerCommands.ts (`h.<module>.<handler>`). */
  readonly handler: (h: CommandHandlers) => CommandHandler;
  /** Creates or deletes AWS resources or writes files: refused in an untrusted workspace. */
  readonly requiresTrust?: boolean;
  /** Not in package.json: the extension runs it itself (never offered to the user). */
  readonly internal?: boolean;
}

/**
 * The features in dist/features.js, each built on its first command (Go to Definition on the
 * factory reaches the code that runs). One builder per feature: commands sharing it share one build.
 */
export const featureBuilders = {
  createEndpoint: (f, c) => f.createEndpointFeature(c.services),
  writeConnectionString: (f, c) => f.writeConnectionStringFeature(c.services, c.awsTree),
  verifyFromInstance: (f, c) => f.verifyFromInstanceFeature(c.services, (name) => c.awsTree.endpointsForService(name)),
  diagnose: (f, c) => f.diagnoseFeature(c.services, { awsTree: c.awsTree, watcher: c.watcher }),
  publicAccess: (f, c) => f.publicAccessFeature(c.services, c.awsTree),
  resumeCreation: (f, c) => f.resumeCreationFeature(c.services),
  deleteEndpoint: (f, c) => f.deleteEndpointFeature(c.services, c.watcher, c.awsTree),
  enableVpcDns: (f, c) => f.enableVpcDnsFeature(c.services, c.awsTree),
  openInConsole: (f) => f.openInConsoleFeature(),
} satisfies Record<string, FeatureBuilder<Feature>>;
const fb = featureBuilders;

export const commandTable: readonly CommandEntry[] = [
  // awsProfileCommands.ts
  { id: Commands.selectAwsProfile, handler: (h) => h.awsProfile.selectAwsProfile },
  { id: Commands.selectRegions, handler: (h) => h.awsProfile.selectRegions },
  { id: Commands.awsSsoLogin, handler: (h) => h.awsProfile.awsSsoLogin },
  // planetscaleTokenCommands.ts
  { id: Commands.signInPlanetScale, handler: (h) => h.planetscaleToken.signInPlanetScale },
  { id: Commands.signOutPlanetScale, handler: (h) => h.planetscaleToken.signOutPlanetScale },
  // refreshCommands.ts
  { id: Commands.refreshAws, handler: (h) => h.refresh.refreshAws },
  { id: Commands.refreshPlanetScale, handler: (h) => h.refresh.refreshPlanetScale },
  { id: Commands.refreshNode, handler: (h) => h.refresh.refreshNode },
  // copyCommands.ts
  { id: Commands.copyId, handler: (h) => h.copy.copyId },
  { id: Commands.copyPrivateHost, handler: (h) => h.copy.copyPrivateHost },
  { id: Commands.copyServiceName, handler: (h) => h.copy.copyServiceName },
  // endpointStatusCommands.ts
  { id: Commands.watchEndpoint, handler: (h) => h.endpointStatus.watchEndpoint },
  { id: Commands.unwatchEndpoint, handler: (h) => h.endpointStatus.unwatchEndpoint },
  { id: Commands.showEndpointStatus, handler: (h) => h.endpointStatus.showEndpointStatus },
  { id: Commands.refreshEndpointStatus, handler: (h) => h.endpointStatus.refreshEndpointStatus },
  // logCommands.ts
  { id: Commands.showLog, handler: (h) => h.log.showLog },
  // dist/features.js: the builders above, built on first use by featureCommands.ts
  { id: Commands.createEndpoint, handler: (h) => h.features.handler(fb.createEndpoint), requiresTrust: true },
  { id: Commands.writeConnectionString, handler: (h) => h.features.handler(fb.writeConnectionString), requiresTrust: true },
  { id: Commands.verifyFromInstance, handler: (h) => h.features.handler(fb.verifyFromInstance) },
  { id: Commands.diagnose, handler: (h) => h.features.handler(fb.diagnose) },
  { id: Commands.restrictToPrivate, handler: (h) => h.features.handler(fb.publicAccess, (p, arg) => p.restrict(arg)), requiresTrust: true },
  { id: Commands.allowPublicAgain, handler: (h) => h.features.handler(fb.publicAccess, (p, arg) => p.allowAgain(arg)), requiresTrust: true },
  { id: Commands.deleteEndpoint, handler: (h) => h.features.handler(fb.deleteEndpoint), requiresTrust: true },
  { id: Commands.enableVpcDns, handler: (h) => h.features.handler(fb.enableVpcDns), requiresTrust: true },
  { id: Commands.openInConsole, handler: (h) => h.features.handler(fb.openInConsole) },
  { id: Commands.resumeInterruptedCreation, handler: (h) => h.features.handler(fb.resumeCreation), requiresTrust: true, internal: true },
];
