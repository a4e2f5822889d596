// The Create Endpoint form's host, driven exactly as the webview drives it: protocol messages
// through the controller's message pair (same validation path as the real panel), against the
// sandbox's EC2 emulator and PlanetScale stand-in through the real SDK and settings. This file:
// opening the form, and what it refuses or stops before creating anything; creating is in
// createEndpointApply.test.ts, the set-up in createEndpointFixture.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { readCreatedEndpoints } from '../../../../src/webviews/createEndpoint/createdEndpoints';
import { CREATE_ENDPOINT_VIEW_TYPE } from '../../../../src/webviews/protocol/createEndpointProtocol';
import { control } from '../../support/sandboxInfo';
import { Commands } from '../../../../src/commands/commandIds';
import { type Reply, scriptedUi } from './createEndpointScripted';
import { SERVICE, SG_NAME, api, formFor, groupsNamed, info, liveEndpoints, openForm, start, useCreateEndpointFixture } from './createEndpointFixture';

describe('Create Endpoint form host against the sandbox', function () {
  useCreateEndpointFixture(this);


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
});
