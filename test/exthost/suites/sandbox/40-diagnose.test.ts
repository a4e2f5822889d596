// Diagnose inside the real editor, against the sandbox, through the user's settings: the healthy
// endpoint's view and report, Reachability Analyzer, Stop, and what the panel refuses. The set-up
// (an endpoint in app-vpc, a fresh service and page per test) is diagnoseFixture.ts; the faults are
// 41-diagnoseFaults, the questions Diagnose asks 42-diagnoseInputs.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import type { DiagnoseResult } from '../../../../src/diagnose/diagnoseTypes';
import { DIAGNOSE_VIEW_TYPE, type DiagnoseHostMessage } from '../../../../src/webviews/protocol/diagnoseProtocol';
import { control } from '../../support/sandboxInfo';
import { eventually } from '../../../harness/eventually';
import {
  ALL, api, appSgId, assertOnly, checkOf, controller, diagnose, ec2, endpointId, endpointSgId, info, page, password, privateHost, request, service, ui, useDiagnoseFixture, vpcId,
} from './diagnoseFixture';

describe('Diagnose against the sandbox', function () {
  useDiagnoseFixture(this);

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
