// The AWS config + credentials file pair of the sandbox: profile `privatelink-sandbox` with a
// region and static fake keys. The EC2 endpoint is deliberately NOT written into the profile:
// the extension and the CLI reach the sandbox only through their endpoint override
// (`planetscalePrivateLink.aws.endpointUrl`, `--endpoint-url`), as a user would.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SANDBOX_PROFILE = 'privatelink-sandbox';

export interface AwsProfileFiles {
  profile: string;
  region: string;
  configFile: string;
  credentialsFile: string;
  /** Environment that points the SDK and the CLI at these files and this profile. */
  env: Record<string, string>;
}

export async function writeAwsProfile(dir: string, region: string, profile = SANDBOX_PROFILE): Promise<AwsProfileFiles> {
  const configFile = join(dir, 'aws-config');
  const credentialsFile = join(dir, 'aws-credentials');
  await writeFile(configFile, `[profile ${profile}]\nregion = ${region}\noutput = json\n`);
  // Fake keys: the emulator requires a SigV4 header but never checks the secret.
  await writeFile(credentialsFile, [
    `[${profile}]`,
    'aws_access_key_id = AKIASANDBOXFAKEKEY01',
    'aws_secret_access_key = sandboxFakeSecretKeyNotUsedAnywhere0000000',
    '',
  ].join('\n'));
  await chmod(credentialsFile, 0o600);
  return {
    profile,
    region,
    configFile,
    credentialsFile,
    env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_PROFILE: profile, AWS_REGION: region },
  };
}
