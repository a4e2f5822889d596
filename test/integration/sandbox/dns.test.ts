// The sandbox DNS server as the VPC's resolver, through Node's own dns.Resolver pointed at it:
// a branch's private host is NXDOMAIN until an endpoint with private DNS for its service is
// available in the application's VPC, then it answers the endpoint's interface IPs.
import assert from 'node:assert/strict';
import {
  CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, DescribeNetworkInterfacesCommand, EC2Client, ModifyVpcEndpointCommand,
} from '@aws-sdk/client-ec2';
import { cidrContains } from '../../../sandbox/network/ipv4';
import { useSandbox } from '../support/sandbox';
import { createEndpointSecurityGroup, ec2Client, sandboxResolver, waitForEndpointState } from '../support/clients';
import { eventually } from '../../harness/eventually';

const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';

async function dnsCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'answered';
  } catch (error) {
    return String((error as NodeJS.ErrnoException).code);
  }
}

describe('sandbox DNS server (the VPC resolver)', function () {
  this.timeout(30_000);
  const sandbox = useSandbox({ endpointAvailableAfterMs: 1200 });
  let ec2: EC2Client;
  let host: string;
  let endpointId: string;
  let interfaceIps: string[];

  before(() => {
    ec2 = ec2Client(sandbox().info);
    host = sandbox().postgres.seededRole('orders', 'main').privateHost;
  });
  after(() => ec2?.destroy());

  it('answers NXDOMAIN for the private host while no endpoint exists', async () => {
    assert.equal(await dnsCode(sandboxResolver(sandbox().info).resolve4(host)), 'ENOTFOUND');
  });

  it('stays NXDOMAIN while the endpoint is pending, then answers its interface IPs once available', async () => {
    const region = sandbox().info.region;
    const group = await createEndpointSecurityGroup(sandbox(), 'dns-endpoint-sg', [5432, 6432]);
    const created = await ec2.send(new CreateVpcEndpointCommand({
      VpcEndpointType: 'Interface', ServiceName: SERVICE, PrivateDnsEnabled: true,
      VpcId: sandbox().ec2.vpcIdByName(region, 'app-vpc'),
      SubnetIds: ['app-vpc-us-east-1a', 'app-vpc-us-east-1b'].map((name) => sandbox().ec2.subnetIdByName(region, name) ?? ''),
      SecurityGroupIds: [group],
    }));
    endpointId = created.VpcEndpoint?.VpcEndpointId ?? '';
    assert.equal(String(created.VpcEndpoint?.State).toLowerCase(), 'pending');
    assert.equal(await dnsCode(sandboxResolver(sandbox().info).resolve4(host)), 'ENOTFOUND');

    const available = await waitForEndpointState(ec2, endpointId, 'available');
    const enis = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: available.NetworkInterfaceIds }));
    interfaceIps = (enis.NetworkInterfaces ?? []).map((n) => n.PrivateIpAddress ?? '').sort();
    assert.equal(interfaceIps.length, 2);
    const answer = await sandboxResolver(sandbox().info).resolve4(host);
    assert.deepEqual([...answer].sort(), interfaceIps);
    const vpc = sandbox().ec2.vpc(region, sandbox().ec2.vpcIdByName(region, 'app-vpc') ?? '');
    assert.ok(vpc && interfaceIps.every((ip) => cidrContains(vpc.cidrBlock, ip)), `the IPs are inside app-vpc (${vpc?.cidrBlock})`);
  });

  it('answers any single label under the wildcard, but not two labels or other names', async () => {
    const resolver = sandboxResolver(sandbox().info);
    assert.deepEqual([...await resolver.resolve4('anybranch.private-pg.psdb.cloud')].sort(), interfaceIps);
    assert.equal(await dnsCode(resolver.resolve4(`a.${host}`)), 'ENOTFOUND');
    assert.equal(await dnsCode(resolver.resolve4('private-pg.psdb.cloud')), 'ENOTFOUND');
    // Never forwarded anywhere: a public name is unknown here.
    assert.equal(await dnsCode(resolver.resolve4('example.com')), 'ENOTFOUND');
    // The name exists with A records only.
    assert.equal(await dnsCode(resolver.resolve6(host)), 'ENODATA');
  });

  it('stops answering when private DNS is turned off on the endpoint, and answers again when on', async () => {
    const resolver = sandboxResolver(sandbox().info);
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpointId, PrivateDnsEnabled: false }));
    assert.equal(await dnsCode(resolver.resolve4(host)), 'ENOTFOUND');
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpointId, PrivateDnsEnabled: true }));
    assert.deepEqual([...await resolver.resolve4(host)].sort(), interfaceIps);
  });

  it('answers for the application VPC only: an endpoint in another VPC does not change the answer', async () => {
    const region = sandbox().info.region;
    const created = await ec2.send(new CreateVpcEndpointCommand({
      VpcEndpointType: 'Interface', ServiceName: SERVICE, PrivateDnsEnabled: true,
      VpcId: sandbox().ec2.vpcIdByName(region, 'default'),
      SubnetIds: [sandbox().ec2.subnetIdByAz(region, 'default', 'us-east-1a') ?? ''],
    }));
    const otherId = created.VpcEndpoint?.VpcEndpointId ?? '';
    try {
      await waitForEndpointState(ec2, otherId, 'available');
      assert.deepEqual([...await sandboxResolver(sandbox().info).resolve4(host)].sort(), interfaceIps);
    } finally {
      await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [otherId] }));
    }
  });

  it('answers an override (for diagnose scenarios) and goes back to the endpoint when it is removed', async () => {
    const resolver = sandboxResolver(sandbox().info);
    sandbox().dns.setOverride(host, ['127.99.0.1']);
    try {
      assert.deepEqual(await resolver.resolve4(host), ['127.99.0.1']);
    } finally {
      sandbox().dns.setOverride(host, null);
    }
    assert.deepEqual([...await resolver.resolve4(host)].sort(), interfaceIps);
  });

  it('answers NXDOMAIN again once the endpoint is deleted', async () => {
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    const resolver = sandboxResolver(sandbox().info);
    await eventually(async () => ((await dnsCode(resolver.resolve4(host))) === 'ENOTFOUND' ? true : undefined), 'NXDOMAIN', 5000);
  });
});
