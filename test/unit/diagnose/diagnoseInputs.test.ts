import assert from 'node:assert/strict';
import { privateHostProblem, reachabilitySourceProblem, userNameProblem } from '../../../src/diagnose/diagnoseInputs';
import { runRequest } from '../../../src/diagnose/runRequest';

describe('diagnose inputs', () => {
  it('a login user: any name without spaces, at most 256 characters, each problem naming the field', () => {
    assert.equal(userNameProblem('pscale_api_abc123'), undefined);
    assert.equal(userNameProblem(''), undefined, 'empty skips the login check');
    assert.equal(userNameProblem('two words'), 'User name: no spaces.');
    assert.equal(userNameProblem('x'.repeat(257)), 'User name: at most 256 characters.');
  });

  it('a Private Host must be a DNS name', () => {
    assert.equal(privateHostProblem(' abc123.private-pg.psdb.cloud '), undefined);
    for (const bad of ['abc123', 'http://abc.psdb.cloud', '10.0.0.1', 'a..b.cloud', '']) {
      assert.equal(privateHostProblem(bad), 'Private Host: a DNS name such as abc123.private-pg.psdb.cloud.', bad);
    }
  });

  it('a Reachability Analyzer source is an interface or instance id', () => {
    assert.equal(reachabilitySourceProblem('eni-0123456789abcdef0'), undefined);
    assert.equal(reachabilitySourceProblem('i-0123abcd'), undefined);
    for (const bad of ['sg-0123456789abcdef0', 'eni-xyz', 'i-0123']) {
      assert.match(reachabilitySourceProblem(bad) ?? '', /^Source: give a network interface id/, bad);
    }
  });
});

describe('diagnose run request', () => {
  const signal = new AbortController().signal;
  const onCheck = () => undefined;
  const target = { profile: 'dev', region: 'us-east-1', endpointId: 'vpce-0123456789abcdef0' };

  it('a client that is this machine is diagnosed from its current addresses', () => {
    const request = runRequest({ target, client: { kind: 'thisMachine' }, machine: ['10.1.2.3/32'], signal, onCheck });
    assert.deepEqual(request.client, { cidrs: ['10.1.2.3/32'] });
    assert.equal(request.privateHost, undefined);
    assert.equal(request.reachability, undefined);
    assert.equal('credentials' in request, false);
  });

  it('passes the host, login, Reachability source and CLI settings through', () => {
    const credentials = { username: 'u', password: 'p', database: 'postgres' };
    const request = runRequest({
      target: { ...target, privateHost: 'abc.private-pg.psdb.cloud' },
      client: { kind: 'securityGroups', securityGroups: [{ id: 'sg-0123456789abcdef0', name: 'app' }] },
      machine: [],
      credentials,
      reachabilitySourceId: 'eni-0123456789abcdef0',
      endpointUrl: 'http://127.0.0.1:4566',
      signal,
      onCheck,
    });
    assert.deepEqual(request.client, { securityGroupIds: ['sg-0123456789abcdef0'] });
    assert.equal(request.privateHost, 'abc.private-pg.psdb.cloud');
    assert.deepEqual(request.credentials, credentials);
    assert.deepEqual(request.reachability, { sourceId: 'eni-0123456789abcdef0' });
    assert.equal(request.profile, 'dev');
    assert.equal(request.endpointUrl, 'http://127.0.0.1:4566');
    assert.equal(request.signal, signal);
  });
});
