// The VPC resolver each VPC's instances use: the sandbox DNS server answering with that VPC's
// view, on the VPC's base address + 2 (where the Amazon-provided resolver sits in a real VPC),
// port 53, and a resolv.conf naming it. Started on the first script run in the VPC. Where port
// 53 cannot be taken (no root), it listens on a free port and the shim redirects to it.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SandboxDnsServer, startDnsServer, DnsModel } from '../dns/dnsServer';
import type { NodeNetwork } from './instanceShell';

export interface VpcResolverSource extends DnsModel {
  vpc(region: string, vpcId: string): { cidrBlock: string } | undefined;
}

/** "127.10.0.0/16" → "127.10.0.2". */
export function resolverAddress(cidrBlock: string): string {
  const [base] = cidrBlock.split('/');
  const octets = base.split('.').map(Number);
  const value = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) + 2;
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

export class VpcResolvers {
  private readonly started = new Map<string, Promise<{ server: SandboxDnsServer; network: NodeNetwork }>>();

  constructor(private readonly source: VpcResolverSource, private readonly dir: string, private readonly overrides: Map<string, string[]>) {}

  networkFor(region: string, vpcId: string): Promise<NodeNetwork> {
    const key = `${region}/${vpcId}`;
    let entry = this.started.get(key);
    if (!entry) {
      entry = this.start(region, vpcId);
      this.started.set(key, entry);
    }
    return entry.then((e) => e.network);
  }

  /** Every resolver started so far, by VPC. */
  async servers(): Promise<Array<{ vpcId: string; address: string }>> {
    const all = await Promise.all([...this.started].map(async ([key, p]) => ({ vpcId: key.split('/')[1], address: (await p).server.address })));
    return all;
  }

  async close(): Promise<void> {
    await Promise.all([...this.started.values()].map((p) => p.then((e) => e.server.close(), () => undefined)));
  }

  private async start(region: string, vpcId: string): Promise<{ server: SandboxDnsServer; network: NodeNetwork }> {
    const vpc = this.source.vpc(region, vpcId);
    if (!vpc) throw new Error(`No VPC ${vpcId} in ${region}.`);
    const host = resolverAddress(vpc.cidrBlock);
    const options = { model: this.source, vpc: { region, vpcId }, host, overrides: this.overrides };
    let server: SandboxDnsServer;
    let dnsRedirect: string | undefined;
    try {
      server = await startDnsServer({ ...options, port: 53 });
    } catch {
      server = await startDnsServer(options);
      dnsRedirect = `${host}:${server.port}`;
    }
    const resolvConf = join(this.dir, `resolv-${vpcId}.conf`);
    await writeFile(resolvConf, `# The VPC resolver of ${vpcId} (sandbox)\nnameserver ${host}\nsearch ec2.internal\noptions timeout:2 attempts:2\n`);
    return { server, network: { resolvConf, dnsRedirect } };
  }
}
