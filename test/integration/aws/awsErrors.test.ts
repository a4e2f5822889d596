// Errors provoked for real: denied actions, throttling, broken credentials and an unreachable
// endpoint, through the real SDK against the sandbox emulator (or a closed loopback port).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { classifyAwsError } from '../../../src/aws/awsErrors';
import { SecretRedactor } from '../../../src/services/secretRedactor';
import { createAwsClients } from '../../../src/aws/awsClients';
import { getCallerIdentity, listVpcs } from '../../../src/aws/ec2Queries';
import { loadAwsExplorer } from '../../../src/aws/explorerModel';
import { startEc2Emulator } from '../../../sandbox/ec2/index';
import { closedLoopbackPort } from './closedPort';
import { createAwsTestFiles, FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY, SANDBOX_PROFILE, type AwsTestFiles } from './awsFixtures';

type Emulator = Awaited<ReturnType<typeof startEc2Emulator>>;

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
}

function failureSync(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return assert.fail('expected a throw');
}

function assertNoSecrets(text: string): void {
  assert.ok(!text.includes(FAKE_ACCESS_KEY_ID), 'no access key id');
  assert.ok(!text.includes(FAKE_SECRET_ACCESS_KEY), 'no secret key');
  assert.ok(!/sbx1\.[A-Za-z0-9_-]{10,}/.test(text), 'no encoded authorization message');
}

