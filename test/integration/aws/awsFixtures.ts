// Temporary AWS config/credentials files for the integration tests, so the SDK never reads the
// developer's ~/.aws and never reaches real AWS (every client gets the emulator's endpoint).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients } from '../../../src/aws/awsClients';
import type { AwsClients } from '../../../src/aws/types';

export const SANDBOX_PROFILE = 'sbx';
/** Fake keys: the emulator accepts any well-formed SigV4 signature. */
export const FAKE_ACCESS_KEY_ID = 'AKIASANDBOXFAKE00001';
export const FAKE_SECRET_ACCESS_KEY = 'sandboxFakeSecretKeyNeverShown0000000000';

export interface AwsTestFiles {
  dir: string;
  env: Record<string, string>;
  /** Appends profiles to the config file (text in config-file syntax). */
  addConfig(text: string): Promise<void>;
  clients(region: string, endpointUrl: string, profile?: string): AwsClients;
  dispose(): Promise<void>;
}

export async function createAwsTestFiles(): Promise<AwsTestFiles> {
  // Never let the SDK fall back to the instance metadata service.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const dir = await mkdtemp(join(tmpdir(), 'aws-int-'));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  let config = `[profile ${SANDBOX_PROFILE}]\nregion = us-east-1\n\n[profile other]\nregion = us-east-1\n`;
  await writeFile(configFile, config);
  await writeFile(
    credentialsFile,
    [SANDBOX_PROFILE, 'other'].map((p) => `[${p}]\naws_access_key_id = ${FAKE_ACCESS_KEY_ID}\naws_secret_access_key = ${FAKE_SECRET_ACCESS_KEY}\n`).join('\n'),
  );
  const env = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, HOME: dir };
  return {
    dir,
    env,
    async addConfig(text) {
      config += `\n${text}\n`;
      await writeFile(configFile, config);
    },
    clients: (region, endpointUrl, profile = SANDBOX_PROFILE) => createAwsClients({ profile, region, endpointUrl, env, maxAttempts: 1 }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Sums the emulator's per-action counters for the given actions. */
export function countOf(counts: Record<string, number>, ...actions: string[]): number {
  return actions.reduce((sum, a) => sum + (counts[a] ?? counts[`ec2:${a}`] ?? 0), 0);
}
