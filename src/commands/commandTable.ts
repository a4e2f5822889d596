// The one table of commands: id → the handler that runs → options. Every command the extension
// registers is here once (registerCommands.ts registers them all). From a `contributes.commands`
// entry, find its id here, then go to the handler it picks. No `vscode` import: the unit test
// reads this table next to package.json.
import type { CommandHandler } from './commandContext';
import { Commands, type CommandId } from './commandIds';
import type { CommandHandlers } from './registerCommands';

export interface CommandEntry {
  readonly id: CommandId;
  /** The handler, from the handler modules built in registerCommands.ts (`h.<module>.<handler>`). */
  readonly handler: (h: CommandHandlers) => CommandHandler;
  /** Creates or deletes AWS resources or writes files: refused in an untrusted workspace. */
  readonly requiresTrust?: boolean;
  /** Not in package.json: the extension runs it itself (never offered to the user). */
  readonly internal?: boolean;
}

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
  // openInConsole.ts
  { id: Commands.openInConsole, handler: (h) => h.openInConsole.openInConsole },
  // enableVpcDns.ts
  { id: Commands.enableVpcDns, handler: (h) => h.enableVpcDns.enableVpcDns, requiresTrust: true },
  // endpointStatusCommands.ts
  { id: Commands.watchEndpoint, handler: (h) => h.endpointStatus.watchEndpoint },
  { id: Commands.unwatchEndpoint, handler: (h) => h.endpointStatus.unwatchEndpoint },
  { id: Commands.showEndpointStatus, handler: (h) => h.endpointStatus.showEndpointStatus },
  { id: Commands.refreshEndpointStatus, handler: (h) => h.endpointStatus.refreshEndpointStatus },
  // deleteEndpoint.ts
  { id: Commands.deleteEndpoint, handler: (h) => h.deleteEndpoint.deleteEndpoint, requiresTrust: true },
  // logCommands.ts
  { id: Commands.showLog, handler: (h) => h.log.showLog },
  // featureCommands.ts: built on first run from dist/features.js (the module named on each line there)
  { id: Commands.createEndpoint, handler: (h) => h.features.createEndpoint, requiresTrust: true },
  { id: Commands.writeConnectionString, handler: (h) => h.features.writeConnectionString, requiresTrust: true },
  { id: Commands.verifyFromInstance, handler: (h) => h.features.verifyFromInstance },
  { id: Commands.diagnose, handler: (h) => h.features.diagnose },
  { id: Commands.restrictToPrivate, handler: (h) => h.features.restrictToPrivate, requiresTrust: true },
  { id: Commands.allowPublicAgain, handler: (h) => h.features.allowPublicAgain, requiresTrust: true },
  { id: Commands.resumeInterruptedCreation, handler: (h) => h.features.resumeInterruptedCreation, requiresTrust: true, internal: true },
];
