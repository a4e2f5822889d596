import * as vscode from 'vscode';

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

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    awsProfile: c.get<string>('aws.profile', '').trim(),
    awsRegions: c.get<string[]>('aws.regions', []).map((r) => r.trim()).filter(Boolean),
    awsEndpointUrl: blankToUndefined(c.get<string>('aws.endpointUrl')),
    planetscaleApiUrl: blankToUndefined(c.get<string>('planetscale.apiUrl')) ?? 'https://api.planetscale.com/v1',
    planetscaleOrganization: blankToUndefined(c.get<string>('planetscale.organization')) ?? blankToUndefined(process.env.PLANETSCALE_ORG),
    dnsServer: blankToUndefined(c.get<string>('dns.server')),
    caFile: blankToUndefined(c.get<string>('tls.caFile')),
    pollPendingSeconds: c.get<number>('polling.pendingSeconds', 10),
    pollMaxPendingSeconds: c.get<number>('polling.maxPendingSeconds', 60),
    pollStableSeconds: c.get<number>('polling.stableSeconds', 300),
  };
}

export function affects(event: vscode.ConfigurationChangeEvent, ...keys: string[]): boolean {
  return keys.some((k) => event.affectsConfiguration(`${SECTION}.${k}`));
}
