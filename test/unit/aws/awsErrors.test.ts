import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { createAwsClients } from '../../../src/aws/awsClients';
import { annotateOperation, classifyAwsError, EndpointServiceNotFoundError, ProfileFileError, redactAwsText } from '../../../src/aws/awsErrors';

/** A service error shaped as the SDK's query-protocol deserializer builds it. */
function ec2Error(code: string, message: string, httpStatusCode = 400): EC2ServiceException {
  const err = new EC2ServiceException({ name: code, $fault: 'client', $metadata: { httpStatusCode, requestId: 'r-1' }, message });
  Object.assign(err, { Code: code });
  return err;
}

const ENCODED = 'Encoded authorization failure message: 4pk1Q8nM0J3ZfVtXw2Rk-EXAMPLE-LONG-OPAQUE-BLOB-aaaaaaaaaaaaaaaaaaaaaaaaaaaa';

describe('aws/awsErrors classifyAwsError', () => {
  it('names the IAM action of UnauthorizedOperation from the annotated operation and hides the encoded message', () => {
    const err = ec2Error('UnauthorizedOperation', `You are not authorized to perform this operation. ${ENCODED}`, 403);
    annotateOperation(err, 'ec2', 'DescribeVpcEndpoints');
    const c = classifyAwsError(err, { profile: 'dev', region: 'us-east-1' });
    assert.equal(c.kind, 'accessDenied');
    assert.equal(c.iamAction, 'ec2:DescribeVpcEndpoints');
    assert.equal(c.code, 'UnauthorizedOperation');
    assert.match(c.message, /ec2:DescribeVpcEndpoints/);
    assert.match(c.message, /profile "dev"/);
    assert.ok(!c.message.includes('4pk1Q8nM0J3'));
  });

  it('reads the IAM action from the message or the caller when not annotated', () => {
    const fromMessage = ec2Error('UnauthorizedOperation', 'User: arn:aws:iam::123456789012:user/x is not authorized to perform: ec2:CreateVpcEndpoint on resource', 403);
    assert.equal(classifyAwsError(fromMessage).iamAction, 'ec2:CreateVpcEndpoint');
    const fromContext = ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
    assert.equal(classifyAwsError(fromContext, { operation: 'DescribeSubnets' }).iamAction, 'ec2:DescribeSubnets');
    assert.equal(classifyAwsError(ec2Error('AccessDenied', 'denied', 403), { operation: 'sts:GetCallerIdentity' }).iamAction, 'sts:GetCallerIdentity');
  });

  it('classifies credential and token failures with an action', () => {
    const auth = classifyAwsError(ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials', 401), { profile: 'p' });
    assert.equal(auth.kind, 'noCredentials');
    assert.equal(auth.action?.kind, 'pickProfile');
    for (const code of ['ExpiredToken', 'ExpiredTokenException']) {
      const c = classifyAwsError(ec2Error(code, 'The security token included in the request is expired'), { profile: 'p' });
      assert.equal(c.kind, 'expiredToken');
      assert.equal(c.action?.kind, 'retry');
    }
  });

  it('classifies throttling, including the SDK retry flag', () => {
    assert.equal(classifyAwsError(ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503)).kind, 'throttled');
    assert.equal(classifyAwsError(ec2Error('Throttling', 'Rate exceeded')).kind, 'throttled');
    const flagged = ec2Error('SomethingNew', 'slow down');
    Object.assign(flagged, { $retryable: { throttling: true } });
    assert.equal(classifyAwsError(flagged).kind, 'throttled');
  });

  it('classifies socket errors, also when nested, and timeouts', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const c = classifyAwsError(refused, { endpointUrl: 'http://127.0.0.1:9' });
    assert.equal(c.kind, 'network');
    assert.equal(c.code, 'ECONNREFUSED');
    assert.equal(c.action?.kind, 'openSettings');
    assert.match(c.message, /127\.0\.0\.1:9.*refused/);
    const nested = new AggregateError([Object.assign(new Error('x'), { code: 'ENOTFOUND' })], 'failed');
    assert.equal(classifyAwsError(nested).kind, 'network');
    assert.equal(classifyAwsError(Object.assign(new Error('x'), { code: 'ETIMEDOUT' })).kind, 'network');
    const timeout = new Error('Connection timed out after 1000 ms');
    timeout.name = 'TimeoutError';
    const t = classifyAwsError(timeout);
    assert.equal(t.kind, 'network');
    assert.equal(t.action?.kind, 'retry');
  });

  it('classifies the EC2 codes of the creation flow', () => {
    assert.equal(classifyAwsError(ec2Error('InvalidVpcID.NotFound', "The vpc ID 'vpc-1' does not exist")).kind, 'notFound');
    assert.equal(classifyAwsError(ec2Error('InvalidServiceName', "The Vpc Endpoint Service 'x' does not exist"), { region: 'us-east-1' }).kind, 'notFound');
    assert.equal(classifyAwsError(new EndpointServiceNotFoundError('com.amazonaws.vpce.us-east-1.vpce-svc-x', 'us-east-1')).kind, 'notFound');
    for (const code of ['InvalidParameter', 'DuplicateSubnetsInSameZone', 'InvalidGroup.Duplicate', 'InvalidPermission.Duplicate', 'DependencyViolation']) {
      const c = classifyAwsError(ec2Error(code, 'details from EC2'));
      assert.equal(c.kind, 'invalidParameter', code);
      assert.equal(c.code, code);
      assert.match(c.message, /details from EC2/);
    }
  });

  it('maps a cancelled request and a profile file error', () => {
    const abort = new Error('Request aborted');
    abort.name = 'AbortError';
    assert.equal(classifyAwsError(abort).kind, 'cancelled');
    const file = classifyAwsError(new ProfileFileError('/home/u/.aws/config', 'malformed', 'a section header is missing its closing "]".', 4));
    assert.equal(file.kind, 'profileConfig');
    assert.match(file.message, /\/home\/u\/\.aws\/config line 4/);
  });

  it('redacts key ids and opaque blobs from anything it echoes', () => {
    const c = classifyAwsError(ec2Error('WeirdError', 'Key AKIAIOSFODNN7EXAMPLE was used with token FQoGZXIvYXdzEJr//////////wEaDM1234567890abcdefghijklmnop'));
    assert.equal(c.kind, 'unknown');
    assert.ok(!c.message.includes('AKIAIOSFODNN7EXAMPLE'));
    assert.ok(!c.message.includes('FQoGZXIvYXdzEJr'));
    assert.equal(redactAwsText(ENCODED), 'Encoded authorization failure message: [redacted]');
  });
});

