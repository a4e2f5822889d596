// The state the Create Endpoint page saves (vscode.setState) as the extension reads it back after a
// window reload: what the page really saves comes through; ids not in their form do not.
import assert from 'node:assert/strict';
import { parseRevivedCreateState } from '../../../src/webviews/protocol/createEndpointRevival';
import { initialPageState, restorePageState } from '../../../media/src/createEndpoint/pageState';

const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';
const FINGERPRINT = 'pspl-0123456789abcdef0123456789abcdef';

describe('Create Endpoint form state restored after a reload', () => {
  function saved(patch: Record<string, unknown> = {}) {
    const state = initialPageState();
    state.values = { ...state.values, serviceName: ` ${SERVICE} `, vpcId: 'vpc-0aaa1', nameTag: 'my-endpoint', cidrsText: '127.10.0.0/16' };
    return JSON.parse(JSON.stringify({
      ...state,
      snapshot: { profile: 'sandbox', region: 'us-east-1', profiles: ['sandbox'], regions: ['us-east-1'], origin: { kind: 'branch', organization: 'acme', database: 'orders', branch: 'main', privateHost: 'orders.private.example' }, prefill: {} },
      run: { requestId: 4, fingerprint: FINGERPRINT, endpointId: 'vpce-0123abc' },
      ...patch,
    })) as unknown;
  }

  it('gives the host the origin, profile, region, the values it prefills and the last run', () => {
    const revived = parseRevivedCreateState(saved());
    assert.deepEqual(revived, {
      target: { kind: 'branch', organization: 'acme', database: 'orders', branch: 'main', region: 'us-east-1', serviceName: SERVICE, privateHost: 'orders.private.example' },
      profile: 'sandbox',
      region: 'us-east-1',
      prefill: { serviceName: SERVICE, vpcId: 'vpc-0aaa1', nameTag: 'my-endpoint' },
      run: { requestId: 4, fingerprint: FINGERPRINT, endpointId: 'vpce-0123abc' },
    });
  });

  it('a form never started has no run, and one opened from the palette stays a palette form', () => {
    const revived = parseRevivedCreateState(saved({ run: undefined, snapshot: { origin: { kind: 'palette' } } }));
    assert.deepEqual(revived?.target, { kind: 'palette' });
    assert.equal(revived?.run, undefined);
    assert.equal(parseRevivedCreateState(saved({ snapshot: undefined }))?.target.kind, 'palette');
  });

  it('refuses ids not in their form, oversize values, and states without values', () => {
    assert.equal(parseRevivedCreateState(undefined), undefined);
    assert.equal(parseRevivedCreateState({ snapshot: {} }), undefined);
    assert.equal(parseRevivedCreateState(saved({ run: { requestId: 4, endpointId: 'vpce-0; rm -rf /' } })), undefined);
    assert.equal(parseRevivedCreateState(saved({ run: { requestId: -1 } })), undefined);
    assert.equal(parseRevivedCreateState(saved({ run: { requestId: 1, fingerprint: 'other' } })), undefined);
    assert.equal(parseRevivedCreateState(saved({ values: { serviceName: 'x'.repeat(600) } })), undefined);
    assert.equal(parseRevivedCreateState(saved({ values: { vpcId: 'subnet-0abc' } })), undefined);
    assert.equal(parseRevivedCreateState(saved({ snapshot: { origin: { kind: 'branch', organization: 'acme', database: '../x', branch: 'main' } } })), undefined);
    assert.equal(parseRevivedCreateState(saved({ snapshot: { region: 'mars-1' } })), undefined);
  });

  it('the page loaded again asks again: of its requests only a running create stays pending, and it keeps its run', () => {
    const state = restorePageState({ ...initialPageState(), pending: { vpc: 3, plan: 4, create: 5 }, run: { requestId: 5, fingerprint: FINGERPRINT } });
    assert.deepEqual(state.pending, { create: 5 });
    assert.deepEqual(state.run, { requestId: 5, fingerprint: FINGERPRINT });
    assert.equal(restorePageState({ ...initialPageState(), run: { requestId: 'x' } as never }).run, undefined);
  });
});
