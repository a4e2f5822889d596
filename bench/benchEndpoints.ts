// Endpoints the benchmark needs, made through the real SDK against the emulator as a user's
// tooling would: a security group for the endpoint and interface endpoints in app-vpc.
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  DescribeVpcEndpointsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { Ec2Emulator } from '../sandbox/ec2';

export const US_EAST_SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';
const REGION = 'us-east-1';
const VPC = 'app-vpc';

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The sandbox seed has no ${what}.`);
  return value;
}

/** A security group in app-vpc that lets the application's group reach `ports`. */
export async function createEndpointGroup(ec2: EC2Client, emulator: Ec2Emulator, name: string, ports: number[]): Promise<string> {
  const vpcId = required(emulator.vpcIdByName(REGION, VPC), VPC);
  const clientGroup = required(emulator.securityGroupIdByName(REGION, VPC, 'app-servers'), 'app-servers security group');
  const created = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: 'PlanetScale PrivateLink endpoint (benchmark)', VpcId: vpcId }));
  const groupId = required(created.GroupId, 'GroupId in the CreateSecurityGroup answer');
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({
    GroupId: groupId,
    IpPermissions: ports.map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: clientGroup }] })),
  }));
  return groupId;
}

/** An interface endpoint to the us-east-1 PlanetScale service in app-vpc, zones a and b. */
export async function createAppEndpoint(ec2: EC2Client, emulator: Ec2Emulator, options: { securityGroupIds?: string[]; privateDns: boolean }): Promise<{ endpointId: string; vpcId: string }> {
  const vpcId = required(emulator.vpcIdByName(REGION, VPC), VPC);
  const subnetIds = ['us-east-1a', 'us-east-1b'].map((zone) => required(emulator.subnetIdByAz(REGION, VPC, zone), `${VPC} subnet in ${zone}`));
  const created = await ec2.send(new CreateVpcEndpointCommand({
    VpcEndpointType: 'Interface',
    VpcId: vpcId,
    ServiceName: US_EAST_SERVICE,
    SubnetIds: subnetIds,
    SecurityGroupIds: options.securityGroupIds,
    PrivateDnsEnabled: options.privateDns,
  }));
  return { endpointId: required(created.VpcEndpoint?.VpcEndpointId, 'VpcEndpointId in the CreateVpcEndpoint answer'), vpcId };
}

export async function waitForAvailable(ec2: EC2Client, endpointId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const out = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }));
    const state = String(out.VpcEndpoints?.[0]?.State ?? 'unknown');
    if (state.toLowerCase() === 'available') return;
    if (Date.now() > deadline) throw new Error(`Endpoint ${endpointId} is still ${state} after ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