/** Real errors from the SDK's own credential provider, over temporary files (no network). */
describe('aws/awsErrors on real credential-provider errors (createAwsClients)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aws-cred-errors-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Resolves the credentials of a client built by createAwsClients; no request is sent. */
  async function providerError(config: string, profile: string): Promise<unknown> {
    const env = { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
    await writeFile(env.AWS_CONFIG_FILE, config);
    await writeFile(env.AWS_SHARED_CREDENTIALS_FILE, '');
    // A closed port: nothing may be contacted while credentials fail to resolve.
    const { sts } = createAwsClients({ profile, region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9', env });
    return sts.config.credentials().then(
      () => assert.fail('expected the provider to fail'),
      (e: unknown) => e,
    );
  }

  it('profile missing → noCredentials with a pick-profile action (even when its name says sso)', async () => {
    const c = classifyAwsError(await providerError('[profile other]\nregion = us-east-1\n', 'my-sso-admin'), { profile: 'my-sso-admin' });
    assert.equal(c.kind, 'noCredentials');
    assert.equal(c.action?.kind, 'pickProfile');
    assert.match(c.message, /profile "my-sso-admin"/);
  });

  it('source_profile cycle → profileConfig', async () => {
    const config = '[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = a\n';
    const c = classifyAwsError(await providerError(config, 'a'), { profile: 'a' });
    assert.equal(c.kind, 'profileConfig');
    assert.match(c.message, /loops/);
  });

  it('SSO session without a cached token → ssoExpired with the login command', async () => {
    const config = [
      '[profile team-sso-x]',
      'sso_session = s-unit-test-no-token',
      'sso_account_id = 123456789012',
      'sso_role_name = Dev',
      'region = us-east-1',
      '[sso-session s-unit-test-no-token]',
      'sso_start_url = https://unit-test-no-token.example.invalid/start',
      'sso_region = us-east-1',
    ].join('\n');
    const c = classifyAwsError(await providerError(config, 'team-sso-x'), { profile: 'team-sso-x' });
    assert.equal(c.kind, 'ssoExpired');
    assert.equal(c.action?.kind, 'ssoLogin');
    assert.equal(c.action?.command, 'aws sso login --profile team-sso-x');
  });

  it('credential_process failures: exit 1, bad JSON, expired', async () => {
    const script = join(dir, 'proc.sh');
    await writeFile(script, '#!/bin/sh\ncase "$1" in\n fail) echo "secret-ish stderr" >&2; exit 1;;\n bad) echo "not json";;\n expired) echo \'{"Version":1,"AccessKeyId":"AKIAFAKEFAKEFAKE0002","SecretAccessKey":"s","Expiration":"2001-01-01T00:00:00Z"}\';;\nesac\n', { mode: 0o755 });
    const failed = classifyAwsError(await providerError(`[profile p]\ncredential_process = ${script} fail\n`, 'p'), { profile: 'p' });
    assert.equal(failed.kind, 'noCredentials');
    assert.match(failed.message, /credential_process of profile "p" failed to run/);
    assert.ok(!failed.message.includes('secret-ish'));
    const bad = classifyAwsError(await providerError(`[profile p]\ncredential_process = ${script} bad\n`, 'p'), { profile: 'p' });
    assert.equal(bad.kind, 'noCredentials');
    assert.match(bad.message, /not the expected JSON/);
    const expired = classifyAwsError(await providerError(`[profile p]\ncredential_process = ${script} expired\n`, 'p'), { profile: 'p' });
    assert.equal(expired.kind, 'expiredToken');
    assert.ok(!expired.message.includes('AKIAFAKEFAKEFAKE0002'));
  });
});
