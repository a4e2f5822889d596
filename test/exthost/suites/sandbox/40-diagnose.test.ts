// Diagnose inside the real editor, against the sandbox, through the user's settings: an endpoint in
// app-vpc (us-east-1a/b, security group allowing 5432/6432 from app-servers, private DNS on) is
// broken in exactly one way per test; exactly the matching check must fail with the right fix, the
// fix is applied through the panel's own path (message → validation → modal confirmation →
// applyFix in the lazy core → a new diagnosis) and that check must pass again. Every test puts the
// sandbox back as it found it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  DeleteNetworkAclEntryCommand,
  DeleteSecurityGroupCommand,
  DeleteVpcEndpointsCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
  ReplaceNetworkAclEntryCommand,
  RevokeSecurityGroupIngressCommand,
  type NetworkAclEntry,
} from '@aws-sdk/client-ec2';
import type { CheckId, CheckStatus, DiagnoseResult } from '../../../../src/diagnose/diagnoseTypes';
import { createDiagnoseService } from '../../../../src/commands/diagnose';
import type { DiagnoseRequest, DiagnoseService } from '../../../../src/commands/diagnose/diagnoseService';
import type { DiagnoseUi, InputOptions, PickItem } from '../../../../src/commands/diagnose/diagnoseUi';
import type { DiagnoseChannel, DiagnoseController } from '../../../../src/webviews/diagnose/diagnoseController';
import { diagnoseController } from '../../../../src/webviews/diagnose/diagnosePanel';
import { DIAGNOSE_VIEW_TYPE, type DiagnoseHostMessage, type DiagnoseView } from '../../../../src/webviews/protocol/diagnoseProtocol';
import { extensionApi, nodeAt, childrenOf, type ExtensionApi } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { US_EAST_SERVICE, createAppEndpoint, groupId, testEc2, vpcId as vpcIdNamed } from '../../support/sandboxEc2';
import { eventually } from '../../../harness/eventually';
import { ScriptedPage } from '../../support/scriptedPage';

const ALL: CheckId[] = ['endpointState', 'vpcDns', 'securityGroups', 'networkAcls', 'dnsAnswers', 'connectivity', 'reachabilityAnalyzer'];
const DEFAULT_ENDPOINT_DELAY_MS = 4000;
const GROUP_NAME = 'PScaleDiagnoseTestSG';

/** Plays the user: answers each question from a script, records what was asked and shown. */
class ScriptedUi implements DiagnoseUi {
  readonly confirmations: Array<{ message: string; detail: string }> = [];
  readonly asked: string[] = [];
  readonly progressTitles: string[] = [];
  readonly notifications: string[] = [];
  clipboard = '';
  private readonly confirms: boolean[] = [];
  private readonly answers: Array<(choices: Array<PickItem<unknown>>, options: InputOptions | undefined) => unknown> = [];

  /** Queues answers to the next modal confirmations. */
  confirmNext(...answers: boolean[]): void {
    this.confirms.push(...answers);
  }

  /** Queues an answer to the next pick or input (a function of what was offered). */
  answerNext(answer: (choices: Array<PickItem<unknown>>, options: InputOptions | undefined) => unknown): void {
    this.answers.push(answer);
  }

  private next(title: string, choices: Array<PickItem<unknown>>, options?: InputOptions): unknown {
    this.asked.push(title);
    const answer = this.answers.shift();
    if (!answer) throw new Error(`the test did not expect the question "${title}"`);
    return answer(choices, options);
  }

  async pick<T>(items: PickItem<T>[], options: { title: string }): Promise<T | undefined> {
    return this.next(options.title, items as Array<PickItem<unknown>>) as T | undefined;
  }

  async pickMany<T>(items: PickItem<T>[], options: { title: string }): Promise<T[] | undefined> {
    return this.next(options.title, items as Array<PickItem<unknown>>) as T[] | undefined;
  }

