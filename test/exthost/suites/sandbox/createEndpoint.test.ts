// The Create Endpoint form's host, driven exactly as the webview drives it: protocol messages
// through the controller's message pair (same validation path as the real panel), against the
// sandbox's EC2 emulator and PlanetScale stand-in through the real SDK and settings.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { DeleteSecurityGroupCommand, DeleteVpcEndpointsCommand, DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Transition } from '../../../../src/aws/watch/endpointStatusModel';
import type { EndpointFormInput } from '../../../../src/aws/createEndpoint/endpointRequest';
import type { CreateEndpointController, MessageChannel } from '../../../../src/webviews/createEndpoint/createEndpointController';
import { createEndpointController } from '../../../../src/webviews/createEndpoint/createEndpointPanel';
import { vscodeCreateEndpointUi, type CreateEndpointUi } from '../../../../src/webviews/createEndpoint/createEndpointUi';
import { readCreatedEndpoints } from '../../../../src/webviews/createEndpoint/createdEndpoints';
import { targetFromArgument } from '../../../../src/webviews/createEndpoint/openTarget';
import { CREATE_ENDPOINT_VIEW_TYPE, type HostSnapshot, type HostToWebviewMessage } from '../../../../src/webviews/protocol/createEndpointProtocol';
import { extensionApi, type ExtensionApi } from '../../support/api';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { Commands } from '../../../../src/commands/commandIds';

const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';
const SG_NAME = 'PScalePrivateLinkEndpointSG';
/** The emulator's own default, restored after the short delay these tests use. */
const DEFAULT_ENDPOINT_DELAY_MS = 4000;

type Reply<T extends HostToWebviewMessage['type']> = Extract<HostToWebviewMessage, { type: T }>;

/** Plays the webview: posts protocol messages, collects the host's answers (JSON, as postMessage does). */
class ScriptedPage implements MessageChannel {
  readonly received: HostToWebviewMessage[] = [];
  private readonly emitter = new vscode.EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.emitter.event;
  private nextId = 1;
  private wake: Array<() => void> = [];

  postMessage(message: HostToWebviewMessage): Promise<boolean> {
    this.received.push(JSON.parse(JSON.stringify(message)) as HostToWebviewMessage);
    for (const w of this.wake.splice(0)) w();
    return Promise.resolve(true);
  }

  send(raw: unknown): void {
    this.emitter.fire(raw);
  }

  async request<T extends HostToWebviewMessage['type']>(body: Record<string, unknown>, reply: T, timeoutMs = 30_000): Promise<Reply<T>> {
    const requestId = this.nextId++;
    this.send({ ...body, requestId });
    return this.waitFor((m): m is Reply<T> => m.type === reply && 'requestId' in m && m.requestId === requestId, timeoutMs, `${reply} for ${String(body.type)} #${requestId}`);
  }

  async waitFor<M extends HostToWebviewMessage>(match: (m: HostToWebviewMessage) => m is M, timeoutMs: number, what: string): Promise<M> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; got: ${this.received.map((m) => m.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  since(index: number): HostToWebviewMessage[] {
    return this.received.slice(index);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The editor's own UI, with the user's answers scripted and notifications and copies recorded. */
function scriptedUi(answers: { confirm: boolean }): CreateEndpointUi & { notifications: string[]; progressTitles: string[]; confirmations: string[]; clipboard: string[] } {
  const real = vscodeCreateEndpointUi();
  const notifications: string[] = [];
  const progressTitles: string[] = [];
  const confirmations: string[] = [];
  const clipboard: string[] = [];
  return {
    notifications,
    progressTitles,
    confirmations,
    clipboard,
    confirm: async (message) => {
      confirmations.push(message);
      return answers.confirm;
    },
    withProgress: (title, abort, task) => {
      progressTitles.push(title);
      return real.withProgress(title, abort, task);
    },
    copyToClipboard: async (text) => {
      clipboard.push(text);
    },
    openInEditor: real.openInEditor,
    notify: (severity, message) => notifications.push(`${severity}: ${message}`),
  };
}

function testEc2(): EC2Client {
  return new EC2Client({ region: 'us-east-1', endpoint: sandboxInfo().ec2Endpoint, credentials: { accessKeyId: 'AKIDTESTTEST', secretAccessKey: 'test-secret' } });
}

async function liveEndpoints(vpcId: string): Promise<string[]> {
  const out = await testEc2().send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'service-name', Values: [SERVICE] }] }));
  return (out.VpcEndpoints ?? []).filter((e) => !/^delet/i.test(e.State ?? '')).map((e) => e.VpcEndpointId!);
}

