// The query functions against the sandbox seed, through the real SDK over HTTP.
import assert from 'node:assert/strict';
import { CreateVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { EndpointServiceNotFoundError } from '../../../src/aws/awsErrors';
import {
  aclForSubnet,
  describeDhcpOptions,
  describeEndpoints,
  describeEndpointService,
  describeNetworkAcls,
  describeNetworkInterfaces,
  describeSecurityGroups,
  describeVpcDhcpOptions,
  getCallerIdentity,
  getVpcDnsAttributes,
  listInterfaceEndpoints,
  listRegions,
  listSecurityGroups,
  listSubnets,
  listVpcs,
  setVpcDnsAttributes,
} from '../../../src/aws/ec2Queries';
import type { AwsClients, VpcSummary } from '../../../src/aws/types';
import { startEc2Emulator } from '../../../sandbox/ec2/index';
import { countOf, createAwsTestFiles, type AwsTestFiles } from './awsFixtures';

const SERVICE_US = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';

type Emulator = Awaited<ReturnType<typeof startEc2Emulator>>;

function inCidr(ip: string, cidr: string): boolean {
  const toInt = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const [base, bits] = cidr.split('/');
  const mask = Number(bits) === 0 ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
  return ((toInt(ip) & mask) >>> 0) === ((toInt(base) & mask) >>> 0);
}

describe('aws/ec2Queries against the EC2 emulator', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let files: AwsTestFiles;
  let clients: AwsClients;
  let vpcs: VpcSummary[];
  const vpc = (name: string) => vpcs.find((v) => v.name === name) as VpcSummary;

  before(async () => {
    emulator = await startEc2Emulator({ endpointAvailableAfterMs: 200 });
    files = await createAwsTestFiles();
    clients = files.clients('us-east-1', emulator.url);
    vpcs = await listVpcs(clients.ec2);
  });
  after(async () => {
    clients.ec2.destroy();
    clients.sts.destroy();
    await emulator.close();
    await files.dispose();
  });

  it('who am I, and which regions', async () => {
    const identity = await getCallerIdentity(clients.sts);
    assert.equal(identity.account, '123456789012');
    assert.match(identity.arn, /^arn:aws:iam::123456789012:/);
    const regions = (await listRegions(clients.ec2)).map((r) => r.name);
    assert.ok(regions.includes('us-east-1') && regions.includes('eu-west-1'));
  });

  it('lists VPCs with names, CIDRs, default marker and tags', () => {
    assert.deepEqual(vpcs.map((v) => v.name), ['app-vpc', 'default', 'legacy-vpc']);
    assert.match(vpc('app-vpc').id, /^vpc-[0-9a-f]{17}$/);
    assert.deepEqual(vpc('app-vpc').cidrBlocks, ['127.10.0.0/16']);
    assert.equal(vpc('default').isDefault, true);
    assert.equal(vpc('app-vpc').tags.Name, 'app-vpc');
  });

  it('reads DNS attributes with two parallel calls and writes them in a valid order', async () => {
    emulator.resetCallCounts();
    assert.deepEqual(await getVpcDnsAttributes(clients.ec2, vpc('legacy-vpc').id), { enableDnsSupport: true, enableDnsHostnames: false });
    assert.equal(countOf(emulator.callCounts(), 'DescribeVpcAttribute'), 2);
    await setVpcDnsAttributes(clients.ec2, vpc('legacy-vpc').id, { enableDnsSupport: true, enableDnsHostnames: true });
    assert.deepEqual(await getVpcDnsAttributes(clients.ec2, vpc('legacy-vpc').id), { enableDnsSupport: true, enableDnsHostnames: true });
    await setVpcDnsAttributes(clients.ec2, vpc('legacy-vpc').id, { enableDnsHostnames: false });
    assert.deepEqual(await getVpcDnsAttributes(clients.ec2, vpc('legacy-vpc').id), { enableDnsSupport: true, enableDnsHostnames: false });
  });

  it('lists subnets with AZ, AZ id, CIDR and name', async () => {
    const subnets = await listSubnets(clients.ec2, vpc('app-vpc').id);
    assert.deepEqual(subnets.map((s) => [s.availabilityZone, s.cidrBlock, s.name]), [
      ['us-east-1a', '127.10.1.0/24', 'app-vpc-us-east-1a'],
      ['us-east-1b', '127.10.2.0/24', 'app-vpc-us-east-1b'],
      ['us-east-1c', '127.10.3.0/24', 'app-vpc-us-east-1c'],
    ]);
    assert.ok(subnets.every((s) => s.vpcId === vpc('app-vpc').id && s.availabilityZoneId));
  });

  it('lists security groups with normalised rules', async () => {
    const groups = await listSecurityGroups(clients.ec2, vpc('app-vpc').id);
    assert.deepEqual(groups.map((g) => g.name), ['app-servers', 'default']);
    const app = groups[0];
    assert.deepEqual(app.ingress, [
      { protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'], ipv6Cidrs: [], prefixListIds: [], referencedGroupIds: [], description: 'HTTPS' },
    ]);
    assert.deepEqual(app.egress.map((r) => [r.protocol, r.fromPort, r.toPort, r.cidrs]), [['all', 0, 65535, ['0.0.0.0/0']]]);
    const def = groups[1];
    assert.deepEqual(def.ingress.map((r) => [r.protocol, r.referencedGroupIds]), [['all', [def.id]]]);
    assert.deepEqual((await describeSecurityGroups(clients.ec2, [app.id, 'sg-00000000000000000'])).map((g) => g.id), [app.id]);
  });

  it('describes the endpoint service; an unknown name is a typed not-found', async () => {
    const service = await describeEndpointService(clients.ec2, SERVICE_US);
    assert.deepEqual(service.availabilityZones, ['us-east-1a', 'us-east-1b']);
    assert.equal(service.privateDnsName, '*.private-pg.psdb.cloud');
    assert.equal(service.acceptanceRequired, false);
    assert.equal(service.serviceType, 'Interface');
    await assert.rejects(
      describeEndpointService(clients.ec2, 'com.amazonaws.vpce.us-east-1.vpce-svc-0000000000000dead'),
      (e: unknown) => e instanceof EndpointServiceNotFoundError && e.region === 'us-east-1' && e.code === 'InvalidServiceName',
    );
  });

  it('endpoints by id (missing ids reported), their interfaces and the subnets\' ACLs', async () => {
    const app = vpc('app-vpc');
    const subnets = (await listSubnets(clients.ec2, app.id)).filter((s) => s.availabilityZone !== 'us-east-1c');
    const created = await clients.ec2.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: app.id, ServiceName: SERVICE_US, SubnetIds: subnets.map((s) => s.id), PrivateDnsEnabled: true }),
    );
    const id = created.VpcEndpoint?.VpcEndpointId as string;
    const gone = 'vpce-0123456789abcdef0';
    const described = await describeEndpoints(clients.ec2, [id, gone, id]);
    assert.deepEqual([...described.found.keys()], [id]);
    assert.deepEqual(described.missingIds, [gone]);
    const endpoint = described.found.get(id);
    assert.ok(endpoint && ['pending', 'available'].includes(endpoint.state));

    const all = await listInterfaceEndpoints(clients.ec2);
    assert.ok(all.some((e) => e.id === id));

    const enis = await describeNetworkInterfaces(clients.ec2, endpoint.networkInterfaceIds);
    assert.equal(enis.length, 2);
    for (const eni of enis) {
      const subnet = subnets.find((s) => s.id === eni.subnetId);
      assert.ok(subnet, 'each interface sits in one of the endpoint subnets');
      assert.ok(eni.privateIpAddress && inCidr(eni.privateIpAddress, subnet.cidrBlock), `${eni.privateIpAddress} in ${subnet.cidrBlock}`);
    }

    const acls = await describeNetworkAcls(clients.ec2, subnets.map((s) => s.id));
    assert.equal(acls.length, 1, 'both subnets share the default ACL');
    const acl = aclForSubnet(acls, subnets[0].id);
    assert.ok(acl?.isDefault);
    assert.deepEqual(
      acl.entries.map((e) => [e.egress, e.ruleNumber, e.protocol, e.cidrBlock, e.action, e.portRange]),
      [
        [false, 100, 'all', '0.0.0.0/0', 'allow', undefined],
        [false, 32767, 'all', '0.0.0.0/0', 'deny', undefined],
        [true, 100, 'all', '0.0.0.0/0', 'allow', undefined],
        [true, 32767, 'all', '0.0.0.0/0', 'deny', undefined],
      ],
    );
  });

  it('reports an endpoint waiting for acceptance as pendingAcceptance', async () => {
    emulator.setFaults({ nextEndpointOutcome: 'pendingAcceptance' });
    const app = vpc('app-vpc');
    const subnets = (await listSubnets(clients.ec2, app.id)).filter((s) => s.availabilityZone === 'us-east-1a');
    const created = await clients.ec2.send(
      new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: app.id, ServiceName: SERVICE_US, SubnetIds: subnets.map((s) => s.id), PrivateDnsEnabled: false }),
    );
    const id = created.VpcEndpoint?.VpcEndpointId as string;
    const endpoint = (await describeEndpoints(clients.ec2, [id])).found.get(id);
    assert.equal(endpoint?.state, 'pendingAcceptance');
  });

  it('reads the VPC\'s DHCP options', async () => {
    const app = vpc('app-vpc');
    assert.ok(app.dhcpOptionsId);
    const dhcp = await describeDhcpOptions(clients.ec2, app.dhcpOptionsId);
    assert.equal(dhcp?.id, app.dhcpOptionsId);
    assert.equal(dhcp?.usesAmazonProvidedDns, true);
    assert.deepEqual(await describeVpcDhcpOptions(clients.ec2, app.id), dhcp);
  });
});
