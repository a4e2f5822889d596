// What the journey's user starts with: a fresh application folder (a Node app using `pg`) and
// only the settings a sandbox user types in. No AWS profile is chosen and no PlanetScale token is
// in the environment: the journey sets both through the welcome buttons.
import fs from 'node:fs';
import path from 'node:path';
import { sandboxSettings, type EnvVars, type SandboxInfo, type UserSettings } from '../harness/editorEnvironment';
import { sandboxControlGet } from '../harness/sandboxControl';

const PROFILE_SETTING = 'planetscalePrivateLink.aws.profile';

/** The sandbox settings (EC2 endpoint, PlanetScale API, DNS server, CA file) minus the AWS profile. */
export function journeyUserSettings(info: SandboxInfo): UserSettings {
  const settings = { ...sandboxSettings(info) };
  delete settings[PROFILE_SETTING];
  return settings;
}

/** Only the AWS files; deliberately not the sandbox info, which carries the PlanetScale token. */
export function journeyEnv(info: SandboxInfo): EnvVars {
  return { AWS_CONFIG_FILE: info.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: info.awsCredentialsFile };
}

/** An application folder whose package.json lets the extension detect node-postgres. */
export function createAppWorkspace(folder: string): string {
  fs.mkdirSync(folder, { recursive: true });
  const manifest = { name: 'orders-app', version: '1.0.0', private: true, main: 'index.js', dependencies: { pg: '^8.13.0' } };
  fs.writeFileSync(path.join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return folder;
}

/** What the EC2 emulator holds for one endpoint (its control API's read model). */
export interface EmulatedEndpoint {
  endpointId: string;
  vpcId: string;
  serviceName: string;
  state: string;
  privateDnsEnabled: boolean;
  subnetIds: string[];
  securityGroupIds: string[];
  interfaces: Array<{ eniId: string; ip: string; subnetId: string; availabilityZone: string }>;
  tags: Record<string, string>;
}

export async function emulatedEndpoints(info: SandboxInfo, region: string): Promise<EmulatedEndpoint[]> {
  return sandboxControlGet<EmulatedEndpoint[]>(info.controlUrl, `endpoints?region=${encodeURIComponent(region)}`);
}

/**
 * The laptop journey's user is set up as the demo's (sandbox/editor.ts): with every sandbox
 * setting (sandboxSettings, the AWS profile included) and the PlanetScale token in the
 * environment, the explorer's first view shows both trees at once.
 */
export function laptopEnv(info: SandboxInfo): EnvVars {
  return { ...journeyEnv(info), PLANETSCALE_SERVICE_TOKEN_ID: info.planetscaleTokenId, PLANETSCALE_SERVICE_TOKEN: info.planetscaleToken };
}
