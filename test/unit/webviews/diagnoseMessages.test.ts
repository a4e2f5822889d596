// The Diagnose panel's messages are untrusted input: only the protocol's shapes pass, rebuilt from
// the known fields; everything else is refused with a reason that names the field.
import assert from 'node:assert/strict';
import { parseDiagnoseMessage } from '../../../src/webviews/protocol/diagnoseMessages';

describe('Diagnose panel message validation', () => {
  it('accepts each message type and drops fields the protocol does not declare', () => {
    assert.deepEqual(parseDiagnoseMessage({ type: 'ready', extra: 1 }), { ok: true, message: { type: 'ready' } });
    assert.deepEqual(parseDiagnoseMessage({ type: 'applyFix', requestId: 3, checkId: 'securityGroups', operations: [{ action: 'x' }] }), {
      ok: true,
      message: { type: 'applyFix', requestId: 3, checkId: 'securityGroups' },
    });
    assert.deepEqual(parseDiagnoseMessage({ type: 'copyFix', requestId: 1, checkId: 'networkAcls' }), { ok: true, message: { type: 'copyFix', requestId: 1, checkId: 'networkAcls' } });
    for (const action of ['rerun', 'cancel', 'copyReport', 'changeClient', 'changeInputs', 'runReachability', 'showLog']) {
      assert.deepEqual(parseDiagnoseMessage({ type: 'action', requestId: 9, action }), { ok: true, message: { type: 'action', requestId: 9, action } });
    }
  });

  it('refuses unknown types and non-objects, keeping a usable request id for the answer', () => {
    assert.deepEqual(parseDiagnoseMessage('ready'), { ok: false, reason: 'a message must be an object, got a string' });
    assert.deepEqual(parseDiagnoseMessage(null), { ok: false, reason: 'a message must be an object, got null' });
    assert.deepEqual(parseDiagnoseMessage({ type: 'deleteVpc', requestId: 4 }), { ok: false, reason: 'unknown message type "deleteVpc"', requestId: 4 });
    assert.deepEqual(parseDiagnoseMessage({ type: '__proto__' }), { ok: false, reason: 'unknown message type "__proto__"', requestId: undefined });
    assert.deepEqual(parseDiagnoseMessage({ type: 7 }), { ok: false, reason: 'unknown message type a number', requestId: undefined });
  });

  it('refuses a check id or action outside the protocol, naming the field', () => {
    const bad = parseDiagnoseMessage({ type: 'applyFix', requestId: 2, checkId: 'everything' });
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.reason : '', /^applyFix: checkId must be one of endpointState, vpcDns, .*reachabilityAnalyzer, got a string$/);
    assert.equal(!bad.ok ? bad.requestId : 0, 2);
    const action = parseDiagnoseMessage({ type: 'action', requestId: 5, action: 'rm -rf' });
    assert.match(!action.ok ? action.reason : '', /^action: action must be one of rerun, cancel, copyReport, changeClient, changeInputs, runReachability, showLog/);
  });

  it('refuses missing or malformed request ids', () => {
    for (const requestId of [undefined, 0, -1, 1.5, '1', Number.MAX_SAFE_INTEGER + 2]) {
      const parsed = parseDiagnoseMessage({ type: 'copyFix', requestId, checkId: 'vpcDns' });
      assert.equal(parsed.ok, false, String(requestId));
      assert.match(!parsed.ok ? parsed.reason : '', /^copyFix: requestId must be a positive integer/);
    }
  });
});
