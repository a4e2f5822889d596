// What tests and the demo read back from the emulator: views (copies, never the live state) of
// VPCs, subnets, groups, NACLs, endpoints and instances, by id or by Name tag.
import type { Ec2State, RegionState } from './state';
import type { SandboxEndpointView, SandboxInstance, SandboxNetworkAcl, SandboxSecurityGroup, SandboxSubnet, SandboxVpc } from './types';
import { endpointView, instanceView, networkAclView, securityGroupView, subnetView, vpcView } from './views';

export abstract class Ec2ReadModel {
  protected constructor(protected readonly state: Ec2State) {}

  /** Applies due lifecycle transitions, so an endpoint read sees what a client would now. */
  protected abstract advance(): void;

  regions(): string[] {
    return [...this.state.regions.values()].filter((r) => r.seeded).map((r) => r.name);
  }

  protected regionsFor(region?: string): RegionState[] {
    if (region) return this.state.regions.has(region) ? [this.state.regions.get(region) as RegionState] : [];
    return [...this.state.regions.values()];
  }

  endpoints(region?: string): SandboxEndpointView[] {
    this.advance();
    return this.regionsFor(region).flatMap((r) => [...r.endpoints.values()].map((e) => endpointView(r, e)));
  }

  securityGroup(region: string, id: string): SandboxSecurityGroup | undefined {
    const r = this.state.regions.get(region);
    const g = r?.securityGroups.get(id);
    return r && g ? securityGroupView(r, g) : undefined;
  }

  networkAclForSubnet(region: string, subnetId: string): SandboxNetworkAcl | undefined {
    const r = this.state.regions.get(region);
    const acl = r?.aclForSubnet(subnetId);
    return r && acl ? networkAclView(r, acl) : undefined;
  }

  subnet(region: string, id: string): SandboxSubnet | undefined {
    const r = this.state.regions.get(region);
    const s = r?.subnets.get(id);
    return r && s ? subnetView(r, s) : undefined;
  }

  vpc(region: string, id: string): SandboxVpc | undefined {
    const r = this.state.regions.get(region);
    const v = r?.vpcs.get(id);
    return r && v ? vpcView(r, v) : undefined;
  }

  subnets(region: string, vpcId?: string): SandboxSubnet[] {
    const r = this.state.regions.get(region);
    return r ? [...r.subnets.values()].filter((s) => !vpcId || s.vpcId === vpcId).map((s) => subnetView(r, s)) : [];
  }

  vpcIdByName(region: string, name: string): string | undefined {
    return [...(this.state.regions.get(region)?.vpcs.values() ?? [])].find((v) => v.tags.get('Name') === name)?.vpcId;
  }

  /** A subnet by Name tag ("app-vpc-us-east-1a"), or by VPC name and availability zone. */
  subnetIdByName(region: string, name: string): string | undefined {
    return [...(this.state.regions.get(region)?.subnets.values() ?? [])].find((s) => s.tags.get('Name') === name)?.subnetId;
  }

  subnetIdByAz(region: string, vpcName: string, availabilityZone: string): string | undefined {
    const vpcId = this.vpcIdByName(region, vpcName);
    return [...(this.state.regions.get(region)?.subnets.values() ?? [])].find((s) => s.vpcId === vpcId && s.availabilityZone === availabilityZone)?.subnetId;
  }

  securityGroupIdByName(region: string, vpcName: string, groupName: string): string | undefined {
    const vpcId = this.vpcIdByName(region, vpcName);
    return vpcId ? this.state.regions.get(region)?.groupByName(vpcId, groupName)?.groupId : undefined;
  }

  /** The seeded application instance(s): the client VPC rules are evaluated for. */
  instances(region?: string): SandboxInstance[] {
    return this.regionsFor(region).flatMap((r) => [...r.instances.values()].map((i) => instanceView(r, i)));
  }

  applicationInstance(region = 'us-east-1'): SandboxInstance | undefined {
    return this.instances(region)[0];
  }
}
