import * as vscode from 'vscode';
import { listProfiles } from '../aws/profiles';
import type { AwsClients, ProfileListing } from '../aws/types';
import type { Core, LazyCore } from '../lazyCore';
import { readSettings } from './settings';
import type { WorkspaceSettingsConsent } from './workspaceSettingsConsent';
import type { GlobalStore } from './workspaceStore';

/**
 * Which AWS profile and regions the user works with, and clients for them. The settings win
 * over the choice made with the picker (persisted in global state), which wins over AWS_PROFILE.
 */
export class AwsSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  private cache: InstanceType<Core['AwsClientCache']> | undefined;

  constructor(
    private readonly state: GlobalStore,
    private readonly core: LazyCore,
    private readonly settingsConsent: WorkspaceSettingsConsent,
  ) {}

  chosenProfile(listing: ProfileListing): string | undefined {
    const configured = readSettings().awsProfile || this.state.get('chosenProfile');
    if (configured) return configured;
    return listing.defaultProfileExists ? listing.defaultProfileName : undefined;
  }

  /** Regions to show: the setting, else the picker's choice, else the profile's own region. */
  chosenRegions(listing: ProfileListing, profile: string): string[] {
    const configured = readSettings().awsRegions;
    if (configured.length) return configured;
    const picked = this.state.get('chosenRegions');
    if (picked?.length) return picked;
    const own = listing.profiles.find((p) => p.name === profile)?.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    return own ? [own] : ['us-east-1'];
  }

  async chooseProfile(name: string): Promise<void> {
    await this.state.set('chosenProfile', name);
    await this.state.set('chosenRegions', undefined);
    this.changed.fire();
  }

  async chooseRegions(regions: string[]): Promise<void> {
    await this.state.set('chosenRegions', regions);
    this.changed.fire();
  }

  /** Profile listing through the SDK's own INI loader (honours AWS_CONFIG_FILE and friends). */
  listProfiles(): Promise<ProfileListing> {
    return listProfiles();
  }

  /** Clients are cached per profile, region and endpoint; the SDK refreshes expiring credentials itself. */
  clients(profile: string, region: string): AwsClients {
    this.cache ??= new (this.core.get().AwsClientCache)();
    return this.cache.get({ profile, region, endpointUrl: this.endpointUrl() });
  }

  /** The EC2/STS endpoint override in effect (a workspace's only once the user agreed to it). */
  endpointUrl(): string | undefined {
    return readSettings(this.settingsConsent).awsEndpointUrl;
  }

  /** Forget clients, e.g. after the ~/.aws files or the endpoint setting change. */
  resetClients(): void {
    this.cache?.clear();
  }

  notifyChanged(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
