// The AWS side of the steps: the EC2 calls they make, over one client. Built by applyPlan (in
// the core bundle, with the SDK) and handed to each step, so the step modules stay loadable by
// the form, which only describes and exports plans.
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  ModifyVpcEndpointCommand,
  type AuthorizeSecurityGroupIngressCommandInput,
  type CreateSecurityGroupCommandInput,
  type CreateSecurityGroupCommandOutput,
  type CreateVpcEndpointCommandInput,
  type CreateVpcEndpointCommandOutput,
  type DeleteVpcEndpointsCommandOutput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { SecurityGroupSummary } from '../../types';
import { waitForEndpoint, type WaitOptions, type WaitResult } from '../endpointWaiter';
import { findOurEndpoints, findOurSecurityGroup } from '../ownResources';
import { deleteSecurityGroupWhenFree, type CleanupTiming, type GroupDeletion } from '../securityGroupCleanup';

export interface StepAws {
  createSecurityGroup(input: CreateSecurityGroupCommandInput): Promise<CreateSecurityGroupCommandOutput>;
  authorizeIngress(input: AuthorizeSecurityGroupIngressCommandInput): Promise<unknown>;
  createVpcEndpoint(input: CreateVpcEndpointCommandInput): Promise<CreateVpcEndpointCommandOutput>;
  deleteVpcEndpoint(endpointId: string): Promise<DeleteVpcEndpointsCommandOutput>;
  enablePrivateDns(endpointId: string): Promise<unknown>;
  /** The group an earlier submit of the same form made (found by its request tag). */
  findOurSecurityGroup(vpcId: string, groupName: string, fingerprint: string): Promise<SecurityGroupSummary | undefined>;
  /** Endpoints an earlier submit of the same form made (by their request tag). */
  findOurEndpoints(vpcId: string, serviceName: string, fingerprint: string): Promise<string[]>;
  waitForEndpoint(endpointId: string, options: WaitOptions): Promise<WaitResult>;
  deleteSecurityGroupWhenFree(groupId: string, timing: CleanupTiming): Promise<GroupDeletion>;
}

export function stepAws(ec2: EC2Client): StepAws {
  return {
    createSecurityGroup: (input) => ec2.send(new CreateSecurityGroupCommand(input)),
    authorizeIngress: (input) => ec2.send(new AuthorizeSecurityGroupIngressCommand(input)),
    createVpcEndpoint: (input) => ec2.send(new CreateVpcEndpointCommand(input)),
    deleteVpcEndpoint: (endpointId) => ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] })),
    enablePrivateDns: (endpointId) => ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpointId, PrivateDnsEnabled: true })),
    findOurSecurityGroup: (vpcId, groupName, fingerprint) => findOurSecurityGroup(ec2, vpcId, groupName, fingerprint),
    findOurEndpoints: (vpcId, serviceName, fingerprint) => findOurEndpoints(ec2, vpcId, serviceName, fingerprint),
    waitForEndpoint: (endpointId, options) => waitForEndpoint(ec2, endpointId, options),
    deleteSecurityGroupWhenFree: (groupId, timing) => deleteSecurityGroupWhenFree(ec2, groupId, timing),
  };
}
