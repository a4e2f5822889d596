import assert from 'node:assert/strict';
import { AwsSettingsError } from '../../../src/aws/awsErrors';
import { createAwsClients } from '../../../src/aws/awsClients';
import { isLoopbackHost, plainHttpProblem } from '../../../src/connection/loopbackHost';
import { PlanetScaleClient } from '../../../src/planetscale/planetscaleClient';

describe('plain http only to loopback', () => {
  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.10.1.5', '[::1]', '::1', '0:0:0:0:0:0:0:1', 'localhost', 'api.localhost', '::ffff:127.0.0.1', 'LOCALHOST.']) {
      assert.ok(isLoopbackHost(host), host);
    }
    for (const host of ['10.0.0.1', '192.168.1.1', '128.0.0.1', 'example.com', 'localhost.example.com', '127.0.0.1.nip.io', '::ffff:10.0.0.1', '::2']) {
      assert.ok(!isLoopbackHost(host), host);
    }
  });

  it('refuses http:// to any other host, naming the setting and the fix', () => {
    const problem = plainHttpProblem(new URL('http://ec2.example.com:8080/'), 'planetscalePrivateLink.aws.endpointUrl');
    assert.match(problem!, /planetscalePrivateLink\.aws\.endpointUrl uses plain http:\/\/ to ec2\.example\.com:8080/);
    assert.match(problem!, /Use https:\/\/ec2\.example\.com:8080/);
    assert.equal(plainHttpProblem(new URL('https://ec2.example.com'), 's'), undefined);
    assert.equal(plainHttpProblem(new URL('http://127.0.0.1:4566'), 's'), undefined);
  });

  it('the AWS clients refuse a plain-http endpoint URL that is not loopback', () => {
    assert.throws(() => createAwsClients({ profile: 'p', region: 'us-east-1', endpointUrl: 'http://10.0.0.5:4566' }), (e: unknown) => {
      assert.ok(e instanceof AwsSettingsError);
      assert.equal(e.setting, 'endpointUrl');
      assert.match(e.message, /plain http:\/\/ to 10\.0\.0\.5:4566/);
      return true;
    });
    assert.doesNotThrow(() => createAwsClients({ profile: 'p', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' }));
  });

  it('the PlanetScale client refuses a plain-http API URL that is not loopback', () => {
    assert.throws(() => new PlanetScaleClient({ baseUrl: 'http://api.planetscale.com/v1', tokenId: 'id', token: 't' }), /planetscale\.apiUrl uses plain http:\/\/ to api\.planetscale\.com/);
    assert.doesNotThrow(() => new PlanetScaleClient({ baseUrl: 'http://[::1]:4010/v1', tokenId: 'id', token: 't' }));
  });
});
