import * as vscode from 'vscode';
import type { ExtensionServices } from '../services/extensionServices';

/** Store or remove the PlanetScale service token (SecretStorage only). */
export function planetscaleTokenCommands(services: ExtensionServices) {
  const { planetscale, log } = services;
  return {
    signInPlanetScale: async () => {
      const id = await vscode.window.showInputBox({
        title: 'PlanetScale service token (1/2)',
        prompt: 'Service token ID (Organization settings → Service tokens)',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Enter the service token ID.'),
      });
      if (id === undefined) return;
      const secret = await vscode.window.showInputBox({
        title: 'PlanetScale service token (2/2)',
        prompt: 'Service token (shown once when the token was created)',
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Enter the service token.'),
      });
      if (secret === undefined) return;
      await planetscale.tokens.store(id, secret);
      log.info('PlanetScale service token stored in secret storage.');
    },
    signOutPlanetScale: async () => {
      const token = await planetscale.tokens.get();
      await planetscale.tokens.clear();
      if (token?.source === 'environment') {
        void vscode.window.showInformationMessage(
          'The stored token is removed, but PLANETSCALE_SERVICE_TOKEN_ID / PLANETSCALE_SERVICE_TOKEN are still set in the environment and are used instead.',
        );
      }
      log.info('PlanetScale service token removed from secret storage.');
    },
  };
}
