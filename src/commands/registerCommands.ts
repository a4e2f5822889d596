import { awsProfileCommands } from './awsProfileCommands';
import type { CommandContext } from './commandContext';
import { commandTable } from './commandTable';
import { copyCommands } from './copyCommands';
import { endpointStatusCommands } from './endpointStatusCommands';
import { FeatureCommands } from './featureCommands';
import { logCommands } from './logCommands';
import { planetscaleTokenCommands } from './planetscaleTokenCommands';
import { refreshCommands } from './refreshCommands';

/** The handler modules, each given the collaborators it needs; the table picks from these. */
function commandHandlers(ctx: CommandContext) {
  const { services, awsTree, awsView, planetscaleTree, watcher } = ctx;
  return {
    awsProfile: awsProfileCommands(services),
    planetscaleToken: planetscaleTokenCommands(services),
    refresh: refreshCommands(services, awsTree, planetscaleTree),
    copy: copyCommands(),
    endpointStatus: endpointStatusCommands(watcher, awsTree, awsView),
    log: logCommands(services),
    features: new FeatureCommands(ctx),
  };
}

export type CommandHandlers = ReturnType<typeof commandHandlers>;

/**
 * Registers every entry of the command table through the runner (timing, trust check, one clear
 * failure message). Returns the handlers: the lazily built features are reachable through them.
 */
export function registerCommands(ctx: CommandContext): CommandHandlers {
  const handlers = commandHandlers(ctx);
  const { runner, context } = ctx.services;
  context.subscriptions.push(...commandTable.map((entry) => runner.register(entry.id, entry.handler(handlers), entry)));
  return handlers;
}
