// The product's own AWS access pointed at a fresh sandbox EC2 emulator: a temp AWS config +
// credentials pair with a static-key profile, clients from createAwsClients with the endpoint
// override. Each section gets its own emulator so its call counts are its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeAwsProfile } from '../sandbox/awsProfile';
import { startEc2Emulator, type Ec2Emulator } from '../sandbox/ec2';
import { AwsClientCache, createAwsClients } from '../src/aws/awsClients';
import type { AwsClientOptions, AwsClients } from '../src/aws/types';

export interface BenchAws {
  emulator: Ec2Emulator;
  profile: string;
  /** What the product reads AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE from. */
  env: Record<string, string>;
  endpointUrl: string;
  /** Clients cached per profile + region, as the extension's AwsSession does. */
  clients(region: string): AwsClients;
  clientCache: AwsClientCache;
  close(): Promise<void>;
}

/** Keeps the developer's own AWS settings out of the benchmark and the SDK off the metadata service. */
export function isolateAwsEnvironment(): void {
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('AWS_')) delete process.env[key];
  }
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
}

export async function startBenchAws(): Promise<BenchAws> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-bench-aws-'));
  const emulator = await startEc2Emulator();
  try {
    const files = await writeAwsProfile(dir, 'us-east-1');
    const env = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    const clientCache = new AwsClientCache((options: AwsClientOptions) => createAwsClients({ ...options, env }));
    return {
      emulator,
      profile: files.profile,
      env,
      endpointUrl: emulator.url,
      clientCache,
      clients: (region) => clientCache.get({ profile: files.profile, region, endpointUrl: emulator.url, env }),
      async close() {
        clientCache.clear();
        await emulator.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** EC2 calls counted by the emulator since the last reset, STS calls left out. */
export function ec2Calls(emulator: Ec2Emulator): Record<string, number> {
  return Object.fromEntries(Object.entries(emulator.callCounts()).filter(([action]) => !action.startsWith('sts:') && action !== 'total'));
}

export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
