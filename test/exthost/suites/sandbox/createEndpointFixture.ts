// The shared set-up of the Create Endpoint form tests (createEndpoint*.test.ts): the sandbox as a
// new user has it (no endpoint for the service in app-vpc), forms opened on scripted pages and
// closed after each test, and what the tests created removed at the end. The state is exported as
// live bindings so the tests read it under the names they had when they were one file.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DeleteSecurityGroupCommand, DeleteVpcEndpointsCommand, DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import type { EndpointFormInput } from '../../../../src/aws/createEndpoint/endpointRequest';
import type { CreateEndpointController } from '../../../../src/webviews/createEndpoint/createEndpointController';
import { createEndpointController } from '../../../../src/webviews/createEndpoint/createEndpointPanel';
import type { CreateEndpointUi } from '../../../../src/webviews/createEndpoint/createEndpointUi';
import { readCreatedEndpoints } from '../../../../src/webviews/createEndpoint/createdEndpoints';
import { targetFromArgument } from '../../../../src/webviews/createEndpoint/openTarget';
import type { HostSnapshot } from '../../../../src/webviews/protocol/createEndpointProtocol';
import { extensionApi, type ExtensionApi } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { US_EAST_SERVICE, testEc2 } from '../../support/sandboxEc2';
import { ScriptedPage, scriptedUi, type Reply } from './createEndpointScripted';

export const SERVICE = US_EAST_SERVICE;
export const SG_NAME = 'PScalePrivateLinkEndpointSG';
/** The emulator's own default, restored after the short delay these tests use. */
const DEFAULT_ENDPOINT_DELAY_MS = 4000;

export async function liveEndpoints(vpcId: string): Promise<string[]> {
  const out = await testEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'service-name', Values: [SERVICE] }] }));
  return (out.VpcEndpoints ?? []).filter((e) => !/^delet/i.test(e.State ?? '')).map((e) => e.VpcEndpointId!);
}

export async function groupsNamed(vpcId: string, name: string): Promise<string[]> {
  const out = await testEc2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: [name] }] }));
  return (out.SecurityGroups ?? []).map((g) => g.GroupId!);
}

export const info = sandboxInfo();
export let api: ExtensionApi;
export const open: Array<{ controller: CreateEndpointController; page: ScriptedPage }> = [];
export const createdEndpoints: string[] = [];

export function openForm(argument: unknown, ui: CreateEndpointUi = scriptedUi({ confirm: false })) {
  const page = new ScriptedPage();
  const controller = createEndpointController(api.services, targetFromArgument(argument), page, ui);
  open.push({ controller, page });
  return { page, controller };
}

export function controllerOf(page: ScriptedPage): CreateEndpointController {
  const entry = open.find((o) => o.page === page);
  if (!entry) throw new Error('no controller for this page');
  return entry.controller;
}

/** `ready`, then the snapshot that carries the VPC list. */
export async function start(page: ScriptedPage): Promise<HostSnapshot> {
  page.send({ type: 'ready' });
  const loaded = await page.waitFor((m): m is Reply<'snapshot'> => m.type === 'snapshot' && (m.state.vpcs !== undefined || m.state.vpcsError !== undefined), 30_000, 'snapshot with VPCs');
  assert.equal(loaded.state.vpcsError, undefined, loaded.state.vpcsError?.message);
  return loaded.state;
}

export async function formFor(page: ScriptedPage, snapshot: HostSnapshot, overrides: Partial<EndpointFormInput> = {}): Promise<{ form: EndpointFormInput; vpcId: string }> {
  const vpcId = snapshot.vpcs!.find((v) => v.name === 'app-vpc')!.id;
  const verified = await page.request({ type: 'verifyService', serviceName: SERVICE }, 'serviceVerified');
  assert.equal(verified.error, undefined, verified.error?.message);
  const loaded = await page.request({ type: 'selectVpc', vpcId }, 'vpcLoaded');
  assert.ok(loaded.details, loaded.error?.message);
  const subnet = (zone: string) => loaded.details!.subnets.find((s) => s.availabilityZone === zone)!.id;
  const appServers = loaded.details!.securityGroups.find((g) => g.name === 'app-servers')!.id;
  const form: EndpointFormInput = {
    region: 'us-east-1',
    serviceName: SERVICE,
    vpcId,
    subnetIds: [subnet('us-east-1a'), subnet('us-east-1b')],
    securityGroup: { mode: 'create', groupName: SG_NAME, sourceKind: 'securityGroups', sourceGroupIds: [appServers], cidrs: [] },
    privateDns: true,
    nameTag: 'planetscale-orders-main',
    ...overrides,
  };
  return { form, vpcId };
}

/**
 * Registers the hooks in the calling describe (`this` of its callback). `keepOpenOnce` answers,
 * after a test, whether its forms stay open into the next test (a re-submit uses the same page);
 * by default none does.
 */
export function useCreateEndpointFixture(suite: Mocha.Suite, options: { keepOpenOnce?: () => boolean } = {}): void {
  // Creating and waiting for endpoints take longer than mocha's default.
  suite.timeout(120_000);
  before(async () => {
    // Earlier suites in this sandbox may leave endpoints for the service in app-vpc (they connect
    // through them); these tests start from the state a new user has: none.
    const appVpc = (await testEc2().send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['app-vpc'] }] }))).Vpcs![0].VpcId!;
    const leftovers = await liveEndpoints(appVpc);
    if (leftovers.length) {
      await testEc2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: leftovers }));
      const deadline = Date.now() + 60_000;
      while ((await liveEndpoints(appVpc)).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    }
    for (const groupId of await groupsNamed(appVpc, SG_NAME)) {
      await testEc2().send(new DeleteSecurityGroupCommand({ GroupId: groupId })).catch(() => undefined);
    }
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    await control('endpoint-delay', { ms: 1500 });
  });

  beforeEach(() => {
    // Every request of these tests must go to the sandbox on loopback, never to AWS or PlanetScale.
    const settings = vscode.workspace.getConfiguration('planetscalePrivateLink');
    for (const key of ['aws.endpointUrl', 'planetscale.apiUrl']) {
      const value = settings.get<string>(key) ?? '';
      assert.match(value, /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/, `${key} must point at the sandbox, is "${value}"`);
    }
  });

  afterEach(async () => {
    if (options.keepOpenOnce?.()) return;
    for (const { controller, page } of open.splice(0)) {
      await controller.settled();
      controller.dispose();
      page.dispose();
    }
    await control('faults/clear');
  });

  after(async () => {
    for (const { controller, page } of open.splice(0)) {
      await controller.settled();
      controller.dispose();
      page.dispose();
    }
    await control('endpoint-delay', { ms: DEFAULT_ENDPOINT_DELAY_MS });
    // Leave the sandbox and the workspace as they were: remove what these tests created.
    const ec2 = testEc2();
    if (createdEndpoints.length) await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: createdEndpoints }));
    const records = readCreatedEndpoints(api.services.store);
    const ours = records.filter((r) => createdEndpoints.includes(r.endpointId));
    for (const groupId of new Set(ours.map((r) => r.securityGroupId).filter((g): g is string => !!g))) {
      for (let attempt = 0; ; attempt++) {
        try {
          await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
          break;
        } catch (err) {
          if (attempt >= 40) throw err;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }
    await api.services.context.workspaceState.update(
      'planetscalePrivateLink.createdEndpoints',
      records.filter((r) => !createdEndpoints.includes(r.endpointId)),
    );
    // Another file's tests start with nothing of these to remove.
    createdEndpoints.splice(0);
  });
}