async function groupsNamed(vpcId: string, name: string): Promise<string[]> {
  const out = await testEc2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: [name] }] }));
  return (out.SecurityGroups ?? []).map((g) => g.GroupId!);
}

describe('Create Endpoint form host against the sandbox', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  let api: ExtensionApi;
  const open: Array<{ controller: CreateEndpointController; page: ScriptedPage }> = [];
  const createdEndpoints: string[] = [];
  /** The happy path's form and result, for the re-submit test that follows it. */
  let created: { page: ScriptedPage; form: EndpointFormInput; vpcId: string; endpointId: string; securityGroupId: string } | undefined;
  /** Keep the last form open into the next test (the re-submit uses the same page). */
  let keepOpen = false;

  function openForm(argument: unknown, ui: CreateEndpointUi = scriptedUi({ confirm: false })) {
    const page = new ScriptedPage();
    const controller = createEndpointController(api.services, targetFromArgument(argument), page, ui);
    open.push({ controller, page });
    return { page, controller };
  }

  function controllerOf(page: ScriptedPage): CreateEndpointController {
    const entry = open.find((o) => o.page === page);
    if (!entry) throw new Error('no controller for this page');
    return entry.controller;
  }

  /** `ready`, then the snapshot that carries the VPC list. */
  async function start(page: ScriptedPage): Promise<HostSnapshot> {
    page.send({ type: 'ready' });
    const loaded = await page.waitFor((m): m is Reply<'snapshot'> => m.type === 'snapshot' && (m.state.vpcs !== undefined || m.state.vpcsError !== undefined), 30_000, 'snapshot with VPCs');
    assert.equal(loaded.state.vpcsError, undefined, loaded.state.vpcsError?.message);
    return loaded.state;
  }

  async function formFor(page: ScriptedPage, snapshot: HostSnapshot, overrides: Partial<EndpointFormInput> = {}): Promise<{ form: EndpointFormInput; vpcId: string }> {
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
    if (keepOpen) {
      keepOpen = false;
      return;
    }
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
  });

  it('opens the form as a webview panel from a branch', async () => {
    await vscode.commands.executeCommand(Commands.createEndpoint, { payload: { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main' } });
    const isForm = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(CREATE_ENDPOINT_VIEW_TYPE);
    // The tab model reaches the extension host a moment after the panel is created.
    const deadline = Date.now() + 10_000;
    while (!vscode.window.tabGroups.all.some((g) => g.tabs.some(isForm)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const tab = tabs.find(isForm);
    assert.ok(tab, `no Create Endpoint webview among tabs: ${tabs.map((t) => t.label).join(', ')}`);
    assert.equal(tab.label, 'Create PrivateLink Endpoint');
    await vscode.window.tabGroups.close(tab);
  });

  it('refuses messages that do not match the protocol, and answers with the reason', async () => {
    const { page } = openForm(undefined);
    page.send({ type: 'deleteEverything', requestId: 41 });
    const unknown = await page.waitFor((m): m is Reply<'rejected'> => m.type === 'rejected' && m.requestId === 41, 5000, 'rejection of an unknown type');
    assert.match(unknown.reason, /unknown message type "deleteEverything"/);

    page.send({ type: 'create', requestId: 42, form: { region: 'us-east-1', serviceName: SERVICE, vpcId: 'vpc-1', subnetIds: 'subnet-1', securityGroup: { mode: 'existing', groupId: 'sg-1' }, privateDns: true, nameTag: 'x' } });
    const badField = await page.waitFor((m): m is Reply<'rejected'> => m.type === 'rejected' && m.requestId === 42, 5000, 'rejection of a wrong field type');
    assert.match(badField.reason, /form\.subnetIds must be a list of strings/);

    page.send({ type: 'runAction', requestId: 43, action: 'workbench.action.terminal.sendSequence' });
    const badAction = await page.waitFor((m): m is Reply<'rejected'> => m.type === 'rejected' && m.requestId === 43, 5000, 'rejection of an unknown action');
    assert.match(badAction.reason, /action must be one of/);

    page.send('ready');
    await page.waitFor((m): m is Reply<'rejected'> => m.type === 'rejected' && m.requestId === undefined, 5000, 'rejection of a non-object');
    // None of these started anything.
    assert.equal(page.received.some((m) => m.type === 'progress' || m.type === 'createFinished'), false);
  });

  it('switches only to a listed profile and an offered region', async () => {
    const { page } = openForm(undefined);
    const snapshot = await start(page);
    const badProfile = await page.request({ type: 'changeContext', profile: `${info.awsProfile}; calc`, region: snapshot.region }, 'rejected');
    assert.match(badProfile.reason, /is not one of the AWS profiles listed/);
    const badRegion = await page.request({ type: 'changeContext', profile: snapshot.profile, region: 'ap-south-2' }, 'rejected');
    assert.match(badRegion.reason, /ap-south-2 is not one of the regions offered/);
    const listed = await page.request({ type: 'changeContext', profile: info.awsProfile, region: snapshot.regions[0] }, 'snapshot');
    assert.equal(listed.state.profile, info.awsProfile);
  });

  it('answers well-typed but wrong input with field messages, never calling AWS to create', async () => {
    const { page } = openForm(undefined);
    const snapshot = await start(page);
    const { form, vpcId } = await formFor(page, snapshot);
    const before = await liveEndpoints(vpcId);
    const groupsBefore = await groupsNamed(vpcId, SG_NAME);

    const unknownVpc = await page.request({ type: 'selectVpc', vpcId: 'vpc-0123456789abcdef0' }, 'vpcLoaded');
    assert.match(unknownVpc.error?.message ?? '', /not among the VPCs of us-east-1/);

    const wrongRegion = await page.request({ type: 'verifyService', serviceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0f1e2d3c4b5a60002' }, 'serviceVerified');
    assert.match(wrongRegion.error?.message ?? '', /switch the region to eu-west-1/);

    const zoneC = (await page.request({ type: 'selectVpc', vpcId }, 'vpcLoaded')).details!.subnets.find((s) => s.availabilityZone === 'us-east-1c')!.id;
    await page.request({ type: 'verifyService', serviceName: SERVICE }, 'serviceVerified');
    const finished = await page.request({ type: 'create', form: { ...form, subnetIds: [zoneC] } }, 'createFinished');
    assert.equal(finished.outcome.kind, 'invalid');
    const issues = finished.outcome.kind === 'invalid' ? finished.outcome.issues : [];
    assert.ok(issues.some((i) => i.field === 'subnetIds' && i.severity === 'error' && /us-east-1c/.test(i.message)), JSON.stringify(issues));
    assert.deepEqual(await liveEndpoints(vpcId), before);
    assert.deepEqual(await groupsNamed(vpcId, SG_NAME), groupsBefore);
  });

  it('asks before turning on VPC DNS and changes nothing when the answer is no', async () => {
    const ui = scriptedUi({ confirm: false });
    const { page } = openForm(undefined, ui);
    const snapshot = await start(page);
    const legacy = snapshot.vpcs!.find((v) => v.name === 'legacy-vpc')!.id;
    const loaded = await page.request({ type: 'selectVpc', vpcId: legacy }, 'vpcLoaded');
    assert.equal(loaded.details?.dns.enableDnsHostnames, false);
    const after = await page.request({ type: 'enableVpcDns', vpcId: legacy }, 'vpcLoaded');
    assert.equal(ui.confirmations.length, 1);
    assert.match(ui.confirmations[0], new RegExp(`Turn on DNS support and DNS hostnames for legacy-vpc \\(${legacy}\\)`));
    assert.equal(after.details?.dns.enableDnsHostnames, false);
    const reread = await page.request({ type: 'selectVpc', vpcId: legacy }, 'vpcLoaded');
    assert.equal(reread.details?.dns.enableDnsHostnames, false);
  });

  it('offers to sign in again when the profile\'s credentials have expired, without showing them', async () => {
    const script = `${info.awsConfigFile}.form-expired.sh`;
    fs.writeFileSync(script, `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"AKIDFORMEXPIRED","SecretAccessKey":"form-secret","SessionToken":"form-token","Expiration":"2020-01-01T00:00:00Z"}'\n`, { mode: 0o755 });
    if (!fs.readFileSync(info.awsConfigFile, 'utf8').includes('[profile form-expired]')) {
      fs.appendFileSync(info.awsConfigFile, `\n[profile form-expired]\nregion = us-east-1\ncredential_process = ${script}\n`);
    }
    const { page } = openForm({ kind: 'vpc', profile: 'form-expired', region: 'us-east-1', vpcId: 'vpc-0123456789abcdef0' });
    page.send({ type: 'ready' });
    const failed = await page.waitFor((m): m is Reply<'snapshot'> => m.type === 'snapshot' && m.state.vpcsError !== undefined, 30_000, 'snapshot with the VPC error');
    assert.equal(failed.state.profile, 'form-expired');
    assert.equal(failed.state.vpcsError?.signIn, true, JSON.stringify(failed.state.vpcsError));
    const everything = JSON.stringify(page.received);
    for (const secret of ['AKIDFORMEXPIRED', 'form-secret', 'form-token']) assert.ok(!everything.includes(secret), `${secret} reached the page`);
  });

  it('stops at the dry run when ec2:CreateVpcEndpoint is denied, with nothing created', async () => {
    const ui = scriptedUi({ confirm: false });
    const { page } = openForm({ kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'dev' }, ui);
    const snapshot = await start(page);
    const { form, vpcId } = await formFor(page, snapshot);
    const endpointsBefore = await liveEndpoints(vpcId);
    const groupsBefore = await groupsNamed(vpcId, SG_NAME);
    const recordsBefore = readCreatedEndpoints(api.services.store).length;
    await control('faults', { denyActions: ['CreateVpcEndpoint'] });

    const mark = page.received.length;
    const finished = await page.request({ type: 'create', form }, 'createFinished', 60_000);
    assert.equal(finished.outcome.kind, 'preflightFailed', JSON.stringify(finished.outcome));
    if (finished.outcome.kind !== 'preflightFailed') return;
    assert.deepEqual(finished.outcome.preflight.missingPermissions, ['ec2:CreateVpcEndpoint']);
    assert.match(finished.outcome.message, /ec2:CreateVpcEndpoint.*Nothing was created/);
    const phases = page.since(mark).filter((m): m is Reply<'progress'> => m.type === 'progress');
    assert.deepEqual([...new Set(phases.map((p) => p.phase))], ['validating', 'dryRun']);
    assert.equal(phases.some((p) => p.event), false, 'no step ran');
    assert.deepEqual(ui.progressTitles, [], 'no apply progress notification');
    assert.ok(ui.notifications.some((n) => /^error: .*ec2:CreateVpcEndpoint/.test(n)), ui.notifications.join('\n'));
    assert.deepEqual(await liveEndpoints(vpcId), endpointsBefore);
    assert.deepEqual(await groupsNamed(vpcId, SG_NAME), groupsBefore);
    assert.equal(readCreatedEndpoints(api.services.store).length, recordsBefore);
  });

  it('creates from a branch: verify, app-vpc, subnets in 1a and 1b, new group from app-servers, plan, create, available, remembered', async () => {
    const ui = scriptedUi({ confirm: false });
    const { page } = openForm({ payload: { kind: 'branch', organization: info.planetscaleOrg, database: 'orders', branch: 'main', production: true } }, ui);
    const snapshot = await start(page);
    // The branch node carried no service name: the host read it from PlanetScale.
    assert.equal(snapshot.prefill.serviceName, SERVICE);
    assert.equal(snapshot.region, 'us-east-1');
    assert.equal(snapshot.branch, `${info.planetscaleOrg}/orders/main`);
    assert.match(snapshot.privateHost ?? '', /^[a-z0-9-]+\.private-pg\.psdb\.cloud$/);
    assert.equal(snapshot.profile, info.awsProfile);
    // app-vpc is the only non-default VPC with DNS support and hostnames on (legacy-vpc has hostnames off).
    assert.equal(snapshot.prefill.vpcId, snapshot.vpcs!.find((v) => v.name === 'app-vpc')!.id, 'app-vpc is preselected');

    const verified = await page.request({ type: 'verifyService', serviceName: SERVICE }, 'serviceVerified');
    assert.deepEqual(verified.service?.availabilityZones, ['us-east-1a', 'us-east-1b']);
    assert.equal(verified.service?.privateDnsName, '*.private-pg.psdb.cloud');
    assert.equal(verified.service?.acceptanceRequired, false);

    const { form, vpcId } = await formFor(page, snapshot);
    const appServers = form.securityGroup.mode === 'create' ? form.securityGroup.sourceGroupIds[0] : '';
    assert.deepEqual(await liveEndpoints(vpcId), [], 'app-vpc must start without an endpoint for the service');

    const planned = await page.request({ type: 'plan', form }, 'planned');
    assert.deepEqual(planned.issues.filter((i) => i.severity === 'error'), []);
    const plan = planned.plan!;
    assert.deepEqual(plan.steps.map((s) => s.id), ['createSecurityGroup', 'authorizeIngress', 'createEndpoint', 'waitAvailable']);
    assert.equal(plan.cost.availabilityZones, 2);
    assert.equal(plan.cost.monthlyUsd, 14.6);
    assert.match(plan.cost.text, /^about \$14\.60 a month for 2 Availability Zones/);
    const cli = plan.exports.cli;
    assert.match(cli, /aws ec2 create-security-group[\s\S]*--group-name PScalePrivateLinkEndpointSG[\s\S]*--vpc-id /);
    assert.ok(cli.includes(`--vpc-id ${vpcId}`), cli);
    assert.match(cli, new RegExp(`aws ec2 authorize-security-group-ingress[\\s\\S]*"FromPort":5432[\\s\\S]*"GroupId":"${appServers}"[\\s\\S]*"FromPort":6432`));
    assert.match(cli, new RegExp(`aws ec2 create-vpc-endpoint[\\s\\S]*--service-name ${SERVICE.replace(/\./g, '\\.')}[\\s\\S]*--subnet-ids ${form.subnetIds.slice().sort().join(' ')}[\\s\\S]*--private-dns-enabled`));
    assert.match(plan.exports.terraform, /resource "aws_vpc_endpoint"/);
    assert.match(plan.exports.terraform, /resource "aws_security_group"/);

    const mark = page.received.length;
    const arrivals: Transition[] = [];
    const listening = api.endpointWatcher.onDidNotify((t) => arrivals.push(t));
    const finished = await page.request({ type: 'create', form }, 'createFinished', 90_000).finally(() => listening.dispose());
    assert.equal(finished.outcome.kind, 'applied', JSON.stringify(finished.outcome));
    const result = finished.outcome.kind === 'applied' ? finished.outcome.result : undefined;
    assert.equal(result?.outcome, 'succeeded', JSON.stringify(result));
    if (result?.outcome !== 'succeeded') return;
    createdEndpoints.push(result.endpointId);
    assert.match(result.endpointId, /^vpce-[0-9a-f]{17}$/);
    assert.equal(result.state, 'available');
    assert.equal(result.reusedEndpoint, false);

    // Progress streamed in order: dry run first, then each step to done.
    const progress = page.since(mark).filter((m): m is Reply<'progress'> => m.type === 'progress');
    assert.deepEqual([...new Set(progress.map((p) => p.phase))], ['validating', 'dryRun', 'applying']);
    const done = progress.filter((p) => p.event?.status === 'done').map((p) => p.event!.stepId);
    assert.deepEqual(done, ['createSecurityGroup', 'authorizeIngress', 'createEndpoint', 'waitAvailable']);
    assert.ok(progress.some((p) => p.event?.stepId === 'waitAvailable' && p.event.status === 'running' && /pending/.test(p.event.message)), 'the wait reported the pending state');
    assert.deepEqual(ui.progressTitles, [`Creating the PrivateLink endpoint in ${vpcId}`]);
    // The user is told once: by the form, or by the status-bar watcher when it saw the arrival first.
    const toldByForm = ui.notifications.some((n) => n.startsWith('info: ') && n.includes(result.endpointId));
    const toldByWatcher = arrivals.some((t) => t.entry.endpointId === result.endpointId && t.kind === 'becameAvailable');
    assert.ok(toldByForm || toldByWatcher, ui.notifications.join('\n'));

    // Remembered for the status bar, in the shared shape.
    const records = readCreatedEndpoints(api.services.store);
    const record = records.find((r) => r.endpointId === result.endpointId);
    assert.ok(record, JSON.stringify(records));
    // The status bar watches it from the moment it exists; `lastState` is the watcher's bookkeeping.
    assert.equal(api.endpointWatcher.isWatched(result.endpointId), true);
    const shape: Record<string, unknown> = { ...record, createdAt: undefined };
    delete shape.lastState;
    assert.deepEqual(
      shape,
      {
        endpointId: result.endpointId,
        profile: info.awsProfile,
        region: 'us-east-1',
        vpcId,
        serviceName: SERVICE,
        securityGroupId: result.securityGroupId,
        privateHost: snapshot.privateHost,
        branch: { organization: info.planetscaleOrg, database: 'orders', branch: 'main' },
        createdAt: undefined,
      },
    );
    assert.ok(Math.abs(Date.parse(record.createdAt) - Date.now()) < 120_000);

    // What AWS (the emulator) now holds.
    const described = (await testEc2().send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [result.endpointId] }))).VpcEndpoints![0];
    assert.equal(described.State?.toLowerCase(), 'available');
    assert.equal(described.PrivateDnsEnabled, true);
    assert.deepEqual(described.SubnetIds?.slice().sort(), form.subnetIds.slice().sort());
    assert.deepEqual(described.Groups?.map((g) => g.GroupId), [result.securityGroupId]);
    assert.ok(described.Tags?.some((t) => t.Key === 'planetscale-privatelink:branch' && t.Value === `${info.planetscaleOrg}/orders/main`));
    const group = (await testEc2().send(new DescribeSecurityGroupsCommand({ GroupIds: [result.securityGroupId] }))).SecurityGroups![0];
    assert.equal(group.GroupName, SG_NAME);
    for (const port of [5432, 6432]) {
      assert.ok(group.IpPermissions?.some((p) => p.FromPort === port && p.ToPort === port && p.UserIdGroupPairs?.some((u) => u.GroupId === appServers)), `inbound ${port} from app-servers`);
    }

    // A page shown again (the webview reloaded) gets the whole run back on `ready`.
    await controllerOf(page).settled();
    const beforeReady = page.received.length;
    page.send({ type: 'ready' });
    const resent = await page.waitFor((m): m is Reply<'snapshot'> => m.type === 'snapshot' && page.received.indexOf(m) >= beforeReady, 10_000, 'snapshot after ready');
    assert.equal(resent.state.run?.outcome?.kind, 'applied');
    assert.equal(resent.state.run?.phase, 'finished');
    assert.equal(resent.state.plan?.fingerprint, plan.fingerprint);
    created = { page, form, vpcId, endpointId: result.endpointId, securityGroupId: result.securityGroupId };
    keepOpen = true;
  });

  it('returns the same endpoint when the same form is submitted again', async () => {
    assert.ok(created, 'needs the endpoint created by the previous test');
    const { page, form, vpcId } = created;
    const result = { endpointId: created.endpointId, securityGroupId: created.securityGroupId };
    const again = await page.request({ type: 'create', form }, 'createFinished', 90_000);
    const second = again.outcome.kind === 'applied' ? again.outcome.result : undefined;
    assert.equal(second?.outcome, 'succeeded', JSON.stringify(again.outcome));
    if (second?.outcome !== 'succeeded') return;
    assert.equal(second.endpointId, result.endpointId);
    assert.equal(second.reusedEndpoint, true);
    assert.equal(second.reusedSecurityGroup, true);
    assert.deepEqual(await liveEndpoints(vpcId), [result.endpointId]);
    assert.deepEqual(await groupsNamed(vpcId, SG_NAME), [result.securityGroupId]);
    assert.equal(readCreatedEndpoints(api.services.store).filter((r) => r.endpointId === result.endpointId).length, 1);
  });

  it('stops waiting on cancel, keeps the endpoint, says so and still remembers it', async () => {
    const ui = scriptedUi({ confirm: false });
    const { page } = openForm(undefined, ui);
    const snapshot = await start(page);
    const vpcId = snapshot.vpcs!.find((v) => v.isDefault)!.id;
    await page.request({ type: 'verifyService', serviceName: SERVICE }, 'serviceVerified');
    const details = (await page.request({ type: 'selectVpc', vpcId }, 'vpcLoaded')).details!;
    const subnet = (zone: string) => details.subnets.find((s) => s.availabilityZone === zone)!.id;
    const form: EndpointFormInput = {
      region: 'us-east-1',
      serviceName: SERVICE,
      vpcId,
      subnetIds: [subnet('us-east-1a'), subnet('us-east-1b')],
      securityGroup: { mode: 'create', groupName: SG_NAME, sourceKind: 'cidrs', sourceGroupIds: [], cidrs: [details.vpc.cidrBlock] },
      privateDns: false,
      nameTag: 'cancel-test',
    };
    await control('endpoint-delay', { ms: 120_000 });
    try {
      const requestId = 900;
      page.send({ type: 'create', requestId, form });
      await page.waitFor(
        (m): m is Reply<'progress'> => m.type === 'progress' && m.requestId === requestId && m.event?.stepId === 'waitAvailable' && /pending/.test(m.event.message),
        60_000,
        'the wait for the new endpoint',
      );
      const cancelled = await page.request({ type: 'cancel' }, 'actionDone');
      assert.equal(cancelled.ok, true);
      assert.match(cancelled.message ?? '', /Nothing is deleted/);
      const finished = await page.waitFor((m): m is Reply<'createFinished'> => m.type === 'createFinished' && m.requestId === requestId, 30_000, 'the end of the cancelled run');
      const result = finished.outcome.kind === 'applied' ? finished.outcome.result : undefined;
      assert.equal(result?.outcome, 'cancelled', JSON.stringify(finished.outcome));
      if (result?.outcome !== 'cancelled' || !result.endpointId) throw new Error('no endpoint id in the cancelled result');
      const endpointId = result.endpointId;
      createdEndpoints.push(endpointId);
      assert.match(result.message, /NOT deleted/);
      assert.ok(result.leftBehind.some((l) => l.id === endpointId && l.removeCommand.includes(`delete-vpc-endpoints --region us-east-1 --vpc-endpoint-ids ${endpointId}`)), JSON.stringify(result.leftBehind));
      // The endpoint goes on existing (still pending), and the status bar will follow it.
      assert.deepEqual(await liveEndpoints(vpcId), [endpointId]);
      assert.ok(readCreatedEndpoints(api.services.store).some((r) => r.endpointId === endpointId && r.vpcId === vpcId));
      assert.ok(ui.notifications.some((n) => n.startsWith('warning: ') && n.includes(endpointId)), ui.notifications.join('\n'));
      // The removal commands can be copied: the host has them for `cleanup`.
      const copied = await page.request({ type: 'copyExport', format: 'cleanup' }, 'actionDone');
      assert.equal(copied.ok, true, copied.message);
      assert.match(ui.clipboard.at(-1) ?? '', new RegExp(`aws ec2 delete-vpc-endpoints --region us-east-1 --vpc-endpoint-ids ${endpointId}`));
    } finally {
      await control('endpoint-delay', { ms: 1500 });
    }
  });
});
