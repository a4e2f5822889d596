// Fidelity against moto: the same calls go to `moto_server` and to the emulator through the
// same @aws-sdk clients; the parsed responses must carry at least moto's keys, and the error
// cases moto implements must fail with the same codes and HTTP statuses.
// With CI=true this test must run (it fails when moto is missing); elsewhere it skips with a reason.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import * as ec2 from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { FAKE_CREDENTIALS, sleep, startFixture, type Fixture } from './emulatorFixture';
import { findOnPath } from './cliTools';
import { skipOrFailInCi } from '../support/skipOrFail';

const SERVICE = 'com.amazonaws.us-east-1.ec2';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited early with code ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(250);
    }
  }
  throw new Error(`moto_server did not answer at ${url} within ${timeoutMs} ms`);
}

/** Every key path of a parsed SDK response ("Vpcs[].CidrBlockAssociationSet[].CidrBlock"), arrays included as "X[]". */
function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    out.add(`${prefix}[]`);
    for (const item of value) keyPaths(item, `${prefix}[]`, out);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$metadata' || child === undefined) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      out.add(path);
      keyPaths(child, path, out);
    }
  }
  return out;
}

/**
 * Keys moto returns that the emulator leaves out on purpose, with the reason: each is something
 * real EC2 does not return for these resources either, or moto's own invention.
 */
const MOTO_ONLY: Record<string, string> = {};

interface Target {
  name: string;
  ec2: ec2.EC2Client;
  sts: STSClient;
  vpcId: string;
  subnetIds: string[];
}

