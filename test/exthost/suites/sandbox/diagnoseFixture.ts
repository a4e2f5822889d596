// The shared set-up of the Diagnose tests (40-diagnose*, 41-…, 42-…): an endpoint in app-vpc
// (us-east-1a/b, security group allowing 5432/6432 from app-servers, private DNS on) that each test
// breaks in one way, a fresh service, page and controller per test, and the helpers the tests
// share. The state is exported as live bindings so the tests read it under the names they had when
// they were one file.
import assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupIngressCommand,
  DeleteNetworkAclEntryCommand,
  DeleteSecurityGroupCommand,
  DeleteVpcEndpointsCommand,
  DescribeNetworkAclsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
  ReplaceNetworkAclEntryCommand,
  type NetworkAclEntry,
} from '@aws-sdk/client-ec2';
import type { CheckId, CheckStatus, DiagnoseResult } from '../../../../src/diagnose/diagnoseTypes';
import { createDiagnoseService } from '../../../../src/commands/diagnose';
import type { DiagnoseRequest, DiagnoseService } from '../../../../src/commands/diagnose/diagnoseService';
import type { DiagnoseController } from '../../../../src/webviews/diagnose/diagnoseController';
import { diagnoseController } from '../../../../src/webviews/diagnose/diagnosePanel';
import type { DiagnoseHostMessage } from '../../../../src/webviews/protocol/diagnoseProtocol';
import { extensionApi, type ExtensionApi } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { US_EAST_SERVICE, createAppEndpoint, groupId, testEc2, vpcId as vpcIdNamed } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';
import { DiagnosePage, ScriptedUi } from './diagnoseScripted';

export const ALL: CheckId[] = ['endpointState', 'vpcDns', 'securityGroups', 'networkAcls', 'dnsAnswers', 'connectivity', 'reachabilityAnalyzer'];
const DEFAULT_ENDPOINT_DELAY_MS = 4000;
const GROUP_NAME = 'PScaleDiagnoseTestSG';

function statuses(result: DiagnoseResult): Record<string, CheckStatus> {
  return Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
}

function explain(result: DiagnoseResult): string {
  return result.checks.map((c) => `${c.id}: ${c.status}: ${c.summary}\n    ${c.evidence.join('\n    ')}`).join('\n');
}

/** Every check passes but those named, which have the given status; Reachability Analyzer is not run unless asked. */
export function assertOnly(result: DiagnoseResult | undefined, expected: Partial<Record<CheckId, CheckStatus>>): DiagnoseResult {
  assert.ok(result, 'the diagnosis did not finish');
  const want = Object.fromEntries(ALL.map((id) => [id, expected[id] ?? (id === 'reachabilityAnalyzer' ? 'skipped' : 'pass')]));
  assert.deepEqual(statuses(result), want, explain(result));
  return result;
}

export function checkOf(result: DiagnoseResult, id: CheckId) {
  const found = result.checks.find((c) => c.id === id);
  assert.ok(found, `no ${id} check`);
  return found;
}

export const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export const info = sandboxInfo();
export const ec2 = testEc2();
export let api: ExtensionApi;
export let endpointId: string;
export let endpointSgId: string;
export let appSgId: string;
export let vpcId: string;
/** app-vpc's block and its first two octets: a sandbox beside another one claims a shifted block. */
export let appCidr: string;
export let appNet: string;
export let aclId: string;
let baselineAcl: NetworkAclEntry[];
/** The login check's role, made once for all the files of this fixture. */
let role: { username: string; password: string } | undefined;
export let privateHost: string;
export let password: string;
export let request: DiagnoseRequest;
export let ui: ScriptedUi;
export let service: DiagnoseService;
export let page: DiagnosePage;
export let controller: DiagnoseController;

export async function diagnose(): Promise<DiagnoseResult> {
  const result = await service.diagnose(request);
  assert.ok(result, 'the diagnosis was cancelled');
  return result;
}

/** Applies a check's fix exactly as the panel does; returns the host's answer to the request. */
export async function applyFromPanel(checkId: CheckId): Promise<DiagnoseHostMessage> {
  const requestId = page.post({ type: 'applyFix', checkId });
  await controller.settled();
  const answer = page.answerTo(requestId);
  assert.ok(answer, `no answer to applyFix ${checkId}`);
  return answer;
}

async function aclEntries(): Promise<NetworkAclEntry[]> {
  const out = await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [aclId] }));
  return out.NetworkAcls![0].Entries ?? [];
}

/** Puts the network ACL, the groups, the VPC attributes and the endpoint back as they were before the suite. */
async function restoreSandbox(): Promise<void> {
  await control('/faults/clear');
  await control(`/endpoints/${endpointId}/state`, { state: 'available' });
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  for (const port of [5432, 6432]) {
    await ec2
      .send(new AuthorizeSecurityGroupIngressCommand({ GroupId: endpointSgId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: appSgId }] }] }))
      .catch((error: { name?: string }) => {
        if (error.name !== 'InvalidPermission.Duplicate') throw error;
      });
  }
  const key = (e: NetworkAclEntry) => `${e.Egress}:${e.RuleNumber}`;
  const baseline = new Map(baselineAcl.map((e) => [key(e), e]));
  for (const entry of await aclEntries()) {
    if (entry.RuleNumber === 32767) continue;
    const original = baseline.get(key(entry));
    if (!original) {
      await ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, Egress: entry.Egress, RuleNumber: entry.RuleNumber }));
    } else if (JSON.stringify(original) !== JSON.stringify(entry)) {
      await ec2.send(new ReplaceNetworkAclEntryCommand({
        NetworkAclId: aclId, RuleNumber: original.RuleNumber, Egress: original.Egress, Protocol: original.Protocol,
        RuleAction: original.RuleAction, CidrBlock: original.CidrBlock, PortRange: original.PortRange,
      }));
    }
  }
}

