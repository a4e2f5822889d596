import * as vscode from 'vscode';
import { CREDENTIAL_SETTINGS, resolveCredentialSetting, type ConsentRecord, type CredentialSettingKey, type WorkspaceOverride } from './credentialSettings';
import type { WorkspaceSettingsConsent } from './workspaceSettingsConsent';

export const SECTION = 'planetscalePrivateLink';

/** A snapshot of the extension's settings, read fresh on each use so edits apply at once. */
export interface Settings {
  awsProfile: string;
  awsRegions: string[];
  awsEndpointUrl: string | undefined;
  planetscaleApiUrl: string;
  planetscaleOrganization: string | undefined;
  dnsServer: string | undefined;
  caFile: string | undefined;
  pollPendingSeconds: number;
  pollMaxPendingSeconds: number;
  pollStableSeconds: number;
}

const blankToUndefined = (value: string | undefined): string | undefined => (value && value.trim() ? value.trim() : undefined);

/**
 * The settings in effect. The four that decide where credentials go take a workspace's value only
 * when `consent` records the user's yes to it; without `consent`, always the user's own value.
 * Unanswered overrides are handed to `consent`, which asks in the background.
 */
export function readSettings(consent?: WorkspaceSettingsConsent): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const credential = credentialSettings(c, consent?.record() ?? {});
  if (consent && credential.undecided.length) void consent.notice(credential.undecided);
  return {
    awsProfile: c.get<string>('aws.profile', '').trim(),
    awsRegions: c.get<string[]>('aws.regions', []).map((r) => r.trim()).filter(Boolean),
    awsEndpointUrl: blankToUndefined(credential.values['aws.endpointUrl']),
    planetscaleApiUrl: blankToUndefined(credential.values['planetscale.apiUrl']) ?? 'https://api.planetscale.com/v1',
    planetscaleOrganization: blankToUndefined(c.get<string>('planetscale.organization')) ?? blankToUndefined(process.env.PLANETSCALE_ORG),
    dnsServer: blankToUndefined(credential.values['dns.server']),
    caFile: blankToUndefined(credential.values['tls.caFile']),
    pollPendingSeconds: c.get<number>('polling.pendingSeconds', 10),
    pollMaxPendingSeconds: c.get<number>('polling.maxPendingSeconds', 60),
    pollStableSeconds: c.get<number>('polling.stableSeconds', 300),
  };
}

/** Asks about every unanswered workspace override now and waits: commands call this before sending anything. */
export function settleWorkspaceOverrides(consent: WorkspaceSettingsConsent): Promise<void> {
  return consent.notice(credentialSettings(vscode.workspace.getConfiguration(SECTION), consent.record()).undecided);
}

function credentialSettings(c: vscode.WorkspaceConfiguration, record: ConsentRecord): { values: Partial<Record<CredentialSettingKey, string>>; undecided: WorkspaceOverride[] } {
  const values: Partial<Record<CredentialSettingKey, string>> = {};
  const undecided: WorkspaceOverride[] = [];
  for (const key of CREDENTIAL_SETTINGS) {
    const resolved = resolveCredentialSetting(key, c.inspect(key), record);
    if (resolved.value !== undefined) values[key] = resolved.value;
    if (resolved.override && !resolved.decided) undecided.push(resolved.override);
  }
  return { values, undecided };
}

export function affects(event: vscode.ConfigurationChangeEvent, ...keys: string[]): boolean {
  return keys.some((k) => event.affectsConfiguration(`${SECTION}.${k}`));
}
