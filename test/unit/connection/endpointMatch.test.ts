// Which endpoint answered for a branch's Private Host: only interfaces of an available endpoint
// of the branch's own Private Service Name count.
import assert from 'node:assert/strict';
import { checkAnswersServeBranch, describeAnswer, servingEndpoints } from '../../../src/connection/endpointMatch';
import type { Evidence, KnownEndpoint } from '../../../src/connection/verifyTypes';

const US = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';
const EU = 'com.amazonaws.vpce.eu-west-1.vpce-svc-0f1e2d3c4b5a60002';
const usEndpoint: KnownEndpoint = { id: 'vpce-us', serviceName: US, state: 'available', ips: ['127.10.1.4', '127.10.2.4'], location: 'us-east-1, vpc-app' };
const euPending: KnownEndpoint = { id: 'vpce-eu', serviceName: EU, state: 'pending', ips: [] };
const host = 'abc.private-pg.psdb.cloud';

describe('endpointMatch', () => {
  it('serves a branch only through available endpoints of its own service', () => {
    assert.deepEqual(servingEndpoints(US, [usEndpoint, euPending]).map((e) => e.id), ['vpce-us']);
    assert.deepEqual(servingEndpoints(EU, [usEndpoint, euPending]), []);
  });

  it('passes answers that are all interfaces of a serving endpoint', () => {
    const evidence: Evidence = {};
    assert.equal(checkAnswersServeBranch(host, ['127.10.1.4'], US, [usEndpoint], evidence), undefined);
    assert.deepEqual(evidence.servingEndpoints, ['vpce-us']);
  });

  it('fails answers of another region\'s endpoint, naming it and offering Create Endpoint', () => {
    const outcome = checkAnswersServeBranch(host, ['127.10.1.4', '127.10.2.4'], EU, [usEndpoint, euPending], {});
    assert.equal(outcome?.status, 'fail');
    assert.equal(outcome?.remedy, 'createEndpoint');
    assert.match(outcome!.detail, /127\.10\.1\.4 \(vpce-us of another service, com\.amazonaws\.vpce\.us-east-1\.[^,]+, us-east-1, vpc-app\)/);
    assert.match(outcome!.detail, new RegExp(`no available endpoint of the branch's service ${EU.replace(/\./g, '\\.')} is known`));
    assert.match(outcome!.fix!, new RegExp(`Create an interface endpoint for ${EU.replace(/\./g, '\\.')}`));
  });

  it('fails an answer that belongs to no known endpoint, even when the branch has a serving endpoint', () => {
    const outcome = checkAnswersServeBranch(host, ['127.10.1.4', '127.99.0.1'], US, [usEndpoint], {});
    assert.equal(outcome?.status, 'fail');
    assert.match(outcome!.detail, /127\.99\.0\.1 \(no known endpoint\)/);
    assert.match(outcome!.detail, /but the interfaces of vpce-us \(com\.amazonaws/);
  });

  it('says when the endpoint that answered is its own service\'s but not available', () => {
    assert.equal(describeAnswer('127.10.1.4', US, [{ ...usEndpoint, state: 'deleting' }]), '127.10.1.4 (vpce-us of this branch\'s service, us-east-1, vpc-app, deleting)');
  });
});