/** Forgets what Diagnose remembered (client, host, user, where to measure from), as a first run. */
export async function forgetAnswers(): Promise<void> {
  for (const key of ['clientLocations', 'privateHosts', 'users', 'vantages']) {
    await api.services.context.workspaceState.update(`planetscalePrivateLink.diagnose.${key}`, undefined);
  }
}

/** Runs `body` as if the extension had written the given .env files (none by default), then puts the record back. */
export async function withoutManagedEnv(body: () => Promise<void>, managed: Record<string, string[]> = {}): Promise<void> {
  const saved = api.services.store.get('managedEnvKeys');
  await api.services.store.set('managedEnvKeys', managed);
  try {
    await body();
  } finally {
    await api.services.store.set('managedEnvKeys', saved);
  }
}

/** Registers the hooks in the calling describe (`this` of its callback): the endpoint for its tests, a healthy start for each. */
export function useDiagnoseFixture(suite: Mocha.Suite): void {
  // Making the endpoint and waiting for a healthy diagnosis take longer than mocha's default.
  suite.timeout(120_000);
  before(async () => {
    api = await extensionApi();
    await api.services.planetscale.tokens.store(info.planetscaleTokenId, info.planetscaleToken);
    await control('/endpoint-delay', { ms: 300 });
    // EC2 allows one private-DNS endpoint per service and VPC: an earlier test's leftover would make this one impossible.
    const leftovers = await ec2.send(new DescribeVpcEndpointsCommand({
      Filters: [{ Name: 'service-name', Values: [US_EAST_SERVICE] }, { Name: 'vpc-id', Values: [await vpcIdNamed('app-vpc')] }],
    }));
    const conflicting = (leftovers.VpcEndpoints ?? []).filter((e) => e.PrivateDnsEnabled && !/^delet/i.test(e.State ?? '')).map((e) => `${e.VpcEndpointId} (${e.State})`);
    assert.deepEqual(conflicting, [], `an earlier test left a private-DNS endpoint for ${US_EAST_SERVICE}; it must delete it (test/exthost/suites/sandbox)`);
    const created = await createAppEndpoint({ privateDns: true, groupName: GROUP_NAME });
    ({ endpointId, securityGroupId: endpointSgId, vpcId } = created);
    appSgId = await groupId(vpcId, 'app-servers');
    appCidr = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0].CidrBlock!;
    appNet = appCidr.split('.').slice(0, 2).join('.');
    await eventually(async () => {
      const out = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
      return String(out.VpcEndpoints?.[0]?.State).toLowerCase() === 'available' ? true : undefined;
    }, `${endpointId} available`);
    const acls = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'default', Values: ['true'] }] }));
    aclId = acls.NetworkAcls![0].NetworkAclId!;
    baselineAcl = await aclEntries();

    // The branch the endpoint serves, and a fresh role for the login check, from the PlanetScale stand-in.
    const planetscale = await api.services.planetscale.client();
    assert.ok(planetscale, 'the PlanetScale token was not stored');
    privateHost = (await planetscale.getBranchPrivateInfo(info.planetscaleOrg, 'orders', 'main')).privateHost;
    // PlanetScale refuses a second role of this name: the files that use this fixture share one.
    role ??= await planetscale.createRole(info.planetscaleOrg, 'orders', 'main', { name: 'diagnose-test', inheritedRoles: ['postgres'] });
    password = role.password;
    request = {
      target: {
        profile: info.awsProfile,
        region: 'us-east-1',
        endpointId,
        vpcId,
        serviceName: US_EAST_SERVICE,
        privateHost,
        branch: { organization: info.planetscaleOrg, database: 'orders', branch: 'main' },
      },
      client: { kind: 'securityGroups', securityGroups: [{ id: appSgId, name: 'app-servers' }] },
      credentials: { username: role.username, password, database: 'postgres' },
    };
  });

  beforeEach(async () => {
    ui = new ScriptedUi();
    service = createDiagnoseService(api.services, { awsTree: api.awsExplorer, watcher: api.endpointWatcher }, ui);
    page = new DiagnosePage();
    controller = diagnoseController(api.services, service, page);
    // The sandbox's forwarders open shortly after the endpoint becomes available (and after a
    // previous test's restore): start each test from a diagnosis where everything passes.
    await eventually(async () => {
      const result = await service.diagnose(request);
      return result && result.checks.every((c) => c.status === 'pass' || c.id === 'reachabilityAnalyzer') ? result : undefined;
    }, 'a healthy diagnosis', 30_000);
  });

  afterEach(async () => {
    await controller.settled();
    controller.dispose();
    page.dispose();
    service.dispose();
    await restoreSandbox();
  });

  after(async () => {
    await control('/endpoint-delay', { ms: DEFAULT_ENDPOINT_DELAY_MS });
    if (!endpointId) return;
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    // The group is free once the endpoint's interfaces are gone.
    await eventually(async () => {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: endpointSgId }));
      return true;
    }, `deleting ${endpointSgId}`, 60_000);
  });
}
