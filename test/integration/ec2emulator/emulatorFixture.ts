// Starts the EC2/STS emulator in-process and builds real SDK clients for it, with fake static
// credentials, so every test goes over HTTP through the unmodified @aws-sdk clients.
import { EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { startEc2Emulator, type Ec2Emulator, type Ec2EmulatorOptions } from '../../../sandbox/ec2';

export const FAKE_CREDENTIALS = { accessKeyId: 'AKIAEMULATORTEST0001', secretAccessKey: 'emulatorTestSecretNotChecked000000000000' };
export const APP_SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';
export const EU_SERVICE = 'com.amazonaws.vpce.eu-west-1.vpce-svc-0f1e2d3c4b5a60002';

export interface Fixture {
  emulator: Ec2Emulator;
  ec2(region?: string, maxAttempts?: number): EC2Client;
  sts(region?: string): STSClient;
  /** Destroys the clients and stops the emulator. */
  close(): Promise<void>;
  /** Seeded ids of us-east-1. */
  ids: {
    appVpc: string;
    legacyVpc: string;
    defaultVpc: string;
    subnetA: string;
    subnetB: string;
    subnetC: string;
    legacySubnetA: string;
    appServersSg: string;
    appDefaultSg: string;
  };
}

export async function startFixture(opts: Ec2EmulatorOptions = {}): Promise<Fixture> {
  const emulator = await startEc2Emulator(opts);
  const r = 'us-east-1';
  const must = (value: string | undefined, what: string): string => {
    if (!value) throw new Error(`seed lacks ${what}`);
    return value;
  };
  const ids = {
    appVpc: must(emulator.vpcIdByName(r, 'app-vpc'), 'app-vpc'),
    legacyVpc: must(emulator.vpcIdByName(r, 'legacy-vpc'), 'legacy-vpc'),
    defaultVpc: must(emulator.vpcIdByName(r, 'default'), 'default vpc'),
    subnetA: must(emulator.subnetIdByAz(r, 'app-vpc', 'us-east-1a'), 'subnet a'),
    subnetB: must(emulator.subnetIdByAz(r, 'app-vpc', 'us-east-1b'), 'subnet b'),
    subnetC: must(emulator.subnetIdByAz(r, 'app-vpc', 'us-east-1c'), 'subnet c'),
    legacySubnetA: must(emulator.subnetIdByAz(r, 'legacy-vpc', 'us-east-1a'), 'legacy subnet a'),
    appServersSg: must(emulator.securityGroupIdByName(r, 'app-vpc', 'app-servers'), 'app-servers'),
    appDefaultSg: must(emulator.securityGroupIdByName(r, 'app-vpc', 'default'), 'default sg'),
  };
  const clients: { destroy(): void }[] = [];
  const track = <T extends { destroy(): void }>(c: T): T => {
    clients.push(c);
    return c;
  };
  return {
    emulator,
    ids,
    close: async () => {
      for (const c of clients) c.destroy();
      await emulator.close();
    },
    ec2: (region = r, maxAttempts = 1) => track(new EC2Client({ endpoint: emulator.url, region, credentials: FAKE_CREDENTIALS, maxAttempts })),
    sts: (region = r) => track(new STSClient({ endpoint: emulator.url, region, credentials: FAKE_CREDENTIALS, maxAttempts: 1 })),
  };
}

export interface CustomFixture {
  emulator: Ec2Emulator;
  ec2: EC2Client;
  close(): Promise<void>;
}

/** An emulator on a custom seed with one us-east-1 client, for scenarios the default seed lacks. */
export async function startCustom(opts: Ec2EmulatorOptions): Promise<CustomFixture> {
  const emulator = await startEc2Emulator(opts);
  const ec2 = new EC2Client({ endpoint: emulator.url, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
  return {
    emulator,
    ec2,
    close: async () => {
      ec2.destroy();
      await emulator.close();
    },
  };
}

/** The error an SDK call rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { name: string; $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds or the deadline passes; returns the last value. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(everyMs);
    value = await read();
  }
  return value;
}

/**
 * The mocha hooks every emulator test file shares: a fixture per test (`each`, the default) or
 * one for the whole file (`file`), closed after it. `take` receives each new fixture.
 */
export function useFixture(take: (fixture: Fixture) => void, opts: Ec2EmulatorOptions = {}, scope: 'each' | 'file' = 'each'): void {
  let current: Fixture | undefined;
  const [start, stop] = scope === 'each' ? [beforeEach, afterEach] : [before, after];
  start(async () => {
    current = await startFixture(opts);
    take(current);
  });
  stop(async () => {
    await current?.close();
    current = undefined;
  });
}
