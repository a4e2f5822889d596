// What the serializers do after a window reload, inside the real editor against the sandbox: the
// state a page saved (as the pages write it) is given to the panels' revive, as VS Code's
// deserializeWebviewPanel does. The Create form's host comes back with the origin, profile, region
// and values, and the last run as it is now (the endpoint and its state, or an interrupted run
// that Resume finishes); the Diagnose panel with its results marked as from before the reload.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DeleteSecurityGroupCommand, DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { createDiagnoseService } from '../../../../src/commands/diagnose';
import { createEndpointController } from '../../../../src/webviews/createEndpoint/createEndpointPanel';
import { readCreationsInProgress, recordCreation } from '../../../../src/webviews/createEndpoint/creationInProgress';
import { DiagnosePanels } from '../../../../src/webviews/diagnose/diagnosePanel';
import { CREATE_ENDPOINT_VIEW_TYPE, type HostSnapshot, type HostToWebviewMessage } from '../../../../src/webviews/protocol/createEndpointProtocol';
import { parseRevivedCreateState } from '../../../../src/webviews/protocol/createEndpointRevival';
import { DIAGNOSE_VIEW_TYPE, type DiagnoseView } from '../../../../src/webviews/protocol/diagnoseProtocol';
import { eventually } from '../../../harness/eventually';
import { extensionApi, type ExtensionApi } from '../../support/api';
import { extensionUnderTest } from '../../support/extension';
import { control, sandboxInfo } from '../../support/sandboxInfo';
import { US_EAST_SERVICE, createAppEndpoint, testEc2 } from '../../support/sandboxEc2';
import { ScriptedPage, quietDiagnoseUi } from '../../support/scriptedPage';

const FINGERPRINT = 'pspl-00000000deadbeef00000000feedface';