describe('aws/awsErrors on errors provoked against the emulator', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let files: AwsTestFiles;

  beforeEach(async () => {
    emulator = await startEc2Emulator({});
    files = await createAwsTestFiles();
  });
  afterEach(async () => {
    await emulator.close();
    await files.dispose();
  });

  it('a denied action → accessDenied naming the IAM action, without the encoded message', async () => {
    emulator.setFaults({ denyActions: ['ec2:DescribeVpcEndpoints'] });
    const result = await loadAwsExplorer({
      profile: SANDBOX_PROFILE,
      regions: ['us-east-1'],
      clientsFactory: (o) => createAwsClients({ ...o, env: files.env, maxAttempts: 1 }),
      endpointUrl: emulator.url,
    });
    const region = result.regions[0];
    assert.ok(!region.ok);
    assert.equal(region.error.kind, 'accessDenied');
    assert.equal(region.error.iamAction, 'ec2:DescribeVpcEndpoints');
    assert.equal(region.error.code, 'UnauthorizedOperation');
    assert.match(region.error.message, /ec2:DescribeVpcEndpoints/);
    assertNoSecrets(region.error.message);
  });

  it('a denied mutating action → accessDenied; its encoded authorization message is never shown', async () => {
    emulator.setFaults({ denyActions: ['CreateVpcEndpoint'] });
    const { ec2 } = files.clients('us-east-1', emulator.url);
    const vpcId = (await listVpcs(ec2)).find((v) => v.name === 'app-vpc')?.id;
    const err = await failure(
      ec2.send(new CreateVpcEndpointCommand({ DryRun: true, VpcEndpointType: 'Interface', VpcId: vpcId, ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001' })),
    );
    assert.match((err as Error).message, /Encoded authorization failure message: sbx1\./, 'the emulator sends one, as AWS does');
    const c = classifyAwsError(err, { profile: SANDBOX_PROFILE });
    assert.equal(c.kind, 'accessDenied');
    assert.equal(c.iamAction, 'ec2:CreateVpcEndpoint');
    assertNoSecrets(c.message);
  });

  it('a role_arn profile assumes its role through the endpoint override, never real STS', async () => {
    await files.addConfig(`[profile deploy]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = ${SANDBOX_PROFILE}\n`);
    emulator.resetCallCounts();
    const { ec2 } = files.clients('us-east-1', emulator.url, 'deploy');
    // The emulator does not implement AssumeRole; what matters is that the request came to it.
    await failure(listVpcs(ec2));
    assert.ok((emulator.callCounts()['sts:AssumeRole'] ?? 0) >= 1, JSON.stringify(emulator.callCounts()));
  });

  it('throttling beyond the retry budget → throttled with a retry action', async () => {
    emulator.setFaults({ throttleNextCalls: 5 });
    const { ec2 } = files.clients('us-east-1', emulator.url);
    const c = classifyAwsError(await failure(listVpcs(ec2)));
    assert.equal(c.kind, 'throttled');
    assert.equal(c.code, 'RequestLimitExceeded');
    assert.equal(c.action?.kind, 'retry');
  });

  it('throttling within the retry budget is absorbed by the SDK', async () => {
    emulator.setFaults({ throttleNextCalls: 1 });
    const { ec2 } = createAwsClients({ profile: SANDBOX_PROFILE, region: 'us-east-1', endpointUrl: emulator.url, env: files.env, maxAttempts: 3 });
    assert.equal((await listVpcs(ec2)).length, 3);
  });

  it('credential_process exiting 1, printing bad JSON or expired keys → noCredentials / expiredToken', async () => {
    const script = join(files.dir, 'creds.sh');
    await writeFile(
      script,
      [
        '#!/bin/sh',
        'case "$1" in',
        `  fail) echo "token ${FAKE_SECRET_ACCESS_KEY}" >&2; exit 1;;`,
        '  bad) echo "{not json";;',
        `  expired) echo '{"Version":1,"AccessKeyId":"${FAKE_ACCESS_KEY_ID}","SecretAccessKey":"${FAKE_SECRET_ACCESS_KEY}","Expiration":"2001-01-01T00:00:00Z"}';;`,
        `  ok) echo '{"Version":1,"AccessKeyId":"${FAKE_ACCESS_KEY_ID}","SecretAccessKey":"${FAKE_SECRET_ACCESS_KEY}","Expiration":"2999-01-01T00:00:00Z"}';;`,
        'esac',
      ].join('\n'),
      { mode: 0o755 },
    );
    await files.addConfig(['fail', 'bad', 'expired', 'ok'].map((m) => `[profile proc-${m}]\nregion = us-east-1\ncredential_process = ${script} ${m}\n`).join('\n'));
    emulator.resetCallCounts();
    const classify = async (mode: string) => {
      const { ec2 } = files.clients('us-east-1', emulator.url, `proc-${mode}`);
      return classifyAwsError(await failure(listVpcs(ec2)), { profile: `proc-${mode}` });
    };
    const failed = await classify('fail');
    assert.equal(failed.kind, 'noCredentials');
    assert.match(failed.message, /credential_process of profile "proc-fail"/);
    assertNoSecrets(failed.message);
    const bad = await classify('bad');
    assert.equal(bad.kind, 'noCredentials');
    assert.match(bad.message, /JSON/);
    const expired = await classify('expired');
    assert.equal(expired.kind, 'expiredToken');
    assertNoSecrets(expired.message);
    // The provider fails before any request is sent.
    assert.equal(Object.values(emulator.callCounts()).reduce((a, b) => a + b, 0), 0);
    // And a working credential_process reaches the emulator.
    const { ec2 } = files.clients('us-east-1', emulator.url, 'proc-ok');
    assert.equal((await listVpcs(ec2)).length, 3);
  });

  it("credential_process stderr never reaches the log: the extension's redactor hides it, keeps the command", async () => {
    const script = join(files.dir, 'leaky-creds.sh');
    // A tool that prints a secret of no recognisable shape to stderr, then fails.
    await writeFile(script, '#!/bin/sh\necho "refresh failed for session hunter2-plain-words" >&2\nexit 3\n', { mode: 0o755 });
    await files.addConfig(`[profile proc-leaky]\nregion = us-east-1\ncredential_process = ${script}\n`);
    const { ec2 } = files.clients('us-east-1', emulator.url, 'proc-leaky');
    const err = (await failure(listVpcs(ec2))) as Error;
    assert.match(String(err.stack), /hunter2-plain-words/, 'the SDK puts the stderr into the error, as in real use');
    const logged = new SecretRedactor().redact(String(err.stack));
    assert.doesNotMatch(logged, /hunter2|refresh failed/);
    assert.match(logged, new RegExp(`Command failed: ${script.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    assert.equal(classifyAwsError(err, { profile: 'proc-leaky' }).kind, 'noCredentials');
  });

  it('an SSO profile without a cached token → ssoExpired with the login command', async () => {
    await files.addConfig(
      [
        '[profile corp-dev]',
        'sso_session = corp-int-test-never-logged-in',
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        'region = us-east-1',
        '[sso-session corp-int-test-never-logged-in]',
        'sso_start_url = https://corp-int-test.example.invalid/start',
        'sso_region = us-east-1',
      ].join('\n'),
    );
    const { sts } = files.clients('us-east-1', emulator.url, 'corp-dev');
    const c = classifyAwsError(await failure(getCallerIdentity(sts)), { profile: 'corp-dev' });
    assert.equal(c.kind, 'ssoExpired');
    assert.deepEqual(c.action, { label: 'Sign in with AWS SSO', kind: 'ssoLogin', command: 'aws sso login --profile corp-dev' });
  });

  it('a profile that does not exist → noCredentials with a pick-profile action', async () => {
    const { ec2 } = files.clients('us-east-1', emulator.url, 'nope');
    const c = classifyAwsError(await failure(listVpcs(ec2)), { profile: 'nope' });
    assert.equal(c.kind, 'noCredentials');
    assert.equal(c.action?.kind, 'pickProfile');
  });

  it('an endpoint nobody listens on → network, pointing at the endpoint URL setting', async () => {
    const url = `http://127.0.0.1:${await closedLoopbackPort()}`;
    const { ec2 } = files.clients('us-east-1', url);
    const c = classifyAwsError(await failure(listVpcs(ec2)), { endpointUrl: url });
    assert.equal(c.kind, 'network');
    assert.equal(c.code, 'ECONNREFUSED');
    assert.equal(c.action?.kind, 'openSettings');
  });

  it('an invalid endpoint URL is a settings error before any request', () => {
    assert.throws(() => createAwsClients({ profile: SANDBOX_PROFILE, region: 'us-east-1', endpointUrl: 'localhost:4566', env: files.env }), (e: Error) => {
      const c = classifyAwsError(e);
      return c.kind === 'profileConfig' && c.action?.kind === 'openSettings' && /endpoint URL setting/.test(c.message);
    });
    assert.equal(classifyAwsError(failureSync(() => createAwsClients({ profile: ' ', region: 'us-east-1' }))).action?.kind, 'pickProfile');
  });
});