  async input(options: InputOptions): Promise<string | undefined> {
    const text = this.next(options.title, [], options) as string | undefined;
    // What the input box would refuse never reaches the flow.
    const problem = text === undefined ? undefined : options.validate?.(text);
    if (problem) throw new Error(`the input box would refuse "${text}": ${problem}`);
    return text;
  }

  async confirm(message: string, detail: string): Promise<boolean> {
    this.confirmations.push({ message, detail });
    const answer = this.confirms.shift();
    if (answer === undefined) throw new Error(`the test did not expect the confirmation "${message}"`);
    return answer;
  }

  withProgress<T>(title: string, _abort: AbortController, task: (report: (message: string) => void) => Promise<T>): Promise<T> {
    this.progressTitles.push(title);
    return task(() => undefined);
  }

  async copyToClipboard(text: string): Promise<void> {
    this.clipboard = text;
  }

  notify(severity: string, message: string): void {
    this.notifications.push(`${severity}: ${message}`);
  }
}

/** Plays the Diagnose page (support/scriptedPage.ts), reading the host's answers and views. */
class DiagnosePage extends ScriptedPage<DiagnoseHostMessage> implements DiagnoseChannel {
  answerTo(requestId: number): DiagnoseHostMessage | undefined {
    return this.received.find((m) => (m.type === 'actionDone' || m.type === 'rejected') && m.requestId === requestId);
  }

  /** The latest full view the page was sent. */
  lastState(): DiagnoseView | undefined {
    return this.last('state')?.state;
  }
}

function statuses(result: DiagnoseResult): Record<string, CheckStatus> {
  return Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
}

function explain(result: DiagnoseResult): string {
  return result.checks.map((c) => `${c.id}: ${c.status}: ${c.summary}\n    ${c.evidence.join('\n    ')}`).join('\n');
}

/** Every check passes but those named, which have the given status; Reachability Analyzer is not run unless asked. */
function assertOnly(result: DiagnoseResult | undefined, expected: Partial<Record<CheckId, CheckStatus>>): DiagnoseResult {
  assert.ok(result, 'the diagnosis did not finish');
  const want = Object.fromEntries(ALL.map((id) => [id, expected[id] ?? (id === 'reachabilityAnalyzer' ? 'skipped' : 'pass')]));
  assert.deepEqual(statuses(result), want, explain(result));
  return result;
}

