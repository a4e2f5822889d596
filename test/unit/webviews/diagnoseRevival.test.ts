// The state the Diagnose page saves (vscode.setState) as the extension reads it back after a window
// reload: what the page really saves comes through; junk, oversize or foreign fields do not.
import assert from 'node:assert/strict';
import { revivedView, targetOfView } from '../../../src/commands/diagnose/resultFreshness';
import type { DiagnoseView } from '../../../src/webviews/protocol/diagnoseProtocol';
import { parseRevivedDiagnoseState } from '../../../src/webviews/protocol/diagnoseRevival';

function diagnoseView(): DiagnoseView {
  return {
    target: { endpointId: 'vpce-0abc', region: 'us-east-1', profile: 'sandbox', vpcId: 'vpc-0def', branch: 'acme/orders/main', privateHost: 'orders.private.example' },
    client: ['security group sg-0aa (app-servers)'],
    vantage: 'as seen from i-0123456789abcdef0 (app-instance) in subnet-0aa',
    phase: 'done',
    checks: [
      { id: 'endpointState', title: 'Endpoint state', status: 'pass', summary: 'available', evidence: ['State: available'] },
      {
        id: 'securityGroups',
        title: 'Security groups',
        status: 'fail',
        summary: '6432 not allowed',
        evidence: ['sg-0bb allows 5432 only'],
        fix: { description: 'Allow 6432', cliCommand: 'aws ec2 authorize-security-group-ingress …', applicable: true, changes: ['Security group sg-0bb: add inbound TCP 6432 from sg-0aa'] },
      },
    ],
    overall: 'fail',
    startedAt: '2026-12-04T18:00:00.000Z',
    durationMs: 1234,
    loginChecked: true,
    applying: 'securityGroups',
    notice: 'Applying…',
  };
}

describe('Diagnose panel state restored after a reload', () => {
  it('reads back what the page saved, known fields only, with no fix left applicable', () => {
    const saved = { view: { ...diagnoseView(), extra: 'dropped' }, nextRequestId: 7 };
    const view = parseRevivedDiagnoseState(JSON.parse(JSON.stringify(saved)));
    assert.ok(view);
    assert.equal((view as unknown as Record<string, unknown>).extra, undefined);
    assert.equal(view.checks.length, 2);
    assert.equal(view.checks[1].fix?.applicable, false, 'a restored view has no result to apply a fix from');
    assert.equal(view.vantage, 'as seen from i-0123456789abcdef0 (app-instance) in subnet-0aa', 'the vantage it was measured from comes back');
    const beforeVantages: Partial<DiagnoseView> = diagnoseView();
    delete beforeVantages.vantage;
    assert.match(parseRevivedDiagnoseState({ view: beforeVantages })?.vantage ?? '', /^this machine/, 'a page saved before instance vantages measured from this machine');
    assert.equal(view.applying, undefined);
    assert.equal(view.target.branch, 'acme/orders/main');
  });

  it('refuses states that are not a saved view', () => {
    assert.equal(parseRevivedDiagnoseState(undefined), undefined);
    assert.equal(parseRevivedDiagnoseState({ nextRequestId: 1 }), undefined);
    assert.equal(parseRevivedDiagnoseState('view'), undefined);
    const bad = (patch: (v: Record<string, unknown>) => void) => {
      const view = JSON.parse(JSON.stringify(diagnoseView())) as Record<string, unknown>;
      patch(view);
      return parseRevivedDiagnoseState({ view });
    };
    assert.equal(bad((v) => ((v.target as Record<string, unknown>).endpointId = 'not-an-endpoint')), undefined);
    assert.equal(bad((v) => (v.phase = 'exploded')), undefined);
    assert.equal(bad((v) => ((v.checks as unknown[]).push(...Array(10).fill((v.checks as unknown[])[0])))), undefined);
    assert.equal(bad((v) => (((v.checks as Array<Record<string, unknown>>)[0]).summary = 'x'.repeat(10_000))), undefined);
    assert.equal(bad((v) => (v.client = 'one')), undefined);
  });

  it('shows a restored view as from before the reload, with nothing in progress, and names its endpoint again', () => {
    const view = revivedView({ ...diagnoseView(), phase: 'running' });
    assert.deepEqual(view.stale, { reason: 'reload' });
    assert.equal(view.phase, 'cancelled');
    assert.equal(view.applying, undefined);
    assert.equal(view.notice, undefined);
    assert.deepEqual(targetOfView(view.target), {
      endpointId: 'vpce-0abc',
      region: 'us-east-1',
      profile: 'sandbox',
      vpcId: 'vpc-0def',
      privateHost: 'orders.private.example',
      branch: { organization: 'acme', database: 'orders', branch: 'main' },
    });
    assert.equal(targetOfView({ endpointId: 'vpce-0abc', region: 'us-east-1', profile: 'p' }), undefined, 'no VPC, no rules to check');
  });
});
