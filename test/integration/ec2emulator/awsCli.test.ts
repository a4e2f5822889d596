// The AWS CLI against the emulator with --endpoint-url: the seed document's security-group
// commands, word for word, then create-vpc-endpoint until it is available.
import assert from 'node:assert/strict';
import { APP_SERVICE, startFixture, waitFor, type Fixture } from './emulatorFixture';
import { skipOrFailInCi } from '../support/skipOrFail';
import { cliEnv, findOnPath, run } from './cliTools';

const aws = findOnPath('aws');

describe('ec2emulator: the AWS CLI', function () {
  // The CLI starts a Python interpreter per command; give a loaded machine room.
  this.timeout(120_000);
  let fx: Fixture;

  before(async function () {
    if (!aws) skipOrFailInCi(this, 'the AWS CLI `aws` is not on PATH');
    fx = await startFixture({ endpointAvailableAfterMs: 300 });
  });
  after(async () => {
    await fx?.close();
  });

  it('runs the seed commands: create-security-group, authorize-security-group-ingress (options A and B)', async () => {
    // The script is the seed document's, with its placeholders filled in and --endpoint-url added.
    const script = `
set -e
aws ec2 describe-vpcs --query 'Vpcs[*].[VpcId,CidrBlock]' --output table --endpoint-url "$EP"
SG_ID=$(aws ec2 create-security-group \\
--group-name PScalePrivateLinkEndpointSG \\
--description "Security group for PlanetScale PrivateLink endpoint" \\
--vpc-id "$VPC_ID" \\
--query 'GroupId' --output text --endpoint-url "$EP")
echo "SG_ID=$SG_ID"
aws ec2 authorize-security-group-ingress \\
   --group-id "$SG_ID" \\
   --ip-permissions '[
     {"IpProtocol":"tcp","FromPort":5432,"ToPort":5432,"UserIdGroupPairs":[{"GroupId":"'"$CLIENT_SG"'"}]},
     {"IpProtocol":"tcp","FromPort":6432,"ToPort":6432,"UserIdGroupPairs":[{"GroupId":"'"$CLIENT_SG"'"}]}
   ]' --endpoint-url "$EP" --output json
aws ec2 authorize-security-group-ingress \\
--group-id "$SG_ID" \\
--ip-permissions '[
   {"IpProtocol":"tcp","FromPort":5432,"ToPort":5432,"IpRanges":[{"CidrIp":"127.10.0.0/16"}]},
   {"IpProtocol":"tcp","FromPort":6432,"ToPort":6432,"IpRanges":[{"CidrIp":"127.10.0.0/16"}]}
]' --endpoint-url "$EP" --output json
`;
    const res = await run('/bin/bash', ['-c', script], { ...cliEnv(), EP: fx.emulator.url, VPC_ID: fx.ids.appVpc, CLIENT_SG: fx.ids.appServersSg });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /127\.10\.0\.0\/16/);
    assert.match(res.stdout, new RegExp(fx.ids.appVpc));
    const sgId = /SG_ID=(sg-[0-9a-f]{17})/.exec(res.stdout)?.[1];
    assert.ok(sgId, res.stdout);
    const group = fx.emulator.securityGroup('us-east-1', sgId);
    assert.equal(group?.groupName, 'PScalePrivateLinkEndpointSG');
    assert.deepEqual(
      group?.ingress.map((r) => [r.fromPort, r.referencedGroupId ?? r.cidrIpv4]),
      [
        [5432, fx.ids.appServersSg],
        [6432, fx.ids.appServersSg],
        [5432, '127.10.0.0/16'],
        [6432, '127.10.0.0/16'],
      ],
    );
    assert.match(res.stdout, /"Return": true/);
  });

  it('create-vpc-endpoint reaches available; errors come back with their EC2 codes; sts get-caller-identity', async () => {
    const env = cliEnv();
    const common = ['--endpoint-url', fx.emulator.url, '--output', 'json'];
    const created = await run(
      aws as string,
      [
        'ec2', 'create-vpc-endpoint',
        '--vpc-endpoint-type', 'Interface',
        '--vpc-id', fx.ids.appVpc,
        '--service-name', APP_SERVICE,
        '--subnet-ids', fx.ids.subnetA, fx.ids.subnetB,
        '--security-group-ids', fx.ids.appServersSg,
        '--private-dns-enabled',
        '--tag-specifications', 'ResourceType=vpc-endpoint,Tags=[{Key=Name,Value=cli-endpoint}]',
        ...common,
      ],
      env,
    );
    assert.equal(created.code, 0, created.stderr);
    const endpoint = (JSON.parse(created.stdout) as { VpcEndpoint: { VpcEndpointId: string; State: string; PrivateDnsEnabled: boolean } }).VpcEndpoint;
    assert.equal(endpoint.State, 'pending');
    assert.equal(endpoint.PrivateDnsEnabled, true);
    await waitFor(
      async () => fx.emulator.endpoints().find((e) => e.endpointId === endpoint.VpcEndpointId)?.state,
      (s) => s === 'available',
    );
    // Independent commands run side by side: each CLI start costs seconds on a busy machine.
    const [described, duplicate, dryInvalid, identity] = await Promise.all([
      run(aws as string, ['ec2', 'describe-vpc-endpoints', '--vpc-endpoint-ids', endpoint.VpcEndpointId, ...common], env),
      run(aws as string, ['ec2', 'create-vpc-endpoint', '--vpc-endpoint-type', 'Interface', '--vpc-id', fx.ids.appVpc, '--service-name', APP_SERVICE, '--subnet-ids', fx.ids.subnetA, ...common], env),
      run(aws as string, ['ec2', 'create-vpc-endpoint', '--vpc-endpoint-type', 'Interface', '--vpc-id', fx.ids.legacyVpc, '--service-name', APP_SERVICE, '--private-dns-enabled', '--dry-run', ...common], env),
      run(aws as string, ['sts', 'get-caller-identity', ...common], env),
    ]);
    assert.equal(described.code, 0, described.stderr);
    const listed = JSON.parse(described.stdout) as { VpcEndpoints: { State: string; DnsEntries: { DnsName: string }[]; Tags: { Key: string; Value: string }[] }[] };
    assert.equal(listed.VpcEndpoints[0].State, 'available');
    assert.ok(listed.VpcEndpoints[0].DnsEntries.some((d) => d.DnsName === '*.private-pg.psdb.cloud'));
    assert.deepEqual(listed.VpcEndpoints[0].Tags, [{ Key: 'Name', Value: 'cli-endpoint' }]);
    assert.notEqual(duplicate.code, 0);
    assert.match(duplicate.stderr, /\(InvalidParameter\).*conflicting DNS domain/);
    assert.notEqual(dryInvalid.code, 0);
    assert.match(dryInvalid.stderr, /\(InvalidParameter\).*enableDnsSupport and enableDnsHostnames/);
    assert.equal(identity.code, 0, identity.stderr);
    assert.deepEqual(JSON.parse(identity.stdout), { UserId: 'AIDASANDBOXDEVELOPER1', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/sandbox-developer' });
  });
});
