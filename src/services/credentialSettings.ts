// Settings that decide where credentials go. A workspace's committed .vscode/settings.json must
// not redirect them silently, even in a trusted folder: its value is used only once the user has
// agreed to that exact value for this workspace. Pure (no vscode), so the decision is testable.

export const CREDENTIAL_SETTINGS = ['aws.endpointUrl', 'planetscale.apiUrl', 'dns.server', 'tls.caFile'] as const;
export type CredentialSettingKey = (typeof CREDENTIAL_SETTINGS)[number];

/** The parts of `WorkspaceConfiguration.inspect()` the decision reads. */
export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** The user's answer for one setting of one workspace, tied to the value they saw. */
export interface ConsentDecision {
  value: string;
  allowed: boolean;
}
export type ConsentRecord = Partial<Record<CredentialSettingKey, ConsentDecision>>;

/** A workspace value that differs from the user's, and where each would send what. */
export interface WorkspaceOverride {
  key: CredentialSettingKey;
  workspaceValue: string;
  userValue: string | undefined;
  /** What goes there, e.g. "your AWS credentials (signed EC2 and STS requests)". */
  carries: string;
  workspaceDestination: string;
  userDestination: string;
}

export interface ResolvedCredentialSetting {
  /** What the extension uses now. */
  value: string | undefined;
  /** Set when the workspace overrides the user's value; `decided` says whether the user answered. */
  override?: WorkspaceOverride;
  decided?: boolean;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim() : undefined);

export function resolveCredentialSetting(key: CredentialSettingKey, inspected: InspectedSetting | undefined, record: ConsentRecord): ResolvedCredentialSetting {
  const userValue = text(inspected?.globalValue) ?? text(inspected?.defaultValue);
  const workspaceValue = text(inspected?.workspaceFolderValue) ?? text(inspected?.workspaceValue);
  if (workspaceValue === undefined || workspaceValue === (userValue ?? '')) return { value: userValue };
  const override: WorkspaceOverride = {
    key,
    workspaceValue,
    userValue,
    carries: CARRIES[key],
    workspaceDestination: destinationOf(key, workspaceValue),
    userDestination: destinationOf(key, userValue),
  };
  const decision = record[key];
  if (decision && decision.value === workspaceValue) return { value: decision.allowed ? workspaceValue : userValue, override, decided: true };
  return { value: userValue, override, decided: false };
}

const CARRIES: Record<CredentialSettingKey, string> = {
  'aws.endpointUrl': 'your AWS credentials (EC2 and STS requests signed with your keys, SSO or role session)',
  'planetscale.apiUrl': 'your PlanetScale service token',
  'dns.server': 'the DNS lookups that decide which server receives your database password',
  'tls.caFile': 'the trust decision for the database server that receives your database password',
};

const SHORT: Record<CredentialSettingKey, string> = {
  'aws.endpointUrl': 'your AWS credentials',
  'planetscale.apiUrl': 'your PlanetScale token',
  'dns.server': 'the Private Host lookups (which decide where your database password goes)',
  'tls.caFile': 'the database certificate check',
};

/** Where a value points, in words: the host of a URL, the DNS server, the CA file. */
export function destinationOf(key: CredentialSettingKey, value: string | undefined): string {
  const blank = !value;
  switch (key) {
    case 'aws.endpointUrl':
      return blank ? 'AWS (amazonaws.com)' : hostOf(value);
    case 'planetscale.apiUrl':
      return blank ? 'api.planetscale.com' : hostOf(value);
    case 'dns.server':
      return blank ? 'the system resolver' : `DNS server ${value}`;
    case 'tls.caFile':
      return blank ? 'the system certificate authorities' : `CA file ${value}`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The question shown once per workspace value; the message itself names every host. */
export function consentQuestion(overrides: readonly WorkspaceOverride[]): { message: string; detail: string } {
  const redirects = overrides.map((o) => `${SHORT[o.key]} to ${o.workspaceDestination}`).join('; ');
  const message = `This workspace's settings would send ${redirects}. Use the workspace's settings?`;
  const detail = [
    ...overrides.map(
      (o) => `planetscalePrivateLink.${o.key} = "${o.workspaceValue}" in the workspace: ${o.carries} would go to ${o.workspaceDestination} instead of ${o.userDestination}.`,
    ),
    'Only agree if you know who set this up and trust that host. Your answer is remembered for this workspace until the value changes.',
  ].join('\n\n');
  return { message, detail };
}

/** Records the answer for each override, tied to the value shown. */
export function withDecision(record: ConsentRecord, overrides: readonly WorkspaceOverride[], allowed: boolean): ConsentRecord {
  const next: ConsentRecord = { ...record };
  for (const o of overrides) next[o.key] = { value: o.workspaceValue, allowed };
  return next;
}
