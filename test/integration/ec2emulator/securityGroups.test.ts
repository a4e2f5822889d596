// Security groups through the real SDK: create, authorize, revoke, delete, their validations
// and DryRun.
import assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { type Fixture, rejection, useFixture } from './emulatorFixture';

describe('ec2emulator: security groups', function () {
  this.timeout(20000);
  let fx: Fixture;

  useFixture((f) => (fx = f));

  const create = (name = 'PScalePrivateLinkEndpointSG', vpcId?: string) =>
    fx.ec2().send(
      new CreateSecurityGroupCommand({
        GroupName: name,
        Description: 'Security group for PlanetScale PrivateLink endpoint',
        VpcId: vpcId ?? fx.ids.appVpc,
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'planetscale-privatelink:created-by', Value: 'vscode-extension' }] }],
      }),
    );

  it('CreateSecurityGroup creates a group with tags and the default egress rule', async () => {
    const res = await create();
    assert.match(res.GroupId ?? '', /^sg-[0-9a-f]{17}$/);
    assert.deepEqual(res.Tags, [{ Key: 'planetscale-privatelink:created-by', Value: 'vscode-extension' }]);
    const described = await fx.ec2().send(new DescribeSecurityGroupsCommand({ GroupIds: [res.GroupId as string] }));
    const group = described.SecurityGroups?.[0];
    assert.equal(group?.GroupName, 'PScalePrivateLinkEndpointSG');
    assert.equal(group?.Description, 'Security group for PlanetScale PrivateLink endpoint');
    assert.equal(group?.VpcId, fx.ids.appVpc);
    assert.deepEqual(group?.IpPermissions, []);
    assert.deepEqual(group?.IpPermissionsEgress?.map((p) => [p.IpProtocol, p.IpRanges?.[0]?.CidrIp]), [['-1', '0.0.0.0/0']]);
    const byTag = await fx.ec2().send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:planetscale-privatelink:created-by', Values: ['vscode-extension'] }] }),
    );
    assert.deepEqual(byTag.SecurityGroups?.map((g) => g.GroupId), [res.GroupId]);
  });

  it('a second group of the same name in the VPC is InvalidGroup.Duplicate; another VPC is fine', async () => {
    await create();
    const dup = await rejection(create());
    assert.equal(dup.name, 'InvalidGroup.Duplicate');
    assert.match(dup.message, /PScalePrivateLinkEndpointSG/);
    assert.match(dup.message, new RegExp(fx.ids.appVpc));
    const other = await create(undefined, fx.ids.legacyVpc);
    assert.ok(other.GroupId);
  });

  it('names and VPCs are validated', async () => {
    assert.equal((await rejection(create('sg-looks-like-an-id'))).name, 'InvalidParameterValue');
    assert.equal((await rejection(create('default'))).name, 'InvalidGroup.Reserved');
    assert.equal((await rejection(create('ok', 'vpc-00000000000000000'))).name, 'InvalidVpcID.NotFound');
    const noName = await rejection(fx.ec2().send(new CreateSecurityGroupCommand({ GroupName: '', Description: 'x', VpcId: fx.ids.appVpc })));
    assert.equal(noName.name, 'MissingParameter');
  });

  it('AuthorizeSecurityGroupIngress with a source group (option A) and a CIDR (option B); duplicates refused', async () => {
    const { GroupId } = await create();
    const res = await fx.ec2().send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: fx.ids.appServersSg }] },
          { IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, UserIdGroupPairs: [{ GroupId: fx.ids.appServersSg }] },
        ],
      }),
    );
    assert.equal(res.Return, true);
    assert.equal(res.SecurityGroupRules?.length, 2);
    assert.deepEqual(res.SecurityGroupRules?.map((r) => [r.FromPort, r.ReferencedGroupInfo?.GroupId, r.IsEgress]), [
      [5432, fx.ids.appServersSg, false],
      [6432, fx.ids.appServersSg, false],
    ]);
    await fx.ec2().send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '127.10.0.0/16', Description: 'VPC' }] }] }),
    );
    const view = fx.emulator.securityGroup('us-east-1', GroupId as string);
    assert.deepEqual(
      view?.ingress.map((r) => [r.ipProtocol, r.fromPort, r.toPort, r.referencedGroupId ?? r.cidrIpv4]),
      [
        ['tcp', 5432, 5432, fx.ids.appServersSg],
        ['tcp', 6432, 6432, fx.ids.appServersSg],
        ['tcp', 5432, 5432, '127.10.0.0/16'],
      ],
    );
    const described = await fx.ec2().send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId as string] }));
    const p5432 = described.SecurityGroups?.[0].IpPermissions?.find((p) => p.FromPort === 5432);
    assert.deepEqual(p5432?.UserIdGroupPairs?.map((u) => u.GroupId), [fx.ids.appServersSg]);
    assert.deepEqual(p5432?.IpRanges, [{ CidrIp: '127.10.0.0/16', Description: 'VPC' }]);
    const filtered = await fx.ec2().send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.group-id', Values: [fx.ids.appServersSg] }, { Name: 'ip-permission.to-port', Values: ['6432'] }] }),
    );
    assert.deepEqual(filtered.SecurityGroups?.map((g) => g.GroupId), [GroupId]);

    const dup = await rejection(
      fx.ec2().send(
        new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, UserIdGroupPairs: [{ GroupId: fx.ids.appServersSg }] }] }),
      ),
    );
    assert.equal(dup.name, 'InvalidPermission.Duplicate');
    assert.equal(dup.$metadata?.httpStatusCode, 400);
    assert.equal(fx.emulator.securityGroup('us-east-1', GroupId as string)?.ingress.length, 3, 'a refused call adds nothing');
  });

  it('invalid protocols, ports and CIDRs are InvalidParameterValue; unknown groups InvalidGroup.NotFound', async () => {
    const { GroupId } = await create();
    const cases = [
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.0.0.0/33' }] },
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: 'not-a-cidr' }] },
      { IpProtocol: 'tcp', FromPort: 6432, ToPort: 5432, IpRanges: [{ CidrIp: '127.0.0.0/8' }] },
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 70000, IpRanges: [{ CidrIp: '127.0.0.0/8' }] },
      { IpProtocol: 'tcp', IpRanges: [{ CidrIp: '127.0.0.0/8' }] },
      { IpProtocol: 'carrier-pigeon', FromPort: 1, ToPort: 2, IpRanges: [{ CidrIp: '127.0.0.0/8' }] },
    ];
    for (const perm of cases) {
      const err = await rejection(fx.ec2().send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [perm] })));
      assert.equal(err.name, 'InvalidParameterValue', JSON.stringify(perm));
    }
    const unknownSource = await rejection(
      fx.ec2().send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 1, UserIdGroupPairs: [{ GroupId: 'sg-00000000000000000' }] }] })),
    );
    assert.equal(unknownSource.name, 'InvalidGroup.NotFound');
    const unknownTarget = await rejection(
      fx.ec2().send(new AuthorizeSecurityGroupIngressCommand({ GroupId: 'sg-00000000000000000', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] })),
    );
    assert.equal(unknownTarget.name, 'InvalidGroup.NotFound');
    assert.deepEqual(fx.emulator.securityGroup('us-east-1', GroupId as string)?.ingress, []);
  });

  it('RevokeSecurityGroupIngress by permission and by rule id; a missing rule is InvalidPermission.NotFound', async () => {
    const { GroupId } = await create();
    const perm = { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '127.10.0.0/16' }] };
    const added = await fx.ec2().send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [perm, { IpProtocol: 'tcp', FromPort: 6432, ToPort: 6432, IpRanges: [{ CidrIp: '127.10.0.0/16' }] }] }),
    );
    const revoked = await fx.ec2().send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions: [perm] }));
    assert.equal(revoked.Return, true);
    assert.deepEqual(fx.emulator.securityGroup('us-east-1', GroupId as string)?.ingress.map((r) => r.fromPort), [6432]);
    const missing = await rejection(fx.ec2().send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions: [perm] })));
    assert.equal(missing.name, 'InvalidPermission.NotFound');
    const ruleId = added.SecurityGroupRules?.find((r) => r.FromPort === 6432)?.SecurityGroupRuleId as string;
    await fx.ec2().send(new RevokeSecurityGroupIngressCommand({ GroupId, SecurityGroupRuleIds: [ruleId] }));
    assert.deepEqual(fx.emulator.securityGroup('us-east-1', GroupId as string)?.ingress, []);
    const rules = await fx.ec2().send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [GroupId as string] }] }));
    assert.deepEqual(rules.SecurityGroupRules?.map((r) => r.IsEgress), [true]);
  });

  it('AuthorizeSecurityGroupEgress adds an outbound rule', async () => {
    const { GroupId } = await create();
    await fx.ec2().send(
      new AuthorizeSecurityGroupEgressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '127.10.0.0/16' }] }] }),
    );
    assert.deepEqual(fx.emulator.securityGroup('us-east-1', GroupId as string)?.egress.map((r) => r.fromPort), [-1, 5432]);
  });

  it('DeleteSecurityGroup: gone afterwards; the default group cannot be deleted; a referenced group is a DependencyViolation', async () => {
    const { GroupId } = await create();
    const referencing = await create('referencing');
    await fx.ec2().send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: referencing.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId }] }],
      }),
    );
    const used = await rejection(fx.ec2().send(new DeleteSecurityGroupCommand({ GroupId })));
    assert.equal(used.name, 'DependencyViolation');
    await fx.ec2().send(new DeleteSecurityGroupCommand({ GroupId: referencing.GroupId }));
    const res = await fx.ec2().send(new DeleteSecurityGroupCommand({ GroupId }));
    assert.equal(res.Return, true);
    assert.equal(fx.emulator.securityGroup('us-east-1', GroupId as string), undefined);
    assert.equal((await rejection(fx.ec2().send(new DeleteSecurityGroupCommand({ GroupId })))).name, 'InvalidGroup.NotFound');
    assert.equal((await rejection(fx.ec2().send(new DeleteSecurityGroupCommand({ GroupId: fx.ids.appDefaultSg })))).name, 'CannotDelete');
    // The application instance's interface uses app-servers.
    assert.equal((await rejection(fx.ec2().send(new DeleteSecurityGroupCommand({ GroupId: fx.ids.appServersSg })))).name, 'DependencyViolation');
  });

  it('DryRun: DryRunOperation (412) when the call would succeed, nothing changes; a failing call still fails with its own error', async () => {
    const dry = await rejection(
      fx.ec2().send(new CreateSecurityGroupCommand({ GroupName: 'dry', Description: 'dry run', VpcId: fx.ids.appVpc, DryRun: true })),
    );
    assert.equal(dry.name, 'DryRunOperation');
    assert.equal(dry.$metadata?.httpStatusCode, 412);
    const groups = await fx.ec2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['dry'] }] }));
    assert.deepEqual(groups.SecurityGroups, []);

    const { GroupId } = await create();
    const perm = { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: fx.ids.appServersSg }] };
    assert.equal((await rejection(fx.ec2().send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [perm], DryRun: true })))).name, 'DryRunOperation');
    assert.deepEqual(fx.emulator.securityGroup('us-east-1', GroupId as string)?.ingress, []);
    assert.equal((await rejection(fx.ec2().send(new DeleteSecurityGroupCommand({ GroupId, DryRun: true })))).name, 'DryRunOperation');
    assert.ok(fx.emulator.securityGroup('us-east-1', GroupId as string));
    assert.equal((await rejection(fx.ec2().send(new CreateTagsCommand({ Resources: [GroupId as string], Tags: [{ Key: 'a', Value: 'b' }], DryRun: true })))).name, 'DryRunOperation');
    assert.deepEqual(fx.emulator.securityGroup('us-east-1', GroupId as string)?.tags, { 'planetscale-privatelink:created-by': 'vscode-extension' });
    const dupDry = await rejection(create());
    assert.equal(dupDry.name, 'InvalidGroup.Duplicate');
    const describeDry = await rejection(fx.ec2().send(new DescribeSecurityGroupsCommand({ DryRun: true })));
    assert.equal(describeDry.name, 'DryRunOperation');
  });

  it('CreateTags tags groups (and rejects unknown ids and aws: keys)', async () => {
    const { GroupId } = await create();
    await fx.ec2().send(new CreateTagsCommand({ Resources: [GroupId as string, fx.ids.appVpc], Tags: [{ Key: 'Name', Value: 'endpoint-sg' }] }));
    assert.equal(fx.emulator.securityGroup('us-east-1', GroupId as string)?.tags.Name, 'endpoint-sg');
    assert.equal(fx.emulator.vpc('us-east-1', fx.ids.appVpc)?.tags.Name, 'endpoint-sg');
    assert.equal((await rejection(fx.ec2().send(new CreateTagsCommand({ Resources: ['sg-00000000000000000'], Tags: [{ Key: 'a', Value: 'b' }] })))).name, 'InvalidGroup.NotFound');
    assert.equal((await rejection(fx.ec2().send(new CreateTagsCommand({ Resources: ['nonsense'], Tags: [{ Key: 'a', Value: 'b' }] })))).name, 'InvalidID');
    assert.equal((await rejection(fx.ec2().send(new CreateTagsCommand({ Resources: [GroupId as string], Tags: [{ Key: 'aws:x', Value: 'b' }] })))).name, 'InvalidParameterValue');
  });
});
