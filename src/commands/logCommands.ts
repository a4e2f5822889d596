import type { ExtensionServices } from '../services/extensionServices';

/** The output channel every command logs to (offered as "Show Log" on every failure). */
export function logCommands(services: ExtensionServices) {
  return {
    showLog: () => services.log.show(),
  };
}
