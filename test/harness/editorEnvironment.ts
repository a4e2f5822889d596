// The environment and user settings an editor under test starts with. Every launch gets its own
// HOME, so the developer's real ~/.aws, tokens and editor state are never read.
import fs from 'node:fs';
import path from 'node:path';

/** What the sandbox reports when it is ready (SANDBOX_READY). */
export type { SandboxInfo } from '../../sandbox/index';
import type { SandboxInfo } from '../../sandbox/index';

/** Name of the env var through which the extension host (and its tests) receive SandboxInfo. */
export const SANDBOX_INFO_ENV = 'PRIVATELINK_SANDBOX_INFO';

export type EnvVars = Record<string, string>;
export type UserSettings = Record<string, unknown>;

/** Variables that would leak the developer's or the runner's own setup into the editor. */
const LEAKY_ENV = [/^AWS_/, /^PLANETSCALE_/, /^PSCALE_/, /^VSCODE_/, /^ELECTRON_/, /^NODE_OPTIONS$/, /^XDG_/, /^TERM_PROGRAM/];

/**
 * A clean environment rooted in `home`: the runner's variables minus AWS, PlanetScale, VS Code and
 * XDG ones, with HOME and the XDG folders inside `home`. `extra` is applied last.
 */
export function isolatedEnv(home: string, extra: EnvVars = {}): EnvVars {
  const env: EnvVars = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !LEAKY_ENV.some((re) => re.test(key))) env[key] = value;
  }
  for (const dir of ['.config', '.local/share', '.cache']) fs.mkdirSync(path.join(home, dir), { recursive: true });
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
  });
  return Object.assign(env, extra);
}

/** No AWS configuration at all: the AWS files point at paths that do not exist. */
export function noAwsConfigEnv(home: string): EnvVars {
  const missing = path.join(home, 'no-aws');
  return {
    AWS_CONFIG_FILE: path.join(missing, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(missing, 'credentials'),
  };
}

/** The sandbox's AWS profile files and its info for the tests inside the extension host. */
export function sandboxEnv(info: SandboxInfo): EnvVars {
  return {
    AWS_CONFIG_FILE: info.awsConfigFile,
    AWS_SHARED_CREDENTIALS_FILE: info.awsCredentialsFile,
    [SANDBOX_INFO_ENV]: JSON.stringify(info),
  };
}

/** The settings a user would enter to point the extension at the sandbox. */
export function sandboxSettings(info: SandboxInfo): UserSettings {
  return {
    'planetscalePrivateLink.aws.profile': info.awsProfile,
    'planetscalePrivateLink.aws.endpointUrl': info.ec2Endpoint,
    'planetscalePrivateLink.planetscale.apiUrl': info.planetscaleApiUrl,
    'planetscalePrivateLink.dns.server': info.dnsServer,
    'planetscalePrivateLink.tls.caFile': info.caFile,
  };
}

/** Keeps the workbench quiet and uncluttered for tests and screenshots. */
export const baseUserSettings: UserSettings = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
};
