// Shared setup of the create/delete endpoint integration tests: a fresh EC2 emulator per test, the
// production client factory pointed at it (fake static keys from temporary AWS files), the seed's
// ids by name, and fast-but-real timings for waits and retries.
import { DescribeSecurityGroupsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { createAwsClients } from '../../../../src/aws/awsClients';
import type { EndpointFormInput } from '../../../../src/aws/createEndpoint/endpointRequest';
import { validateEndpointForm } from '../../../../src/aws/createEndpoint/formValidation';
import { buildEndpointPlan, type EndpointPlan } from '../../../../src/aws/createEndpoint/endpointPlan';
import type { ApplyOptions } from '../../../../src/aws/createEndpoint/applyPlan';
import { startEc2Emulator } from '../../../../sandbox/ec2/index';
import type { Ec2EmulatorOptions } from '../../../../sandbox/ec2/types';
import { SANDBOX_PROFILE, createAwsTestFiles, type AwsTestFiles } from '../awsFixtures';

export type Emulator = Awaited<ReturnType<typeof startEc2Emulator>>;

export const REGION = 'us-east-1';
export const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';
export const GROUP_NAME = 'PScalePrivateLinkEndpointSG';

/** Waits and retries in tens of milliseconds: the emulator's lifecycle runs in real time. */
export const FAST: Pick<ApplyOptions, 'wait' | 'cleanup'> = {
  wait: { initialDelayMs: 40, maxDelayMs: 150, timeoutMs: 15_000, notFoundGraceMs: 1_000 },
  cleanup: { attempts: 60, initialDelayMs: 40, maxDelayMs: 150 },
};

export async function startEmulator(opts: Ec2EmulatorOptions = {}): Promise<Emulator> {
  return startEc2Emulator({ endpointAvailableAfterMs: 300, deleteAfterMs: 200, eniLingerMs: 600, ...opts });
}

/** The production client (awsClients.ts) with SDK retries on, as the extension uses it. */
export function ec2For(files: AwsTestFiles, emulator: Emulator, region = REGION): EC2Client {
  return createAwsClients({ profile: SANDBOX_PROFILE, region, endpointUrl: emulator.url, env: files.env, maxAttempts: 3 }).ec2;
}

export interface SeedIds {
  vpcId: string;
  legacyVpcId: string;
  subnetA: string;
  subnetB: string;
  subnetC: string;
  legacyA: string;
  legacyB: string;
  appServers: string;
}

export function seedIds(emulator: Emulator): SeedIds {
  const need = (value: string | undefined, what: string) => {
    if (!value) throw new Error(`seed lookup failed: ${what}`);
    return value;
  };
  return {
    vpcId: need(emulator.vpcIdByName(REGION, 'app-vpc'), 'app-vpc'),
    legacyVpcId: need(emulator.vpcIdByName(REGION, 'legacy-vpc'), 'legacy-vpc'),
    subnetA: need(emulator.subnetIdByAz(REGION, 'app-vpc', 'us-east-1a'), 'app-vpc a'),
    subnetB: need(emulator.subnetIdByAz(REGION, 'app-vpc', 'us-east-1b'), 'app-vpc b'),
    subnetC: need(emulator.subnetIdByAz(REGION, 'app-vpc', 'us-east-1c'), 'app-vpc c'),
    legacyA: need(emulator.subnetIdByAz(REGION, 'legacy-vpc', 'us-east-1a'), 'legacy a'),
    legacyB: need(emulator.subnetIdByAz(REGION, 'legacy-vpc', 'us-east-1b'), 'legacy b'),
    appServers: need(emulator.securityGroupIdByName(REGION, 'app-vpc', 'app-servers'), 'app-servers'),
  };
}

/** The form as the user fills it for app-vpc: two offered AZs, client SG app-servers, private DNS on. */
export function formFor(ids: SeedIds, overrides: Partial<EndpointFormInput> = {}): EndpointFormInput {
  return {
    region: REGION,
    serviceName: SERVICE,
    vpcId: ids.vpcId,
    subnetIds: [ids.subnetA, ids.subnetB],
    securityGroup: { mode: 'create', groupName: GROUP_NAME, sourceKind: 'securityGroups', sourceGroupIds: [ids.appServers], cidrs: [] },
    privateDns: true,
    nameTag: 'orders-main-privatelink',
    branch: 'acme/orders/main',
    ...overrides,
  };
}

/** Form → validated request → plan, as the extension does it (format checks only). */
export function planFor(form: EndpointFormInput, facts: { acceptanceRequired?: boolean } = {}): EndpointPlan {
  const result = validateEndpointForm(form);
  if (!result.request) throw new Error(`form invalid: ${result.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  return buildEndpointPlan(result.request, facts);
}

/** Security groups of a VPC with this name, read through the real API. */
export async function groupsNamed(ec2: EC2Client, vpcId: string, name: string): Promise<string[]> {
  const out = await ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: [name] }] }),
  );
  return (out.SecurityGroups ?? []).map((g) => g.GroupId!);
}

/** Endpoints in the emulator for the service in a VPC that are not deleted. */
export function liveEndpoints(emulator: Emulator, vpcId: string) {
  return emulator.endpoints(REGION).filter((e) => e.vpcId === vpcId && e.serviceName === SERVICE && e.state !== 'deleted' && e.state !== 'deleting');
}

/** What each test of a file gets from useEmulatorPerTest. */
export interface EmulatorPerTest {
  files: AwsTestFiles;
  emulator: Emulator;
  ec2: EC2Client;
  ids: SeedIds;
}

/**
 * The mocha hooks these files share: AWS files for the file, a fresh emulator and client per test.
 * A test that needs another seed swaps the emulator through the returned handle, so the hooks
 * still close whichever one is running.
 */
export function useEmulatorPerTest(take: (fixture: EmulatorPerTest) => void): { swap(emulator: Emulator): Promise<void> } {
  let files: AwsTestFiles | undefined;
  let current: EmulatorPerTest | undefined;
  const use = (emulator: Emulator) => {
    current = { files: files!, emulator, ec2: ec2For(files!, emulator), ids: seedIds(emulator) };
    take(current);
  };
  const close = async () => {
    current?.ec2.destroy();
    await current?.emulator.close();
    current = undefined;
  };
  before(async () => {
    files = await createAwsTestFiles();
  });
  after(async () => {
    await files?.dispose();
  });
  beforeEach(async () => use(await startEmulator()));
  afterEach(close);
  return {
    async swap(emulator) {
      await close();
      use(emulator);
    },
  };
}
