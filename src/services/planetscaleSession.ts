import type * as vscode from 'vscode';
import { PlanetScaleClient } from '../planetscale/planetscaleClient';
import type { PlanetScaleTokenStore } from './planetscaleTokenStore';
import { readSettings } from './settings';
import type { WorkspaceSettingsConsent } from './workspaceSettingsConsent';

/** A PlanetScale API client for the stored token and the configured API URL, or none. */
export class PlanetScaleSession {
  readonly onDidChange: vscode.Event<void>;

  constructor(
    readonly tokens: PlanetScaleTokenStore,
    private readonly settingsConsent: WorkspaceSettingsConsent,
  ) {
    this.onDidChange = tokens.onDidChange;
  }

  async client(): Promise<PlanetScaleClient | undefined> {
    const token = await this.tokens.get();
    if (!token) return undefined;
    return new PlanetScaleClient({ baseUrl: readSettings(this.settingsConsent).planetscaleApiUrl, tokenId: token.id, token: token.secret });
  }
}
