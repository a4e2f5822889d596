// Interface endpoint requests through the real SDK: validations and their error codes, DryRun,
// ClientToken idempotency, ModifyVpcEndpoint, and describing an unknown id.
import assert from 'node:assert/strict';
import { CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand, ModifyVpcEndpointCommand } from '@aws-sdk/client-ec2';
import { APP_SERVICE, type Fixture, rejection, startCustom } from './emulatorFixture';
import { useEndpointFixture } from './endpointFixture';

describe('ec2emulator: VPC endpoints, requests', function () {
  this.timeout(20000);
  let fx: Fixture;
  const { create, describeOne } = useEndpointFixture((f) => (fx = f));

  it('validations: private DNS needs both VPC DNS attributes', async () => {
    const err = await rejection(create({ VpcId: fx.ids.legacyVpc, SubnetIds: [fx.ids.legacySubnetA], SecurityGroupIds: [] }));
    assert.equal(err.name, 'InvalidParameter');
    assert.match(err.message, /enableDnsSupport and enableDnsHostnames/);
    assert.match(err.message, new RegExp(fx.ids.legacyVpc));
    // Without private DNS the same request succeeds, with the VPC's default group.
    const ok = await create({ VpcId: fx.ids.legacyVpc, SubnetIds: [fx.ids.legacySubnetA], SecurityGroupIds: [], PrivateDnsEnabled: false });
    assert.equal(ok.VpcEndpoint?.Groups?.[0].GroupName, 'default');
  });

  it('validations: a subnet in an AZ the service does not offer', async () => {
    const az = await rejection(create({ SubnetIds: [fx.ids.subnetA, fx.ids.subnetC] }));
    assert.equal(az.name, 'InvalidParameter');
    assert.match(az.message, new RegExp(fx.ids.subnetC));
    assert.match(az.message, /availability zone/);
  });

  it('validations: DuplicateSubnetsInSameZone, wrong VPC, unknown ids and service', async () => {
    const custom = await startCustom({
      seed: {
        accountId: '123456789012',
        regions: [
          {
            name: 'us-east-1',
            availabilityZones: ['us-east-1a', 'us-east-1b'],
            vpcs: [
              {
                name: 'v',
                cidrBlock: '127.30.0.0/16',
                enableDnsHostnames: true,
                subnets: [
                  { name: 'a1', cidrBlock: '127.30.1.0/24', availabilityZone: 'us-east-1a' },
                  { name: 'a2', cidrBlock: '127.30.2.0/24', availabilityZone: 'us-east-1a' },
                ],
              },
            ],
            endpointServices: [{ serviceName: APP_SERVICE, availabilityZones: ['us-east-1a', 'us-east-1b'], privateDnsName: '*.private-pg.psdb.cloud', owner: '111122223333' }],
          },
        ],
      },
    });
    try {
      const vpcId = custom.emulator.vpcIdByName('us-east-1', 'v') as string;
      const a1 = custom.emulator.subnetIdByName('us-east-1', 'a1') as string;
      const a2 = custom.emulator.subnetIdByName('us-east-1', 'a2') as string;
      const dup = await rejection(custom.ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: 'Interface', VpcId: vpcId, ServiceName: APP_SERVICE, SubnetIds: [a1, a2] })));
      assert.equal(dup.name, 'DuplicateSubnetsInSameZone');
      assert.equal(dup.$metadata?.httpStatusCode, 400);
    } finally {
      await custom.close();
    }
    assert.equal((await rejection(create({ SubnetIds: [fx.ids.legacySubnetA] }))).name, 'InvalidParameter');
    assert.equal((await rejection(create({ VpcId: 'vpc-00000000000000000' }))).name, 'InvalidVpcID.NotFound');
    assert.equal((await rejection(create({ SubnetIds: ['subnet-00000000000000000'] }))).name, 'InvalidSubnetID.NotFound');
    assert.equal((await rejection(create({ SecurityGroupIds: ['sg-00000000000000000'] }))).name, 'InvalidGroup.NotFound');
    const svc = await rejection(create({ ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0ffffffffffffffff' }));
    assert.equal(svc.name, 'InvalidServiceName');
    const gateway = await rejection(create({ VpcEndpointType: undefined }));
    assert.equal(gateway.name, 'InvalidParameter', 'the default type is Gateway, which the service does not offer');
    assert.deepEqual(fx.emulator.endpoints(), [], 'refused creates leave nothing behind');
  });

  it('validations: a second private-DNS endpoint for the same service in a VPC conflicts', async () => {
    await create();
    const conflict = await rejection(create());
    assert.equal(conflict.name, 'InvalidParameter');
    assert.match(conflict.message, /conflicting DNS domain for private-pg\.psdb\.cloud/);
    const withoutDns = await create({ PrivateDnsEnabled: false });
    assert.equal(withoutDns.VpcEndpoint?.PrivateDnsEnabled, false);
  });

  it('DryRun: DryRunOperation when the create would succeed, the validation error otherwise; nothing is created', async () => {
    const dry = await rejection(create({ DryRun: true }));
    assert.equal(dry.name, 'DryRunOperation');
    assert.equal(dry.$metadata?.httpStatusCode, 412);
    const dryBad = await rejection(create({ DryRun: true, VpcId: fx.ids.legacyVpc, SubnetIds: [fx.ids.legacySubnetA], SecurityGroupIds: [] }));
    assert.equal(dryBad.name, 'InvalidParameter');
    assert.deepEqual(fx.emulator.endpoints(), []);
    const { VpcEndpoint: ep } = await create();
    const id = ep?.VpcEndpointId as string;
    assert.equal((await rejection(fx.ec2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id], DryRun: true })))).name, 'DryRunOperation');
    assert.equal((await rejection(fx.ec2().send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, PrivateDnsEnabled: false, DryRun: true })))).name, 'DryRunOperation');
    const still = await describeOne(id);
    assert.notEqual(still.State, 'deleting');
    assert.equal(still.PrivateDnsEnabled, true);
  });

  it('ClientToken: a repeated create returns the same endpoint; a different request with the token is IdempotentParameterMismatch', async () => {
    const first = await create({ ClientToken: 'token-1' });
    const again = await create({ ClientToken: 'token-1' });
    assert.equal(again.VpcEndpoint?.VpcEndpointId, first.VpcEndpoint?.VpcEndpointId);
    assert.equal(again.ClientToken, 'token-1');
    assert.equal(fx.emulator.endpoints().length, 1);
    const mismatch = await rejection(create({ ClientToken: 'token-1', SubnetIds: [fx.ids.subnetA] }));
    assert.equal(mismatch.name, 'IdempotentParameterMismatch');
    assert.equal(fx.emulator.endpoints().length, 1);
  });

  it('ModifyVpcEndpoint: private DNS on and off, subnets and security groups', async () => {
    const { VpcEndpoint: ep } = await create({ PrivateDnsEnabled: false, SubnetIds: [fx.ids.subnetA] });
    const id = ep?.VpcEndpointId as string;
    const res = await fx.ec2().send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, PrivateDnsEnabled: true, AddSubnetIds: [fx.ids.subnetB], AddSecurityGroupIds: [fx.ids.appDefaultSg] }));
    assert.equal(res.Return, true);
    const after = await describeOne(id);
    assert.equal(after.PrivateDnsEnabled, true);
    assert.ok(after.DnsEntries?.some((d) => d.DnsName === '*.private-pg.psdb.cloud'));
    assert.deepEqual(after.SubnetIds, [fx.ids.subnetA, fx.ids.subnetB]);
    assert.equal(after.NetworkInterfaceIds?.length, 2);
    const view = fx.emulator.endpoints().find((e) => e.endpointId === id);
    assert.deepEqual(view?.interfaces.map((i) => i.securityGroupIds.length), [2, 2]);

    await fx.ec2().send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, RemoveSubnetIds: [fx.ids.subnetA], RemoveSecurityGroupIds: [fx.ids.appDefaultSg] }));
    const removed = await describeOne(id);
    assert.deepEqual(removed.SubnetIds, [fx.ids.subnetB]);
    assert.equal(removed.NetworkInterfaceIds?.length, 1);
    assert.deepEqual(removed.Groups?.map((g) => g.GroupId), [fx.ids.appServersSg]);

    const bad = await rejection(fx.ec2().send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, AddSubnetIds: [fx.ids.subnetC] })));
    assert.equal(bad.name, 'InvalidParameter');
    const missing = await rejection(fx.ec2().send(new ModifyVpcEndpointCommand({ VpcEndpointId: 'vpce-00000000000000000', PrivateDnsEnabled: true })));
    assert.equal(missing.name, 'InvalidVpcEndpointId.NotFound');
  });

  it('DescribeVpcEndpoints: unknown id is InvalidVpcEndpointId.NotFound', async () => {
    const err = await rejection(fx.ec2().send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-00000000000000000'] })));
    assert.equal(err.name, 'InvalidVpcEndpointId.NotFound');
  });
});
