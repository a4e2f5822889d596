// Support for the connection tests: a seed whose app-vpc lives in its own 127.x/16 (so endpoint
// forwarders on <ip>:5432/6432 do not collide with another sandbox running on this machine), an
// endpoint created through the SDK, and a lookup that asks only the sandbox DNS server.
import { readFileSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { Socket } from 'node:net';
import { AuthorizeSecurityGroupIngressCommand, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import type { Sandbox } from '../../../sandbox';
import { DEFAULT_SEED_PATH } from '../../../sandbox/ec2';
import type { Ec2Seed } from '../../../sandbox/ec2';
import type { KnownEndpoint } from '../../../src/connection/verifyTypes';
import { createAvailableEndpoint, createEndpointSecurityGroup, ec2Client } from '../support/clients';

/** The default seed with app-vpc moved from 127.10.0.0/16 to 127.<second>.0.0/16. */
export function seedWithOwnVpc(second = 100 + Math.floor(Math.random() * 150)): Ec2Seed {
  return JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8').replace(/127\.10\./g, `127.${second}.`)) as Ec2Seed;
}

export interface ReadyEndpoint {
  endpointId: string;
  securityGroupId: string;
  ips: string[];
}

/** An available endpoint in app-vpc (us-east-1a/b), private DNS on, SG allowing `ports` from app-servers. */
export async function readyEndpoint(sandbox: Sandbox, name: string, ports: number[]): Promise<ReadyEndpoint> {
  const securityGroupId = await createEndpointSecurityGroup(sandbox, name, ports);
  const endpoint = await createAvailableEndpoint(sandbox, { securityGroupIds: [securityGroupId] });
  await sandbox.forwarders.settled();
  const errors = sandbox.forwarders.errors();
  if (errors.length) throw new Error(`The sandbox forwarders could not listen: ${errors.join('; ')}`);
  const ips = sandbox.ec2.endpoints(sandbox.info.region).find((e) => e.endpointId === endpoint.VpcEndpointId)?.interfaces.map((i) => i.ip) ?? [];
  if (ips.length !== 2) throw new Error(`Expected two interface IPs, got ${ips.join(', ')}`);
  return { endpointId: endpoint.VpcEndpointId!, securityGroupId, ips };
}

/** Every endpoint of every region with its interface IPs, as the AWS view lists them for the command. */
export function knownEndpoints(sandbox: Sandbox): KnownEndpoint[] {
  return sandbox.ec2.endpoints().map((e) => ({
    id: e.endpointId, serviceName: e.serviceName, state: e.state, ips: e.interfaces.map((i) => i.ip), location: `${e.region}, ${e.vpcId}`,
  }));
}

/** Adds or removes an inbound TCP rule from app-servers on the endpoint's security group, through the SDK. */
export async function setPortAllowed(sandbox: Sandbox, securityGroupId: string, port: number, allowed: boolean): Promise<void> {
  const ec2 = ec2Client(sandbox.info);
  try {
    const clientGroup = sandbox.ec2.securityGroupIdByName(sandbox.info.region, 'app-vpc', 'app-servers');
    const IpPermissions = [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: clientGroup }] }];
    await ec2.send(allowed
      ? new AuthorizeSecurityGroupIngressCommand({ GroupId: securityGroupId, IpPermissions })
      : new RevokeSecurityGroupIngressCommand({ GroupId: securityGroupId, IpPermissions }));
  } finally {
    ec2.destroy();
  }
}

/** A `lookup` for net.connect that asks the sandbox DNS server only (never the system resolver). */
export function sandboxLookup(dnsServer: string) {
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([dnsServer]);
  return (hostname: string, options: unknown, callback: (error: Error | null, address: string | Array<{ address: string; family: number }>, family?: number) => void) => {
    resolver.resolve4(hostname).then(
      (addresses) => {
        if ((options as { all?: boolean }).all) callback(null, addresses.map((address) => ({ address, family: 4 })));
        else callback(null, addresses[0], 4);
      },
      (error: Error) => callback(error, ''),
    );
  };
}

/**
 * A stream for pg's `stream` option: pg calls connect(port, host) with the host NAME from the URL;
 * this socket resolves it through the sandbox DNS. The URL stays exactly as written to .env.
 */
export function socketViaSandboxDns(dnsServer: string): () => Socket {
  const lookup = sandboxLookup(dnsServer);
  return () => {
    const socket = new Socket();
    const connect = socket.connect.bind(socket) as (options: object) => Socket;
    (socket as unknown as { connect: (port: number, host: string) => Socket }).connect = (port: number, host: string) => connect({ port, host, lookup });
    return socket;
  };
}
