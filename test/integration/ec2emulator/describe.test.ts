// The emulator's Describe calls and STS, through the real @aws-sdk clients over HTTP.
import assert from 'node:assert/strict';
import {
  DescribeAvailabilityZonesCommand,
  DescribeDhcpOptionsCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { APP_SERVICE, EU_SERVICE, FAKE_CREDENTIALS, type Fixture, rejection, useFixture } from './emulatorFixture';

describe('ec2emulator: describe calls and STS', function () {
  this.timeout(20000);
  let fx: Fixture;

  useFixture((f) => (fx = f), {}, 'file');

  it('binds to 127.0.0.1 only', () => {
    assert.match(fx.emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('STS GetCallerIdentity answers with the seeded account, also for another region', async () => {
    const id = await fx.sts().send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, '123456789012');
    assert.equal(id.Arn, 'arn:aws:iam::123456789012:user/sandbox-developer');
    assert.ok(id.UserId);
    assert.match(id.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    const eu = await fx.sts('eu-west-1').send(new GetCallerIdentityCommand({}));
    assert.equal(eu.Account, '123456789012');
  });

  it('DescribeRegions lists the seeded regions; DescribeAvailabilityZones is per region', async () => {
    const regions = await fx.ec2().send(new DescribeRegionsCommand({}));
    assert.deepEqual(regions.Regions?.map((r) => r.RegionName).sort(), ['eu-west-1', 'us-east-1']);
    assert.equal(regions.Regions?.[0].Endpoint, `ec2.${regions.Regions?.[0].RegionName}.amazonaws.com`);
    const filtered = await fx.ec2().send(new DescribeRegionsCommand({ Filters: [{ Name: 'region-name', Values: ['eu-*'] }] }));
    assert.deepEqual(filtered.Regions?.map((r) => r.RegionName), ['eu-west-1']);

    const zones = await fx.ec2().send(new DescribeAvailabilityZonesCommand({}));
    assert.deepEqual(zones.AvailabilityZones?.map((z) => z.ZoneName), ['us-east-1a', 'us-east-1b', 'us-east-1c']);
    assert.deepEqual(zones.AvailabilityZones?.map((z) => z.ZoneId), ['use1-az1', 'use1-az2', 'use1-az3']);
    assert.equal(zones.AvailabilityZones?.[0].State, 'available');
    const euZones = await fx.ec2('eu-west-1').send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['eu-west-1b'] }));
    assert.deepEqual(euZones.AvailabilityZones?.map((z) => [z.ZoneName, z.RegionName]), [['eu-west-1b', 'eu-west-1']]);
  });

  it('DescribeVpcs: the seeded VPCs with tags, CIDRs, isDefault; ids, filters and wildcards', async () => {
    const all = await fx.ec2().send(new DescribeVpcsCommand({}));
    const byName = new Map(all.Vpcs?.map((v) => [v.Tags?.find((t) => t.Key === 'Name')?.Value, v]));
    assert.deepEqual([...byName.keys()].sort(), ['app-vpc', 'default', 'legacy-vpc']);
    assert.equal(byName.get('app-vpc')?.CidrBlock, '127.10.0.0/16');
    assert.equal(byName.get('app-vpc')?.VpcId, fx.ids.appVpc);
    assert.match(fx.ids.appVpc, /^vpc-[0-9a-f]{17}$/);
    assert.equal(byName.get('default')?.IsDefault, true);
    assert.equal(byName.get('app-vpc')?.IsDefault, false);
    assert.equal(byName.get('app-vpc')?.State, 'available');
    assert.equal(byName.get('app-vpc')?.OwnerId, '123456789012');

    const one = await fx.ec2().send(new DescribeVpcsCommand({ VpcIds: [fx.ids.legacyVpc] }));
    assert.deepEqual(one.Vpcs?.map((v) => v.CidrBlock), ['127.11.0.0/16']);
    const def = await fx.ec2().send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    assert.deepEqual(def.Vpcs?.map((v) => v.VpcId), [fx.ids.defaultVpc]);
    const tagged = await fx.ec2().send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['*-vpc'] }] }));
    assert.deepEqual(tagged.Vpcs?.map((v) => v.VpcId).sort(), [fx.ids.appVpc, fx.ids.legacyVpc].sort());
    const both = await fx.ec2().send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'tag-key', Values: ['Name'] }, { Name: 'cidr', Values: ['127.12.0.0/16'] }] }),
    );
    assert.deepEqual(both.Vpcs?.map((v) => v.VpcId), [fx.ids.defaultVpc]);
    const eu = await fx.ec2('eu-west-1').send(new DescribeVpcsCommand({}));
    assert.deepEqual(eu.Vpcs?.map((v) => v.CidrBlock), ['127.20.0.0/16']);
  });

  it('unknown ids and unknown filters fail as EC2 does', async () => {
    const missing = await rejection(fx.ec2().send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })));
    assert.equal(missing.name, 'InvalidVpcID.NotFound');
    assert.equal(missing.$metadata?.httpStatusCode, 400);
    assert.match(missing.message, /vpc-0123456789abcdef0/);
    const badFilter = await rejection(fx.ec2().send(new DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })));
    assert.equal(badFilter.name, 'InvalidParameterValue');
    assert.match(badFilter.message, /colour/);
    const subnet = await rejection(fx.ec2().send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0000000000000000f'] })));
    assert.equal(subnet.name, 'InvalidSubnetID.NotFound');
    const group = await rejection(fx.ec2().send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0000000000000000f'] })));
    assert.equal(group.name, 'InvalidGroup.NotFound');
    const service = await rejection(fx.ec2().send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [EU_SERVICE] })));
    assert.equal(service.name, 'InvalidServiceName');
  });

  it('DescribeVpcAttribute reads one attribute per call; ModifyVpcAttribute changes it', async () => {
    const hostnames = await fx.ec2().send(new DescribeVpcAttributeCommand({ VpcId: fx.ids.legacyVpc, Attribute: 'enableDnsHostnames' }));
    assert.equal(hostnames.VpcId, fx.ids.legacyVpc);
    assert.equal(hostnames.EnableDnsHostnames?.Value, false);
    assert.equal(hostnames.EnableDnsSupport, undefined);
    const support = await fx.ec2().send(new DescribeVpcAttributeCommand({ VpcId: fx.ids.legacyVpc, Attribute: 'enableDnsSupport' }));
    assert.equal(support.EnableDnsSupport?.Value, true);
    const app = await fx.ec2().send(new DescribeVpcAttributeCommand({ VpcId: fx.ids.appVpc, Attribute: 'enableDnsHostnames' }));
    assert.equal(app.EnableDnsHostnames?.Value, true);

    await fx.ec2().send(new ModifyVpcAttributeCommand({ VpcId: fx.ids.legacyVpc, EnableDnsHostnames: { Value: true } }));
    const after = await fx.ec2().send(new DescribeVpcAttributeCommand({ VpcId: fx.ids.legacyVpc, Attribute: 'enableDnsHostnames' }));
    assert.equal(after.EnableDnsHostnames?.Value, true);
    assert.equal(fx.emulator.vpc('us-east-1', fx.ids.legacyVpc)?.enableDnsHostnames, true);
    await fx.ec2().send(new ModifyVpcAttributeCommand({ VpcId: fx.ids.legacyVpc, EnableDnsHostnames: { Value: false } }));
    assert.equal(fx.emulator.vpc('us-east-1', fx.ids.legacyVpc)?.enableDnsHostnames, false);

    const both = await rejection(
      fx.ec2().send(new ModifyVpcAttributeCommand({ VpcId: fx.ids.legacyVpc, EnableDnsHostnames: { Value: true }, EnableDnsSupport: { Value: true } })),
    );
    assert.equal(both.name, 'InvalidParameterCombination');
    const bad = await rejection(fx.ec2().send(new DescribeVpcAttributeCommand({ VpcId: fx.ids.appVpc, Attribute: 'enableColour' as never })));
    assert.equal(bad.name, 'InvalidParameterValue');
    const unknown = await rejection(fx.ec2().send(new DescribeVpcAttributeCommand({ VpcId: 'vpc-00000000000000000', Attribute: 'enableDnsSupport' })));
    assert.equal(unknown.name, 'InvalidVpcID.NotFound');
  });

  it('DescribeSubnets by vpc-id and availability-zone', async () => {
    const subnets = await fx.ec2().send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [fx.ids.appVpc] }] }));
    assert.deepEqual(
      subnets.Subnets?.map((s) => [s.CidrBlock, s.AvailabilityZone, s.VpcId]),
      [
        ['127.10.1.0/24', 'us-east-1a', fx.ids.appVpc],
        ['127.10.2.0/24', 'us-east-1b', fx.ids.appVpc],
        ['127.10.3.0/24', 'us-east-1c', fx.ids.appVpc],
      ],
    );
    assert.equal(subnets.Subnets?.[0].AvailabilityZoneId, 'use1-az1');
    // 256 addresses, 5 reserved by AWS, two taken by the seeded instances there (app-instance, ops-bastion).
    assert.equal(subnets.Subnets?.[0].AvailableIpAddressCount, 249);
    const inA = await fx.ec2().send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'availability-zone', Values: ['us-east-1a'] }, { Name: 'default-for-az', Values: ['true'] }] }),
    );
    assert.deepEqual(inA.Subnets?.map((s) => s.CidrBlock), ['127.12.0.0/20']);
  });

  it('DescribeSecurityGroups: default group with self rule and egress-all; app-servers; filters', async () => {
    const groups = await fx.ec2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [fx.ids.appVpc] }] }));
    const def = groups.SecurityGroups?.find((g) => g.GroupName === 'default');
    assert.ok(def);
    assert.equal(def.GroupId, fx.ids.appDefaultSg);
    assert.deepEqual(def.IpPermissions?.map((p) => [p.IpProtocol, p.UserIdGroupPairs?.map((u) => u.GroupId)]), [['-1', [def.GroupId]]]);
    assert.deepEqual(def.IpPermissionsEgress?.map((p) => [p.IpProtocol, p.IpRanges?.map((r) => r.CidrIp)]), [['-1', ['0.0.0.0/0']]]);
    const app = groups.SecurityGroups?.find((g) => g.GroupName === 'app-servers');
    assert.equal(app?.GroupId, fx.ids.appServersSg);
    assert.deepEqual(app?.IpPermissions?.map((p) => [p.IpProtocol, p.FromPort, p.ToPort]), [['tcp', 443, 443]]);

    const byName = await fx.ec2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['app-servers'] }] }));
    assert.deepEqual(byName.SecurityGroups?.map((g) => g.GroupId), [fx.ids.appServersSg]);
    const euGroups = await fx.ec2('eu-west-1').send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['app-servers'] }] }));
    assert.equal(euGroups.SecurityGroups?.length, 1);
    assert.notEqual(euGroups.SecurityGroups?.[0].GroupId, fx.ids.appServersSg);
  });

  it('DescribeSecurityGroupRules lists flat rules with ids, filterable by group-id', async () => {
    const rules = await fx.ec2().send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [fx.ids.appDefaultSg] }] }));
    assert.equal(rules.SecurityGroupRules?.length, 2);
    const ingress = rules.SecurityGroupRules?.find((r) => !r.IsEgress);
    assert.equal(ingress?.ReferencedGroupInfo?.GroupId, fx.ids.appDefaultSg);
    const egress = rules.SecurityGroupRules?.find((r) => r.IsEgress);
    assert.equal(egress?.CidrIpv4, '0.0.0.0/0');
    assert.match(egress?.SecurityGroupRuleId ?? '', /^sgr-[0-9a-f]{17}$/);
  });

  it('DescribeNetworkAcls: default NACL by association.subnet-id, rule 100 allow then * deny both ways', async () => {
    const acls = await fx.ec2().send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [fx.ids.subnetB] }] }));
    assert.equal(acls.NetworkAcls?.length, 1);
    const acl = acls.NetworkAcls?.[0];
    assert.equal(acl?.IsDefault, true);
    assert.equal(acl?.VpcId, fx.ids.appVpc);
    assert.ok(acl?.Associations?.some((a) => a.SubnetId === fx.ids.subnetB));
    assert.deepEqual(
      acl?.Entries?.map((e) => [e.Egress, e.RuleNumber, e.Protocol, e.RuleAction, e.CidrBlock]),
      [
        [false, 100, '-1', 'allow', '0.0.0.0/0'],
        [false, 32767, '-1', 'deny', '0.0.0.0/0'],
        [true, 100, '-1', 'allow', '0.0.0.0/0'],
        [true, 32767, '-1', 'deny', '0.0.0.0/0'],
      ],
    );
    const defaults = await fx.ec2().send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'default', Values: ['true'] }] }));
    assert.equal(defaults.NetworkAcls?.length, 3);
  });

  it('DescribeNetworkInterfaces shows the application instance interface at 127.10.1.50', async () => {
    const enis = await fx.ec2().send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'private-ip-address', Values: ['127.10.1.50'] }] }));
    assert.equal(enis.NetworkInterfaces?.length, 1);
    const eni = enis.NetworkInterfaces?.[0];
    assert.equal(eni?.SubnetId, fx.ids.subnetA);
    assert.deepEqual(eni?.Groups?.map((g) => g.GroupId), [fx.ids.appServersSg]);
    assert.equal(eni?.InterfaceType, 'interface');
    assert.equal(eni?.Attachment?.InstanceId, fx.emulator.applicationInstance()?.instanceId);
    const byInstance = await fx.ec2().send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [eni?.Attachment?.InstanceId ?? ''] }] }),
    );
    assert.deepEqual(byInstance.NetworkInterfaces?.map((n) => n.NetworkInterfaceId), [eni?.NetworkInterfaceId]);
  });

  it('DescribeVpcEndpointServices: the PlanetScale-like service with AZs, private DNS name and acceptance', async () => {
    const res = await fx.ec2().send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [APP_SERVICE] }));
    assert.deepEqual(res.ServiceNames, [APP_SERVICE]);
    const detail = res.ServiceDetails?.[0];
    assert.deepEqual(detail?.AvailabilityZones, ['us-east-1a', 'us-east-1b']);
    assert.equal(detail?.PrivateDnsName, '*.private-pg.psdb.cloud');
    assert.equal(detail?.AcceptanceRequired, false);
    assert.deepEqual(detail?.ServiceType?.map((t) => t.ServiceType), ['Interface']);
    assert.equal(detail?.ServiceId, 'vpce-svc-0a1b2c3d4e5f60001');
    const eu = await fx.ec2('eu-west-1').send(new DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'service-name', Values: [EU_SERVICE] }] }));
    assert.deepEqual(eu.ServiceDetails?.map((d) => d.AvailabilityZones), [['eu-west-1a', 'eu-west-1b']]);
  });

  it('DescribeDhcpOptions: AmazonProvidedDNS', async () => {
    const res = await fx.ec2().send(new DescribeDhcpOptionsCommand({}));
    const config = res.DhcpOptions?.[0].DhcpConfigurations;
    assert.deepEqual(config?.find((c) => c.Key === 'domain-name-servers')?.Values?.map((v) => v.Value), ['AmazonProvidedDNS']);
    assert.deepEqual(config?.find((c) => c.Key === 'domain-name')?.Values?.map((v) => v.Value), ['ec2.internal']);
  });

  describe('raw protocol', () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${fx.emulator.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers }, body });
    const auth = (service: string, region = 'us-east-1') => ({
      authorization: `AWS4-HMAC-SHA256 Credential=${FAKE_CREDENTIALS.accessKeyId}/20250101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd`,
    });

    it('a request without a SigV4 Authorization header is AuthFailure in the EC2 error envelope', async () => {
      const res = await post('Action=DescribeVpcs&Version=2016-11-15');
      assert.equal(res.status, 401);
      const text = await res.text();
      assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Errors><Error><Code>AuthFailure<\/Code><Message>[^<]+<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);
    });

    it('an unknown action is InvalidAction (400)', async () => {
      const res = await post('Action=LaunchRockets&Version=2016-11-15', auth('ec2'));
      assert.equal(res.status, 400);
      assert.match(await res.text(), /<Code>InvalidAction<\/Code>/);
    });

    it('answers in the EC2 namespace with a requestId, lists as <item>', async () => {
      const res = await post('Action=DescribeAvailabilityZones&Version=2016-11-15&ZoneName.1=us-east-1b', auth('ec2'));
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.match(text, /<DescribeAvailabilityZonesResponse xmlns="http:\/\/ec2\.amazonaws\.com\/doc\/2016-11-15\/"><requestId>[0-9a-f-]{36}<\/requestId><availabilityZoneInfo><item>/);
      assert.match(text, /<zoneName>us-east-1b<\/zoneName>/);
      assert.doesNotMatch(text, /us-east-1a/);
    });

    it('the region comes from the credential scope', async () => {
      const res = await post('Action=DescribeVpcs&Version=2016-11-15', auth('ec2', 'eu-west-1'));
      const text = await res.text();
      assert.match(text, /127\.20\.0\.0\/16/);
      assert.doesNotMatch(text, /127\.10\.0\.0\/16/);
    });

    it('the sts credential scope selects STS, with its own envelope', async () => {
      const ok = await post('Action=GetCallerIdentity&Version=2011-06-15', auth('sts'));
      assert.match(
        await ok.text(),
        /<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user\/sandbox-developer<\/Arn><UserId>\w+<\/UserId><Account>123456789012<\/Account><\/GetCallerIdentityResult><ResponseMetadata><RequestId>/,
      );
      const bad = await post('Action=AssumeRoleWithMagic&Version=2011-06-15', auth('sts'));
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code>/);
      const unsigned = await post('Action=GetCallerIdentity&Version=2011-06-15');
      assert.equal(unsigned.status, 403);
    });
  });
});
