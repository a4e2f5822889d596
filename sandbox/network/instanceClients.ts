// Which machine a connection comes from: a socket whose source address is a seeded instance's
// private IP (a Run Command script the SSM stand-in runs "on" that instance) is judged as that
// instance — its VPC, subnet and security groups. Any other source is the sandbox's default
// client (the application instance, or the laptop).
import type { SandboxInstance } from '../ec2/types';
import type { ClientHost } from './vpcRules';

export interface InstanceSource {
  instances(region?: string): SandboxInstance[];
}

export function instanceClientAt(source: InstanceSource): (remoteAddress: string | undefined) => ClientHost | undefined {
  return (remoteAddress) => {
    const ip = remoteAddress?.replace(/^::ffff:/, '');
    const instance = ip ? source.instances().find((i) => i.privateIpAddress === ip) : undefined;
    return instance
      ? { region: instance.region, vpcId: instance.vpcId, subnetId: instance.subnetId, ip: instance.privateIpAddress, securityGroupIds: instance.securityGroupIds }
      : undefined;
  };
}
