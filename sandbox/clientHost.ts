// The sandbox's "application instance": the machine the VPC rules and the DNS resolver act for.
// By default the seed's first instance in us-east-1 (app-instance, 127.10.1.50, app-servers).
import type { Ec2Emulator } from './ec2';
import type { ClientHost } from './network/vpcRules';

export interface ClientSpec {
  region?: string;
  /** A seeded instance by name (default: the region's first instance). */
  instanceName?: string;
  /** Or an explicit client: VPC/subnet by Name tag, security groups by name. */
  vpcName?: string;
  subnetName?: string;
  ip?: string;
  securityGroupNames?: string[];
}

export function resolveClientHost(ec2: Ec2Emulator, spec: ClientSpec = {}): ClientHost {
  const region = spec.region ?? 'us-east-1';
  if (spec.vpcName || spec.subnetName || spec.ip) {
    const vpcName = spec.vpcName ?? 'app-vpc';
    const vpcId = ec2.vpcIdByName(region, vpcName);
    const subnetId = spec.subnetName ? ec2.subnetIdByName(region, spec.subnetName) : undefined;
    if (!vpcId) throw new Error(`Sandbox client: no VPC named "${vpcName}" in ${region}.`);
    if (!subnetId) throw new Error(`Sandbox client: give "subnetName", a subnet Name tag in ${vpcName} (e.g. "${vpcName}-${region}a").`);
    if (!spec.ip) throw new Error('Sandbox client: give "ip", an address inside the subnet.');
    const securityGroupIds = (spec.securityGroupNames ?? ['app-servers']).map((name) => {
      const id = ec2.securityGroupIdByName(region, vpcName, name);
      if (!id) throw new Error(`Sandbox client: no security group "${name}" in ${vpcName}.`);
      return id;
    });
    return { region, vpcId, subnetId, ip: spec.ip, securityGroupIds };
  }
  const instances = ec2.instances(region);
  const instance = spec.instanceName ? instances.find((i) => i.name === spec.instanceName) : instances[0];
  if (!instance) {
    throw new Error(`Sandbox client: the EC2 seed has no ${spec.instanceName ? `instance "${spec.instanceName}"` : 'instance'} in ${region}; add one under "instances" or pass client.vpcName/subnetName/ip.`);
  }
  return { region, vpcId: instance.vpcId, subnetId: instance.subnetId, ip: instance.privateIpAddress, securityGroupIds: instance.securityGroupIds };
}

/** Where the sandbox's own machine (the editor, the tests) stands: inside app-vpc, or a laptop outside every VPC. */
export type SandboxVantage = 'vpc' | 'laptop';

/**
 * The laptop: outside every VPC, so the forwarders find no route from it and its resolver (the
 * sandbox DNS answering for no VPC) does not see the private zone, as a public resolver would not.
 */
export function laptopHost(region: string): ClientHost {
  return { region, vpcId: 'laptop (outside every VPC)', subnetId: 'laptop', ip: '127.0.0.1', securityGroupIds: [] };
}
