// Real clients pointed at a sandbox: the AWS SDK over HTTP, pg over TLS to an interface IP, and
// Node's resolver asking only the sandbox DNS server (never the system resolver).
import { Resolver } from 'node:dns/promises';
import { createConnection } from 'node:net';
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcEndpointCommand, DescribeVpcEndpointsCommand, EC2Client, VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { Client, ClientConfig } from 'pg';
import type { Sandbox, SandboxInfo } from '../../../sandbox';

export const FAKE_CREDENTIALS = { accessKeyId: 'AKIASANDBOXFAKEKEY01', secretAccessKey: 'sandboxFakeSecretKeyNotUsedAnywhere0000000' };

export function ec2Client(info: SandboxInfo, region = info.region): EC2Client {
  return new EC2Client({ region, endpoint: info.ec2Endpoint, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
}

/** Resolves A records through the sandbox DNS server only. */
export function sandboxResolver(info: SandboxInfo): Resolver {
  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([info.dnsServer]);
  return resolver;
}

export interface PgTarget {
  /** The IP to connect to (an endpoint interface IP, or 127.0.0.1 for the servers themselves). */
  ip: string;
  port: number;
  /** The private host name the certificate is checked against. */
  servername: string;
  user: string;
  password: string;
  connectTimeoutMs?: number;
}

export function pgConfig(sandbox: Sandbox, target: PgTarget): ClientConfig {
  return {
    host: target.ip,
    port: target.port,
    user: target.user,
    password: target.password,
    database: 'postgres',
    ssl: { ca: sandbox.postgres.ca, servername: target.servername },
    connectionTimeoutMillis: target.connectTimeoutMs ?? 5000,
  };
}

/** Connects, runs `sql`, disconnects; returns the rows. */
export async function queryOnce<R = Record<string, unknown>>(sandbox: Sandbox, target: PgTarget, sql: string): Promise<R[]> {
  const client = new Client(pgConfig(sandbox, target));
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query(sql)).rows as R[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface EndpointRequest {
  vpcName?: string;
  subnetNames?: string[];
  securityGroupIds: string[];
  privateDns?: boolean;
  serviceName?: string;
}

/** Creates an interface endpoint through the SDK and waits (polling the SDK) until it is available. */
export async function createAvailableEndpoint(sandbox: Sandbox, request: EndpointRequest): Promise<VpcEndpoint> {
  const ec2 = ec2Client(sandbox.info);
  try {
    const vpcName = request.vpcName ?? 'app-vpc';
    const vpcId = sandbox.ec2.vpcIdByName(sandbox.info.region, vpcName);
    if (!vpcId) throw new Error(`No VPC named ${vpcName}`);
    const subnetIds = (request.subnetNames ?? ['app-vpc-us-east-1a', 'app-vpc-us-east-1b']).map((name) => {
      const id = sandbox.ec2.subnetIdByName(sandbox.info.region, name);
      if (!id) throw new Error(`No subnet named ${name}`);
      return id;
    });
    const created = await ec2.send(new CreateVpcEndpointCommand({
      VpcEndpointType: 'Interface',
      VpcId: vpcId,
      ServiceName: request.serviceName ?? 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001',
      SubnetIds: subnetIds,
      SecurityGroupIds: request.securityGroupIds,
      PrivateDnsEnabled: request.privateDns ?? true,
    }));
    const id = created.VpcEndpoint?.VpcEndpointId;
    if (!id) throw new Error('CreateVpcEndpoint returned no VpcEndpointId');
    const available = await waitForEndpointState(ec2, id, 'available');
    await assertForwarding(sandbox, id);
    return available;
  } finally {
    ec2.destroy();
  }
}

/**
 * Fails fast, with the forwarder's own message, when an endpoint's interface IPs could not be
 * listened on (typically another sandbox on this machine holding the same IP), instead of letting
 * the test time out or reach the other sandbox's database.
 */
export async function assertForwarding(sandbox: Sandbox, endpointId: string): Promise<void> {
  await sandbox.forwarders.settled();
  const ips = sandbox.ec2.endpoints().find((e) => e.endpointId === endpointId)?.interfaces.map((i) => i.ip) ?? [];
  const problems = sandbox.forwarders.failing().filter((f) => ips.some((ip) => f.address.startsWith(`${ip}:`)));
  if (problems.length > 0) throw new Error(problems.map((f) => f.message).join('\n'));
}

export async function waitForEndpointState(ec2: EC2Client, id: string, state: string, timeoutMs = 10_000): Promise<VpcEndpoint> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const out = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    const endpoint = out.VpcEndpoints?.[0];
    if (endpoint && String(endpoint.State).toLowerCase() === state.toLowerCase()) return endpoint;
    if (Date.now() > deadline) throw new Error(`Endpoint ${id} is ${endpoint?.State}, not ${state}, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type TcpProbe = 'refused' | 'silent' | 'answered' | 'closed';

/**
 * Connects to ip:port, sends a Postgres SSLRequest and waits `waitMs` for a byte: 'answered'
 * (a server spoke), 'silent' (connected, then nothing: a dropped packet in a VPC), 'refused'
 * (nothing listening) or 'closed' (the peer hung up without answering).
 */
export function probeTcp(ip: string, port: number, waitMs = 1500): Promise<TcpProbe> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: ip, port });
    let settled = false;
    const finish = (result: TcpProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish('silent'), waitMs);
    socket.on('connect', () => socket.write(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])));
    socket.on('data', () => finish('answered'));
    socket.on('end', () => finish('closed'));
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ECONNREFUSED' ? 'refused' : 'closed'));
  });
}

/** An endpoint security group in app-vpc allowing `ports` from the app-servers group (or a CIDR). */
export async function createEndpointSecurityGroup(sandbox: Sandbox, name: string, ports: number[], cidr?: string): Promise<string> {
  const ec2 = ec2Client(sandbox.info);
  try {
    const region = sandbox.info.region;
    const vpcId = sandbox.ec2.vpcIdByName(region, 'app-vpc');
    const clientGroup = sandbox.ec2.securityGroupIdByName(region, 'app-vpc', 'app-servers');
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `sandbox test ${name}`, VpcId: vpcId }));
    if (!GroupId) throw new Error('CreateSecurityGroup returned no GroupId');
    if (ports.length > 0) {
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: ports.map((port) => ({
          IpProtocol: 'tcp', FromPort: port, ToPort: port,
          ...(cidr ? { IpRanges: [{ CidrIp: cidr }] } : { UserIdGroupPairs: [{ GroupId: clientGroup }] }),
        })),
      }));
    }
    return GroupId;
  } finally {
    ec2.destroy();
  }
}