describe('panels restored after a window reload', function () {
  this.timeout(120_000);
  const info = sandboxInfo();
  const ec2 = testEc2();
  let api: ExtensionApi;
  let endpointId = '';
  let securityGroupId = '';
  let vpcId = '';

  /** The Create page's saved state, as media/src/createEndpoint writes it. */
  function savedForm(run: Record<string, unknown>) {
    return JSON.parse(JSON.stringify({
      values: { serviceName: US_EAST_SERVICE, vpcId, subnetByAz: {}, sgMode: 'create', groupName: 'PScalePrivateLinkEndpointSG', sourceKind: 'cidrs', sourceGroupIds: [], cidrsText: '', existingGroupId: '', privateDns: true, nameTag: 'restored-form' },
      snapshot: { profile: info.awsProfile, region: 'us-east-1', profiles: [info.awsProfile], regions: ['us-east-1'], origin: { kind: 'palette' }, prefill: {} },
      touched: ['serviceName'],
      showAll: false,
      nextRequestId: 9,
      pending: {},
      hostIssues: [],
      run,
    })) as unknown;
  }

  /** A host restored from `state`, asked for its snapshot as the reloaded page does with `ready`. */
  async function restoredForm(state: unknown) {
    const revived = parseRevivedCreateState(state);
    assert.ok(revived, 'the saved state reads');
    const page = new ScriptedPage<HostToWebviewMessage>();
    const controller = createEndpointController(api.services, revived.target, page, undefined, revived);
    page.send({ type: 'ready' });
    await controller.settled();
    const snapshot = (): HostSnapshot | undefined => page.last('snapshot')?.state;
    return { page, controller, snapshot };
  }

  before(async () => {
    api = await extensionApi();
    await control('/endpoint-delay', { ms: 300 });
    ({ endpointId, securityGroupId, vpcId } = await createAppEndpoint({ groupName: 'PScaleReviveTestSG' }));
    await eventually(async () => {
      const out = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
      return String(out.VpcEndpoints?.[0]?.State).toLowerCase() === 'available' ? true : undefined;
    }, `${endpointId} available`);
  });

  after(async () => {
    await control('/endpoint-delay', { ms: 4000 });
    if (!securityGroupId) return;
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] })).catch(() => undefined);
    await eventually(async () => {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: securityGroupId }));
      return true;
    }, `deleting ${securityGroupId}`, 60_000);
  });

  it('declares an onWebviewPanel activation event for both panels', () => {
    const events = (extensionUnderTest().packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(events.includes(`onWebviewPanel:${CREATE_ENDPOINT_VIEW_TYPE}`), events.join(', '));
    assert.ok(events.includes(`onWebviewPanel:${DIAGNOSE_VIEW_TYPE}`), events.join(', '));
  });

  it('Create form: comes back with its profile, region and values, and the endpoint its run made, with its state now', async () => {
    const { page, controller, snapshot } = await restoredForm(savedForm({ requestId: 4, fingerprint: FINGERPRINT, endpointId }));
    try {
      const s = snapshot();
      assert.ok(s, 'the host answered ready with a snapshot');
      assert.equal(s.profile, info.awsProfile);
      assert.equal(s.region, 'us-east-1');
      assert.deepEqual(s.prefill, { serviceName: US_EAST_SERVICE, vpcId, nameTag: 'restored-form' });
      assert.ok(s.vpcs?.some((v) => v.id === vpcId), 'the VPC list is loaded again, with the VPC chosen before');
      assert.equal(s.run?.requestId, 4);
      assert.equal(s.run?.phase, 'finished');
      const outcome = s.run?.outcome;
      assert.ok(outcome?.kind === 'revived', JSON.stringify(outcome));
      assert.equal(outcome.interrupted, false);
      assert.equal(outcome.endpointId, endpointId);
      assert.equal(outcome.state, 'available', 'the state is read from EC2 now, not from the page');
    } finally {
      controller.dispose();
      page.dispose();
    }
  });

  it('Create form: a run interrupted by the reload offers Resume, which runs the resume flow and clears it', async () => {
    await recordCreation(api.services.store, {
      fingerprint: FINGERPRINT,
      profile: info.awsProfile,
      region: 'us-east-1',
      vpcId,
      serviceName: US_EAST_SERVICE,
      groupName: 'PScaleNeverCreatedSG',
      privateDnsAfterAcceptance: false,
      startedAt: new Date().toISOString(),
    });
    const { page, controller, snapshot } = await restoredForm(savedForm({ requestId: 6, fingerprint: FINGERPRINT }));
    try {
      const outcome = snapshot()?.run?.outcome;
      assert.ok(outcome?.kind === 'revived' && outcome.interrupted, JSON.stringify(outcome));
      assert.equal(outcome.endpointId, undefined, 'nothing was made yet');
      // Resume, as the page's button asks: nothing carries the run's tag, so the record is ended.
      const requestId = page.post({ type: 'runAction', action: 'resumeCreation' });
      await controller.settled();
      const answer = page.received.find((m) => m.type === 'actionDone' && m.requestId === requestId);
      assert.ok(answer && answer.type === 'actionDone' && answer.ok, JSON.stringify(answer));
      assert.equal(readCreationsInProgress(api.services.store).some((r) => r.fingerprint === FINGERPRINT), false);
      const after = snapshot()?.run?.outcome;
      assert.ok(after?.kind === 'revived' && !after.interrupted, JSON.stringify(after));
    } finally {
      controller.dispose();
      page.dispose();
    }
  });

  it('Diagnose panel: a real panel restored with a saved view shows it as from before the reload, no fix applicable', async () => {
    const service = createDiagnoseService(api.services, { awsTree: api.awsExplorer, watcher: api.endpointWatcher }, quietDiagnoseUi());
    const panels = new DiagnosePanels(api.services, service);
    const panel = vscode.window.createWebviewPanel(DIAGNOSE_VIEW_TYPE, 'Diagnose Private Connection', vscode.ViewColumn.Active, {});
    const saved: { view: DiagnoseView; nextRequestId: number } = {
      view: {
        target: { endpointId, region: 'us-east-1', profile: info.awsProfile, vpcId },
        client: ['security group sg-0aa (app-servers)'],
        vantage: 'this machine (DNS answers and connections measured here)',
        phase: 'done',
        checks: [
          { id: 'endpointState', title: 'Endpoint state', status: 'pass', summary: 'available', evidence: [] },
          { id: 'securityGroups', title: 'Security groups', status: 'fail', summary: 'no 6432', evidence: ['…'], fix: { description: 'Allow 6432', cliCommand: 'aws ec2 …', applicable: true, changes: [] } },
        ],
        overall: 'fail',
        loginChecked: false,
      },
      nextRequestId: 3,
    };
    try {
      panels.revive(panel, JSON.parse(JSON.stringify(saved)));
      assert.equal(panels.panel, panel, 'the restored panel is the one the results show in');
      assert.match(panel.webview.html, /diagnose\.js/);
      assert.match(panel.webview.html, /Content-Security-Policy/);
      const view = service.view;
      assert.ok(view);
      assert.deepEqual(view.stale, { reason: 'reload' });
      assert.deepEqual(view.checks.map((c) => [c.id, c.status]), [['endpointState', 'pass'], ['securityGroups', 'fail']]);
      assert.equal(view.checks[1].fix?.applicable, false);
    } finally {
      panels.dispose();
      service.dispose();
    }

    // A state that does not read leaves the panel waiting for a new diagnosis, not broken.
    const service2 = createDiagnoseService(api.services, { awsTree: api.awsExplorer }, quietDiagnoseUi());
    const panels2 = new DiagnosePanels(api.services, service2);
    const panel2 = vscode.window.createWebviewPanel(DIAGNOSE_VIEW_TYPE, 'Diagnose Private Connection', vscode.ViewColumn.Active, {});
    try {
      panels2.revive(panel2, { view: { target: { endpointId: '<script>' } } });
      assert.equal(service2.view, undefined);
      assert.equal(panels2.panel, panel2);
    } finally {
      panels2.dispose();
      service2.dispose();
    }
  });
});