function checkOf(result: DiagnoseResult, id: CheckId) {
  const found = result.checks.find((c) => c.id === id);
  assert.ok(found, `no ${id} check`);
  return found;
}

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('Diagnose against the sandbox', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  const ec2 = testEc2();
  let api: ExtensionApi;
  let endpointId: string;
  let endpointSgId: string;
  let appSgId: string;
  let vpcId: string;
  /** app-vpc's block and its first two octets: a sandbox beside another one claims a shifted block. */
  let appCidr: string;
  let appNet: string;
  let aclId: string;
  let baselineAcl: NetworkAclEntry[];
  let privateHost: string;
  let password: string;
  let request: DiagnoseRequest;
  let ui: ScriptedUi;
  let service: DiagnoseService;
  let page: DiagnosePage;
  let controller: DiagnoseController;

  async function diagnose(): Promise<DiagnoseResult> {
    const result = await service.diagnose(request);
    assert.ok(result, 'the diagnosis was cancelled');
    return result;
  }

  /** Applies a check's fix exactly as the panel does; returns the host's answer to the request. */
  async function applyFromPanel(checkId: CheckId): Promise<DiagnoseHostMessage> {
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
  async function forgetAnswers(): Promise<void> {
    for (const key of ['clientLocations', 'privateHosts', 'users', 'vantages']) {
      await api.services.context.workspaceState.update(`planetscalePrivateLink.diagnose.${key}`, undefined);
    }
  }

  /** Runs `body` as if the extension had written the given .env files (none by default), then puts the record back. */
  async function withoutManagedEnv(body: () => Promise<void>, managed: Record<string, string[]> = {}): Promise<void> {
    const saved = api.services.store.get('managedEnvKeys');
    await api.services.store.set('managedEnvKeys', managed);
    try {
      await body();
    } finally {
      await api.services.store.set('managedEnvKeys', saved);
    }
  }

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
    const role = await planetscale.createRole(info.planetscaleOrg, 'orders', 'main', { name: 'diagnose-test', inheritedRoles: ['postgres'] });
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

  it('healthy endpoint: every check passes with login and query; the panel gets the whole view on ready, without secrets', async () => {
    const result = assertOnly(await diagnose(), {});
    assert.match(checkOf(result, 'connectivity').summary, /TLS, login and a query/);
    assert.match(checkOf(result, 'dnsAnswers').evidence.join('\n'), new RegExp(`${privateHost.replace(/\./g, '\\.')} via DNS server ${info.dnsServer}`));
    assert.equal(service.lastResult, result);
    assert.deepEqual(ui.progressTitles.at(-1), `Diagnosing ${endpointId}`);

    // A panel shown again (or for the first time) asks with `ready` and gets everything back.
    const before = page.received.length;
    page.send({ type: 'ready' });
    await controller.settled();
    const resent = page.received.slice(before);
    assert.equal(resent.length, 1);
    const view = resent[0].type === 'state' ? resent[0].state : undefined;
    assert.ok(view, 'no state after ready');
    assert.equal(view.phase, 'done');
    assert.equal(view.overall, 'pass');
    assert.deepEqual(view.checks.map((c) => c.id), ALL);
    assert.deepEqual(view.client, [`${appSgId} (app-servers)`]);
    assert.equal(view.loginChecked, true);
    assert.equal(view.target.privateHost, privateHost);
    assert.ok(!JSON.stringify(page.received).includes(password), 'the password reached the webview');
    assert.ok(!JSON.stringify(result).includes(password), 'the password is in the result');

    // Copy report: the redacted text for a support ticket.
    const requestId = page.post({ type: 'action', action: 'copyReport' });
    await controller.settled();
    assert.deepEqual(page.answerTo(requestId), { type: 'actionDone', requestId, ok: true });
    assert.match(ui.clipboard, new RegExp(`^PlanetScale PrivateLink diagnosis\\n[\\s\\S]*Endpoint: ${endpointId} in us-east-1, VPC ${vpcId}\\n[\\s\\S]*Overall: PASS`));
    assert.ok(!ui.clipboard.includes(password));
  });

  it('Reachability Analyzer runs only after the charge is agreed, and where the API does not exist it is skipped, not failed', async () => {
    await control('/stats/reset');
    ui.confirmNext(false);
    let requestId = page.post({ type: 'action', action: 'runReachability' });
    await controller.settled();
    assert.deepEqual(page.answerTo(requestId), { type: 'actionDone', requestId, ok: true });
    assert.match(ui.confirmations[0].message, /AWS charges for each analysis/);
    const stats = (await (await fetch(`${info.controlUrl}/stats`)).json()) as { calls: Record<string, number> };
    assert.equal(stats.calls.CreateNetworkInsightsPath, undefined, 'declined, yet an analysis was started');
    assert.equal(checkOf(service.lastResult!, 'reachabilityAnalyzer').status, 'skipped');

    ui.confirmNext(true);
    ui.answerNext(() => 'eni-0123456789abcdef0');
    requestId = page.post({ type: 'action', action: 'runReachability' });
    await controller.settled();
    assert.deepEqual(page.answerTo(requestId), { type: 'actionDone', requestId, ok: true });
    const result = assertOnly(service.lastResult, { reachabilityAnalyzer: 'skipped' });
    assert.match(checkOf(result, 'reachabilityAnalyzer').summary, /not available here/);
    assert.deepEqual(page.lastState()?.checks.find((c) => c.id === 'reachabilityAnalyzer')?.status, 'skipped');
  });

  it('endpoint failed: only the state check fails (DNS and connections skipped); its fix is advice, and the panel refuses to apply it', async () => {
    await control(`/endpoints/${endpointId}/state`, { state: 'failed' });
    const result = assertOnly(await diagnose(), { endpointState: 'fail', dnsAnswers: 'skipped', connectivity: 'skipped' });
    const state = checkOf(result, 'endpointState');
    assert.match(state.summary, /could not create the endpoint \(failed\)/);
    assert.match(state.fix!.cliCommand, new RegExp(`^aws ec2 delete-vpc-endpoints --region us-east-1 .*--vpc-endpoint-ids ${endpointId}$`));
    const view = page.lastState()!;
    assert.equal(view.checks.find((c) => c.id === 'endpointState')?.fix?.applicable, false);
    const answer = await applyFromPanel('endpointState');
    assert.equal(answer.type, 'rejected');
    assert.match(answer.type === 'rejected' ? answer.reason : '', /advice only/);
    assert.equal(ui.confirmations.length, 0);

    await control(`/endpoints/${endpointId}/state`, { state: 'available' });
    assertOnly(await diagnose(), {});
  });

  it('DNS hostnames off: only the VPC DNS check fails; Apply (after the confirmation names the change) turns it on and all pass', async () => {
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: false } }));
    const result = assertOnly(await diagnose(), { vpcDns: 'fail' });
    assert.match(checkOf(result, 'vpcDns').fix!.cliCommand, new RegExp(`modify-vpc-attribute --region us-east-1 .*--vpc-id ${vpcId} --enable-dns-hostnames '\\{"Value":true\\}'$`));

    ui.confirmNext(true);
    const answer = await applyFromPanel('vpcDns');
    assert.equal(answer.type, 'actionDone');
    assert.equal(answer.type === 'actionDone' && answer.ok, true);
    assert.match(ui.confirmations[0].detail, new RegExp(`VPC ${vpcId}: set enableDnsHostnames to true`));
    const attribute = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }));
    assert.equal(attribute.EnableDnsHostnames?.Value, true);
    assertOnly(service.lastResult, {});
    assert.match(page.lastState()?.notice ?? '', new RegExp(`Applied: ${vpcId}: enableDnsHostnames set to true`));
  });

  it('security group missing 6432: only that check fails (6432 timeouts explained by it); declining changes nothing, accepting fixes it', async () => {
    await ec2.send(new RevokeSecurityGroupIngressCommand({
      GroupId: endpointSgId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, UserIdGroupPairs: [{ GroupId: appSgId }] }],
    }));
    const result = assertOnly(await diagnose(), { securityGroups: 'fail', connectivity: 'warn' });
    const fix = checkOf(result, 'securityGroups').fix!;
    assert.match(fix.cliCommand, new RegExp(`authorize-security-group-ingress --region us-east-1 .*--group-id ${endpointSgId} --ip-permissions '\\[\\{"IpProtocol":"tcp","FromPort":6432,"ToPort":6432,"UserIdGroupPairs":\\[\\{"GroupId":"${appSgId}","Description":"PlanetScale PSBouncer \\(pooled\\)"\\}\\]\\}\\]'$`));
    assert.match(checkOf(result, 'connectivity').evidence.join('\n'), /:6432: failed \(timeout\).*as expected from the security group check/);

    // Copy gives the exact command the panel shows.
    const copyId = page.post({ type: 'copyFix', checkId: 'securityGroups' });
    await controller.settled();
    assert.deepEqual(page.answerTo(copyId), { type: 'actionDone', requestId: copyId, ok: true });
    assert.equal(ui.clipboard, fix.cliCommand);

    ui.confirmNext(false);
    await applyFromPanel('securityGroups');
    const untouched = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [endpointSgId] }));
    assert.ok(!(untouched.SecurityGroups![0].IpPermissions ?? []).some((p) => p.FromPort === 6432), 'declined, yet the rule was added');
    assert.equal(checkOf(service.lastResult!, 'securityGroups').status, 'fail');

    ui.confirmNext(true);
    await applyFromPanel('securityGroups');
    assert.match(ui.confirmations[1].detail, new RegExp(`Security group ${endpointSgId}: add inbound TCP 6432 from ${appSgId}`));
    assertOnly(service.lastResult, {});
    // The rule comes back as the create flow made it, description included.
    const fixed = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [endpointSgId] }));
    const pooled = (fixed.SecurityGroups![0].IpPermissions ?? []).find((p) => p.FromPort === 6432);
    assert.deepEqual(pooled?.UserIdGroupPairs?.map((g) => g.Description), ['PlanetScale PSBouncer (pooled)']);
  });

  it('NACL deny numbered below the allow: only the NACL check fails; the applied fix inserts an allow before the deny', async () => {
    await ec2.send(new CreateNetworkAclEntryCommand({
      NetworkAclId: aclId, RuleNumber: 90, Egress: false, Protocol: '6', PortRange: { From: 6432, To: 6432 }, CidrBlock: '0.0.0.0/0', RuleAction: 'deny',
    }));
    const result = assertOnly(await diagnose(), { networkAcls: 'fail', connectivity: 'warn' });
    const nacl = checkOf(result, 'networkAcls');
    assert.match(nacl.evidence.join('\n'), new RegExp(`inbound tcp port 6432 from ${esc(appCidr)}: denied by rule 90 deny tcp port 6432 from 0\\.0\\.0\\.0/0`));
    const view = page.lastState()!.checks.find((c) => c.id === 'networkAcls')!;
    assert.equal(view.fix?.applicable, true);
    assert.ok(view.fix!.changes.every((c) => new RegExp(`^Network ACL ${aclId}: add inbound rule (\\d+) allowing TCP 6432 from ${esc(appCidr)}$`).test(c) && Number(/rule (\d+)/.exec(c)![1]) < 90), view.fix!.changes.join('\n'));

    ui.confirmNext(true);
    await applyFromPanel('networkAcls');
    assertOnly(service.lastResult, {});
  });

  it('no ephemeral return rule: only the NACL check fails; the applied fix allows 1024-65535 back to the client', async () => {
    // Outbound now allows only the database ports: replies to the client's ephemeral ports are dropped.
    await ec2.send(new ReplaceNetworkAclEntryCommand({
      NetworkAclId: aclId, RuleNumber: 100, Egress: true, Protocol: '6', PortRange: { From: 5432, To: 6432 }, CidrBlock: '0.0.0.0/0', RuleAction: 'allow',
    }));
    const result = assertOnly(await diagnose(), { networkAcls: 'fail', connectivity: 'warn' });
    assert.match(checkOf(result, 'networkAcls').summary, new RegExp(`outbound tcp ports 1024-65535 to ${esc(appCidr)}`));
    const operations = checkOf(result, 'networkAcls').fix!.apply!.operations;
    assert.deepEqual(operations.map((o) => o.action === 'createNetworkAclEntry' && [o.egress, o.portRange, o.cidrBlock]), [[true, { from: 1024, to: 65535 }, appCidr]]);

    ui.confirmNext(true);
    await applyFromPanel('networkAcls');
    assertOnly(service.lastResult, {});
  });

  it('DNS answering a different IP: only the DNS answers check fails, with advice (not an AWS change)', async function () {
    await control('/dns/override', { name: privateHost, ips: [`${appNet}.3.99`] });
    try {
      const result = assertOnly(await diagnose(), { dnsAnswers: 'fail' });
      const dns = checkOf(result, 'dnsAnswers');
      assert.match(dns.summary, new RegExp(`resolves to ${esc(appNet)}\\.3\\.99, which are not this endpoint's interfaces`));
      assert.equal(dns.fix!.apply, undefined);
      assert.match(dns.fix!.cliCommand, new RegExp(`aws route53 list-hosted-zones-by-vpc --vpc-id ${vpcId} --vpc-region us-east-1`));
      assert.equal(page.lastState()!.checks.find((c) => c.id === 'dnsAnswers')?.fix?.applicable, false);
    } finally {
      await control('/dns/override', { name: privateHost, ips: null });
    }
    assertOnly(await diagnose(), {});
  });

  it('nothing listening: only the connection check fails, as refused connections, with the support advice', async function () {
    await control('/forwarders/suspend', {});
    try {
      const result = assertOnly(await diagnose(), { connectivity: 'fail' });
      const connection = checkOf(result, 'connectivity');
      assert.match(connection.summary, /Nothing accepts connections at .*\(connection refused\)/);
      assert.match(connection.fix!.description, /PlanetScale support/);
    } finally {
      await control('/forwarders/resume', {});
    }
    assertOnly(await eventually(async () => {
      const r = await diagnose();
      return r.checks.find((c) => c.id === 'connectivity')?.status === 'pass' ? r : undefined;
    }, 'the forwarders back'), {});
  });

  it('from the endpoint tree item: asks the branch host and the login once (the client is the group the endpoint\'s rules name), the second run asks nothing', async () => {
    api.awsExplorer.refresh();
    const app = await nodeAt(api.awsExplorer, info.awsProfile, 'us-east-1', 'app-vpc');
    const endpointNode = (await childrenOf(api.awsExplorer, app.node)).find((c) => c.node.id.endsWith(`/${endpointId}`));
    assert.ok(endpointNode, `no tree item for ${endpointId}`);
    await forgetAnswers();
    await withoutManagedEnv(async () => {
      ui.answerNext((choices) => choices.find((c) => c.value === 'type')!.value);
      ui.answerNext(() => privateHost);
      ui.answerNext(() => ''); // network only: remembered
      const first = assertOnly(await service.diagnoseArgument(endpointNode.node), {});
      // The group the endpoint's inbound rules name is taken without asking.
      assert.deepEqual(first.client, { securityGroupIds: [appSgId] });
      assert.equal(first.privateHost, privateHost);
      assert.deepEqual(ui.asked, [
        `Diagnose Private Connection: which branch does ${endpointId} serve?`,
        'Diagnose Private Connection: Private Host',
        'Diagnose Private Connection: login check (optional)',
      ]);
      assert.equal(page.lastState()?.loginChecked, false);
      assert.equal(page.lastState()?.vantage, 'this machine (DNS answers and connections measured here)');

      // The second run asks nothing.
      ui.asked.length = 0;
      assertOnly(await service.diagnoseArgument(endpointNode.node), {});
      assert.deepEqual(ui.asked, []);
    });

    // Changing the client from the panel asks again and re-runs with the new answer.
    ui.answerNext((choices) => choices.find((c) => c.value === 'cidrs')!.value);
    ui.answerNext(() => `${appNet}.1.50`);
    const requestId = page.post({ type: 'action', action: 'changeClient' });
    await controller.settled();
    assert.deepEqual(page.answerTo(requestId), { type: 'actionDone', requestId, ok: true });
    assert.deepEqual(service.lastResult?.client, { cidrs: [`${appNet}.1.50/32`] });
    assert.deepEqual(page.lastState()?.client, [`${appNet}.1.50/32`]);
    // As in AWS, a rule whose source is the application's group does not cover a bare address.
    assert.equal(checkOf(service.lastResult!, 'securityGroups').status, 'fail');
  });

  it('streams each check to the panel as it finishes, and Stop ends the run without a result', async () => {
    // With 6432 closed by the group, the connection probes wait for their timeout: time to press Stop.
    await ec2.send(new RevokeSecurityGroupIngressCommand({
      GroupId: endpointSgId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, UserIdGroupPairs: [{ GroupId: appSgId }] }],
    }));
    const running = service.diagnose(request);
    await eventually(async () => ((page.lastState()?.checks.length ?? 0) >= 4 && page.lastState()?.phase === 'running' ? true : undefined), 'four checks streamed while running', 10_000);
    assert.equal(service.isRunning, true);
    assert.deepEqual(page.lastState()!.checks.slice(0, 4).map((c) => [c.id, c.status]), [['endpointState', 'pass'], ['vpcDns', 'pass'], ['securityGroups', 'fail'], ['networkAcls', 'pass']]);
    const requestId = page.post({ type: 'action', action: 'cancel' });
    assert.equal(await running, undefined);
    await controller.settled();
    assert.deepEqual(page.answerTo(requestId), { type: 'actionDone', requestId, ok: true });
    assert.equal(page.lastState()?.phase, 'cancelled');
    assert.equal(service.lastResult, undefined);
    assert.equal(service.isRunning, false);
    // Nothing to copy from a stopped run.
    const copyId = page.post({ type: 'action', action: 'copyReport' });
    await controller.settled();
    assert.deepEqual(page.answerTo(copyId), { type: 'actionDone', requestId: copyId, ok: false, message: 'No finished diagnosis to copy yet.' });
  });

  it('from a branch: finds the endpoint serving its service through EC2 when the tree has not loaded, with the branch host', async () => {
    await forgetAnswers();
    const fromEc2 = createDiagnoseService(api.services, { awsTree: { endpointsForService: () => [] }, watcher: api.endpointWatcher }, ui);
    try {
      await withoutManagedEnv(async () => {
        ui.answerNext(() => request.credentials!.username);
        ui.answerNext(() => password);
        const branch = { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main', production: true };
        const result = assertOnly(await fromEc2.diagnoseArgument({ id: 'branch/acme/orders/main', payload: branch }), {});
        assert.equal(result.endpointId, endpointId);
        assert.equal(result.privateHost, privateHost);
        assert.deepEqual(result.client, { securityGroupIds: [appSgId] });
        assert.match(checkOf(result, 'connectivity').summary, /login and a query/);
        assert.deepEqual(ui.asked, [
          'Diagnose Private Connection: login check (optional)',
          `Diagnose Private Connection: password of ${request.credentials!.username}`,
        ]);
        assert.equal(fromEc2.view?.target.branch, `${info.planetscaleOrg}/orders/main`);
      });
    } finally {
      fromEc2.dispose();
    }
  });

  it('asks once: the login user from the .env the extension wrote, the group the endpoint\'s rules name; the second run asks nothing; Change inputs… shows each answer and preselects the group', async () => {
    await forgetAnswers();
    const username = request.credentials!.username;
    const envUri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'diagnose-asks-once.env');
    const url = `postgresql://${encodeURIComponent(username)}:${encodeURIComponent(password)}@${privateHost}:6432/postgres?sslmode=verify-full`;
    await vscode.workspace.fs.writeFile(envUri, Buffer.from(`APP_NAME=shop\nDATABASE_URL=${url}\n`));
    const fromEc2 = createDiagnoseService(api.services, { awsTree: { endpointsForService: () => [] }, watcher: api.endpointWatcher }, ui);
    const branch = { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main', production: true };
    try {
      await withoutManagedEnv(async () => {
        // First run: only the password (the user is the .env's, the client the group the rules name).
        ui.answerNext(() => password);
        const first = assertOnly(await fromEc2.diagnoseArgument({ payload: branch }), {});
        assert.deepEqual(ui.asked, [`Diagnose Private Connection: password of ${username}`]);
        assert.deepEqual(first.client, { securityGroupIds: [appSgId] });
        assert.match(checkOf(first, 'connectivity').summary, /login and a query/);
        // Not copied into Diagnose's memory: the .env is read again each run, so a new role written there is followed.
        const users = api.services.context.workspaceState.get<Record<string, string>>('planetscalePrivateLink.diagnose.users');
        assert.equal(users?.[endpointId], undefined);

        // Second run: nothing asked, the same answers (the password kept in memory for this window only).
        ui.asked.length = 0;
        const second = assertOnly(await fromEc2.diagnoseArgument({ payload: branch }), {});
        assert.deepEqual(ui.asked, []);
        assert.deepEqual(second.client, { securityGroupIds: [appSgId] });
        assert.match(checkOf(second, 'connectivity').summary, /login and a query/);
        assert.ok(!JSON.stringify(api.services.context.workspaceState.keys().map((k) => api.services.context.workspaceState.get(k))).includes(password), 'the password was stored');

        // Change inputs…: each answer as it is now; with nothing remembered for the VPC, the group the rules name is preselected.
        await api.services.context.workspaceState.update('planetscalePrivateLink.diagnose.clientLocations', undefined);
        let offered: Array<PickItem<unknown>> = [];
        let groups: Array<PickItem<unknown>> = [];
        ui.answerNext((choices) => {
          offered = choices;
          return 'client';
        });
        ui.answerNext((choices) => choices.find((c) => c.value === 'securityGroups')!.value);
        ui.answerNext((choices) => {
          groups = choices;
          return choices.filter((c) => c.picked).map((c) => c.value);
        });
        const changed = assertOnly(await fromEc2.changeInputs(), {});
        assert.deepEqual(offered.map((c) => [c.label, c.description]), [
          ['$(cloud) Measure from', 'this machine'],
          ['$(shield) Where the application runs', `${appSgId} (app-servers)`],
          ['$(account) Login check', `as ${username}`],
        ]);
        assert.deepEqual(groups.filter((g) => g.picked).map((g) => g.label), ['app-servers']);
        assert.deepEqual(changed.client, { securityGroupIds: [appSgId] });
        assert.equal(ui.asked.length, 3, ui.asked.join(' | '));
      }, { [envUri.toString()]: ['DATABASE_URL'] });
    } finally {
      fromEc2.dispose();
      await vscode.workspace.fs.delete(envUri);
    }
  });

  it('refuses malformed panel messages and fixes that do not exist, and the registered command opens the results panel', async () => {
    for (const raw of [{ type: 'applyFix', requestId: 1, checkId: 'rm -rf /' }, { type: 'runShell', requestId: 2 }, { type: 'applyFix', requestId: 3, checkId: 'dnsAnswers' }]) {
      page.send(raw);
    }
    await controller.settled();
    const rejected = page.received.filter((m): m is Extract<DiagnoseHostMessage, { type: 'rejected' }> => m.type === 'rejected');
    assert.deepEqual(rejected.map((m) => m.requestId), [1, 2, 3]);
    assert.match(rejected[0].reason, /checkId must be one of/);
    assert.match(rejected[1].reason, /unknown message type "runShell"/);
    assert.match(rejected[2].reason, /dnsAnswers: this check has no fix/);

    // The extension's own service (what the command runs) shows the panel when a diagnosis starts.
    const registered = api.diagnose;
    const seen = new Promise<DiagnoseResult>((resolve) => registered.onDidDiagnose(resolve));
    const result = await registered.diagnose(request);
    assertOnly(result, {});
    assert.equal(await seen, result);
    assert.equal(registered.lastResult, result);
    // The editor reports the new tab asynchronously.
    const panelTab = await eventually(
      async () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(DIAGNOSE_VIEW_TYPE)),
      'the Diagnose panel among the editor tabs',
      10_000,
    );
    assert.equal(panelTab.label, 'Diagnose Private Connection');
    await vscode.window.tabGroups.close(panelTab);
  });
});
