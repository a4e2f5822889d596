import assert from 'node:assert/strict';
import { suggestedNameTag, targetFromArgument } from '../../../src/webviews/createEndpoint/openTarget';

const branch = {
  kind: 'branch',
  organization: 'acme',
  database: 'orders',
  branch: 'main',
  production: true,
  region: 'us-east-1',
  serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001',
  privateHost: 'abc.private-pg.psdb.cloud',
};

describe('Create Endpoint command argument', () => {
  it('opens empty from the palette or for anything it does not know', () => {
    for (const arg of [undefined, null, 'vpc-123', 42, {}, { kind: 'endpoint', endpoint: {} }, { payload: 'x' }, { kind: 'vpc' }, { kind: 'branch', organization: 'acme' }]) {
      assert.deepEqual(targetFromArgument(arg), { kind: 'palette' }, JSON.stringify(arg));
    }
  });

  it('takes a VPC payload directly or from a tree node', () => {
    const payload = { kind: 'vpc', profile: 'dev', region: 'eu-west-1', vpcId: 'vpc-0123', cidrBlock: '10.0.0.0/16' };
    const expected = { kind: 'vpc', vpcId: 'vpc-0123', profile: 'dev', region: 'eu-west-1' };
    assert.deepEqual(targetFromArgument(payload), expected);
    assert.deepEqual(targetFromArgument({ id: 'vpc/x', payload }), expected);
  });

  it('takes a branch payload with or without its private info', () => {
    assert.deepEqual(targetFromArgument({ payload: branch }), {
      kind: 'branch',
      organization: 'acme',
      database: 'orders',
      branch: 'main',
      region: 'us-east-1',
      serviceName: branch.serviceName,
      privateHost: branch.privateHost,
    });
    assert.deepEqual(targetFromArgument({ kind: 'branch', organization: 'acme', database: 'orders', branch: 'dev', serviceName: '  ' }), {
      kind: 'branch',
      organization: 'acme',
      database: 'orders',
      branch: 'dev',
    });
  });

  it('suggests a Name tag from the branch', () => {
    assert.equal(suggestedNameTag(targetFromArgument(branch)), 'planetscale-orders-main');
    assert.equal(suggestedNameTag({ kind: 'palette' }), 'planetscale-privatelink');
  });
});
