// The test's own EC2 client against the sandbox emulator, and lookups of the seeded resources.
import {
  CreateSecurityGroupCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateVpcEndpointCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { sandboxInfo } from './sandboxInfo';

export const US_EAST_SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';

export function testEc2(): EC2Client {
  return new EC2Client({
    region: 'us-east-1',
    endpoint: sandboxInfo().ec2Endpoint,
    credentials: { accessKeyId: 'AKIDTESTTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
}

export async function vpcId(name: string): Promise<string> {
  return (await testEc2().send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }))).Vpcs![0].VpcId!;
}

export async function subnetId(vpc: string, zone: string): Promise<string> {
  const filters = [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'availability-zone', Values: [zone] }];
  return (await testEc2().send(new DescribeSubnetsCommand({ Filters: filters }))).Subnets![0].SubnetId!;
}

export async function groupId(vpc: string, name: string): Promise<string> {
  const filters = [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'group-name', Values: [name] }];
  return (await testEc2().send(new DescribeSecurityGroupsCommand({ Filters: filters }))).SecurityGroups![0].GroupId!;
}

export async function groupExists(id: string): Promise<boolean> {
  const out = await testEc2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: [id] }] }));
  return (out.SecurityGroups ?? []).length > 0;
}

/**
 * An endpoint in app-vpc (us-east-1a and b) behind a new security group tagged as the
 * extension's own, allowing 5432 and 6432 from app-servers: what the create form makes.
 */
export async function createAppEndpoint(options: { privateDns?: boolean; groupName: string }): Promise<{ endpointId: string; securityGroupId: string; vpcId: string }> {
  const ec2 = testEc2();
  const vpc = await vpcId('app-vpc');
  const client = await groupId(vpc, 'app-servers');
  const tags = [{ Key: 'planetscale-privatelink:created-by', Value: 'vscode-extension' }, { Key: 'Name', Value: options.groupName }];
  const sg = await ec2.send(new CreateSecurityGroupCommand({
    GroupName: options.groupName,
    Description: 'PlanetScale PrivateLink endpoint (test)',
    VpcId: vpc,
    TagSpecifications: [{ ResourceType: 'security-group', Tags: tags }],
  }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({
    GroupId: sg.GroupId,
    IpPermissions: [5432, 6432].map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: client }] })),
  }));
  const created = await ec2.send(new CreateVpcEndpointCommand({
    VpcEndpointType: 'Interface',
    VpcId: vpc,
    ServiceName: US_EAST_SERVICE,
    SubnetIds: [await subnetId(vpc, 'us-east-1a'), await subnetId(vpc, 'us-east-1b')],
    SecurityGroupIds: [sg.GroupId!],
    PrivateDnsEnabled: options.privateDns ?? false,
  }));
  return { endpointId: created.VpcEndpoint!.VpcEndpointId!, securityGroupId: sg.GroupId!, vpcId: vpc };
}