describe('ec2emulator: fidelity against moto_server', function () {
  this.timeout(180_000);
  const moto = findOnPath('moto_server');
  let child: ChildProcess | undefined;
  let fx: Fixture;
  let targets: Target[] = [];

  before(async function () {
    if (!moto) skipOrFailInCi(this, 'moto_server is not on PATH; install moto[server] to run the fidelity test');
    const port = await freePort();
    child = spawn(moto as string, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', detached: true });
    const motoUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${motoUrl}/moto-api/`, 90_000, child);
    fx = await startFixture();

    const client = (url: string) => new ec2.EC2Client({ endpoint: url, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
    const stsClient = (url: string) => new STSClient({ endpoint: url, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 });

    // moto starts empty: give it the emulator's app-vpc (same CIDRs, DNS attributes on).
    const motoEc2 = client(motoUrl);
    const vpc = await motoEc2.send(new ec2.CreateVpcCommand({ CidrBlock: '127.10.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'app-vpc' }] }] }));
    const vpcId = vpc.Vpc?.VpcId as string;
    await motoEc2.send(new ec2.ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    const subnetIds: string[] = [];
    for (const [cidr, az] of [['127.10.1.0/24', 'us-east-1a'], ['127.10.2.0/24', 'us-east-1b']]) {
      const s = await motoEc2.send(new ec2.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az }));
      subnetIds.push(s.Subnet?.SubnetId as string);
    }
    targets = [
      { name: 'moto', ec2: motoEc2, sts: stsClient(motoUrl), vpcId, subnetIds },
      { name: 'emulator', ec2: client(fx.emulator.url), sts: stsClient(fx.emulator.url), vpcId: fx.ids.appVpc, subnetIds: [fx.ids.subnetA, fx.ids.subnetB] },
    ];
  });

  after(async () => {
    for (const t of targets) {
      t.ec2.destroy();
      t.sts.destroy();
    }
    await fx?.close();
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM'); // the group we created: moto and any reloader child
      await Promise.race([exited, sleep(5000)]);
    }
  });

  /** Runs `call` on both, compares key sets; returns both responses. */
  async function compare<T>(label: string, call: (t: Target) => Promise<T>): Promise<[T, T]> {
    const [fromMoto, fromEmulator] = [await call(targets[0]), await call(targets[1])];
    const motoKeys = keyPaths(fromMoto);
    const ours = keyPaths(fromEmulator);
    assert.ok(motoKeys.size > 0, `${label}: moto answered with no keys at all`);
    const missing = [...motoKeys].filter((k) => !ours.has(k) && !(k in MOTO_ONLY));
    assert.deepEqual(missing, [], `${label}: keys moto returns but the emulator does not`);
    return [fromMoto, fromEmulator];
  }

  async function compareError(label: string, call: (t: Target) => Promise<unknown>): Promise<void> {
    const outcome = async (t: Target) => {
      try {
        await call(t);
        return 'succeeded';
      } catch (err) {
        const e = err as { name: string; $metadata?: { httpStatusCode?: number } };
        return `${e.name} ${e.$metadata?.httpStatusCode}`;
      }
    };
    const [fromMoto, fromEmulator] = [await outcome(targets[0]), await outcome(targets[1])];
    assert.notEqual(fromMoto, 'succeeded', `${label}: moto is expected to refuse this call`);
    assert.equal(fromEmulator, fromMoto, `${label}: error code and HTTP status`);
  }

  it('describe calls: regions, zones, VPCs, VPC attributes, subnets, NACLs, endpoint services; STS', async () => {
    await compare('DescribeRegions', (t) => t.ec2.send(new ec2.DescribeRegionsCommand({ RegionNames: ['us-east-1'] })));
    await compare('DescribeAvailabilityZones', (t) => t.ec2.send(new ec2.DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1a'] })));
    const [, vpcs] = await compare('DescribeVpcs', (t) => t.ec2.send(new ec2.DescribeVpcsCommand({ VpcIds: [t.vpcId] })));
    assert.equal(vpcs.Vpcs?.[0].CidrBlock, '127.10.0.0/16');
    await compare('DescribeVpcAttribute', (t) => t.ec2.send(new ec2.DescribeVpcAttributeCommand({ VpcId: t.vpcId, Attribute: 'enableDnsHostnames' })));
    await compare('DescribeSubnets', (t) => t.ec2.send(new ec2.DescribeSubnetsCommand({ SubnetIds: t.subnetIds })));
    await compare('DescribeNetworkAcls', (t) => t.ec2.send(new ec2.DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [t.vpcId] }] })));
    await compare('DescribeSecurityGroups (default)', (t) =>
      t.ec2.send(new ec2.DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [t.vpcId] }, { Name: 'group-name', Values: ['default'] }] })),
    );
    await compare('DescribeVpcEndpointServices', (t) => t.ec2.send(new ec2.DescribeVpcEndpointServicesCommand({ ServiceNames: [SERVICE] })));
    await compare('GetCallerIdentity', (t) => t.sts.send(new GetCallerIdentityCommand({})));
  });

  it('security group flow: create, authorize (group pair and CIDR), describe groups and rules', async () => {
    const groups = new Map<string, string>();
    await compare('CreateSecurityGroup', async (t) => {
      const res = await t.ec2.send(
        new ec2.CreateSecurityGroupCommand({
          GroupName: 'PScalePrivateLinkEndpointSG',
          Description: 'Security group for PlanetScale PrivateLink endpoint',
          VpcId: t.vpcId,
          TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'planetscale-privatelink:created-by', Value: 'vscode-extension' }] }],
        }),
      );
      groups.set(t.name, res.GroupId as string);
      return res;
    });
    await compare('AuthorizeSecurityGroupIngress', (t) =>
      t.ec2.send(
        new ec2.AuthorizeSecurityGroupIngressCommand({
          GroupId: groups.get(t.name),
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: groups.get(t.name) }] },
            { IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, IpRanges: [{ CidrIp: '127.10.0.0/16', Description: 'VPC' }] },
          ],
        }),
      ),
    );
    const [motoGroups, ourGroups] = await compare('DescribeSecurityGroups', (t) => t.ec2.send(new ec2.DescribeSecurityGroupsCommand({ GroupIds: [groups.get(t.name) as string] })));
    const ports = (r: ec2.DescribeSecurityGroupsCommandOutput) => r.SecurityGroups?.[0].IpPermissions?.map((p) => [p.IpProtocol, p.FromPort, p.ToPort]).sort();
    assert.deepEqual(ports(ourGroups), ports(motoGroups));
    await compare('DescribeSecurityGroupRules', (t) =>
      t.ec2.send(new ec2.DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groups.get(t.name) as string] }] })),
    );

    await compareError('duplicate group', (t) => t.ec2.send(new ec2.CreateSecurityGroupCommand({ GroupName: 'PScalePrivateLinkEndpointSG', Description: 'again', VpcId: t.vpcId })));
    await compareError('duplicate permission', (t) =>
      t.ec2.send(
        new ec2.AuthorizeSecurityGroupIngressCommand({
          GroupId: groups.get(t.name),
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, IpRanges: [{ CidrIp: '127.10.0.0/16' }] }],
        }),
      ),
    );
    await compareError('invalid CIDR', (t) =>
      t.ec2.send(new ec2.AuthorizeSecurityGroupIngressCommand({ GroupId: groups.get(t.name), IpPermissions: [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 1, IpRanges: [{ CidrIp: '10.0.0.0/33' }] }] })),
    );
    await compareError('DryRun create', (t) => t.ec2.send(new ec2.CreateSecurityGroupCommand({ GroupName: 'dry', Description: 'dry', VpcId: t.vpcId, DryRun: true })));
  });

  it('endpoint flow: create, describe, its network interfaces, delete', async () => {
    const endpoints = new Map<string, ec2.VpcEndpoint>();
    await compare('CreateVpcEndpoint', async (t) => {
      const res = await t.ec2.send(
        new ec2.CreateVpcEndpointCommand({
          VpcEndpointType: 'Interface',
          VpcId: t.vpcId,
          ServiceName: SERVICE,
          SubnetIds: t.subnetIds,
          PrivateDnsEnabled: true,
          TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: 'fidelity' }] }],
        }),
      );
      endpoints.set(t.name, res.VpcEndpoint as ec2.VpcEndpoint);
      return res;
    });
    await compare('DescribeVpcEndpoints', (t) => t.ec2.send(new ec2.DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpoints.get(t.name)?.VpcEndpointId as string] })));
    await compare('DescribeNetworkInterfaces', (t) => t.ec2.send(new ec2.DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: endpoints.get(t.name)?.NetworkInterfaceIds })));
    await compare('DeleteVpcEndpoints', (t) => t.ec2.send(new ec2.DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoints.get(t.name)?.VpcEndpointId as string] })));
  });

  it('not-found and validation errors match moto where moto implements them', async () => {
    await compareError('unknown VPC', (t) => t.ec2.send(new ec2.DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })));
    await compareError('unknown subnet', (t) => t.ec2.send(new ec2.DescribeSubnetsCommand({ SubnetIds: ['subnet-0123456789abcdef0'] })));
    await compareError('unknown group', (t) => t.ec2.send(new ec2.DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })));
    await compareError('unknown endpoint', (t) => t.ec2.send(new ec2.DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-0123456789abcdef0'] })));
    await compareError('endpoint in unknown VPC', (t) =>
      t.ec2.send(new ec2.CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: 'vpc-0123456789abcdef0', ServiceName: SERVICE })),
    );
    await compareError('bad VPC attribute', (t) => t.ec2.send(new ec2.DescribeVpcAttributeCommand({ VpcId: t.vpcId, Attribute: 'enableColour' as never })));
    await compareError('NACL rule number taken', async (t) => {
      const acls = await t.ec2.send(new ec2.DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [t.vpcId] }] }));
      await t.ec2.send(
        new ec2.CreateNetworkAclEntryCommand({ NetworkAclId: acls.NetworkAcls?.[0].NetworkAclId, RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' }),
      );
    });
  });
});
