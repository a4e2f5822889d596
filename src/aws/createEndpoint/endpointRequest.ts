// The create-endpoint form as data: what the user typed (EndpointFormInput), the validated request
// that plans and apply work from (EndpointRequest), the AWS facts validation checks it against, and
// the issues it reports. Pure and type-only on the SDK side, so the webview can share it.
import type {
  EndpointServiceDetails,
  InterfaceEndpoint,
  SecurityGroupSummary,
  SubnetSummary,
  VpcDnsAttributes,
  VpcSummary,
} from '../types';

/** The default security group name, as in the PlanetScale guide. */
export const DEFAULT_SECURITY_GROUP_NAME = 'PScalePrivateLinkEndpointSG';
export const DEFAULT_SECURITY_GROUP_DESCRIPTION = 'Security group for PlanetScale PrivateLink endpoint';

/** The ports PlanetScale serves on an endpoint: Postgres direct and PSBouncer (pooled). */
export const POSTGRES_PORTS = [5432, 6432] as const;

/** The description every inbound rule for a port carries, wherever it is made (form, export, Diagnose fix). */
export function ingressRuleDescription(port: number): string {
  return port === 5432 ? 'PlanetScale Postgres (direct)' : 'PlanetScale PSBouncer (pooled)';
}

/** Who may reach the endpoint: client security groups (preferred) or CIDR ranges. */
export type IngressSource =
  | { kind: 'securityGroups'; groupIds: string[] }
  | { kind: 'cidrs'; cidrs: string[] };

export type SecurityGroupChoice =
  | { mode: 'create'; groupName: string; description: string; source: IngressSource }
  | { mode: 'existing'; groupId: string };

/**
 * What the form sends. Strings are as typed (untrimmed); `validateEndpointForm` turns it into an
 * EndpointRequest or says which field is wrong.
 */
export interface EndpointFormInput {
  region: string;
  serviceName: string;
  vpcId: string;
  subnetIds: string[];
  securityGroup:
    | {
        mode: 'create';
        groupName: string;
        description?: string;
        sourceKind: 'securityGroups' | 'cidrs';
        sourceGroupIds: string[];
        cidrs: string[];
      }
    | { mode: 'existing'; groupId: string };
  privateDns: boolean;
  nameTag: string;
  /** `<org>/<db>/<branch>` when the form was opened from a PlanetScale branch; tagged on resources. */
  branch?: string;
}

/** A validated, normalised request: ids trimmed, lists de-duplicated and sorted. */
export interface EndpointRequest {
  region: string;
  serviceName: string;
  vpcId: string;
  subnetIds: string[];
  securityGroup: SecurityGroupChoice;
  privateDns: boolean;
  nameTag: string;
  branch?: string;
}

/** Form fields an issue can point at (dotted paths into EndpointFormInput). */
export type EndpointField =
  | 'region'
  | 'serviceName'
  | 'vpcId'
  | 'subnetIds'
  | 'securityGroup.mode'
  | 'securityGroup.groupName'
  | 'securityGroup.description'
  | 'securityGroup.sourceGroupIds'
  | 'securityGroup.cidrs'
  | 'securityGroup.groupId'
  | 'privateDns'
  | 'nameTag'
  | 'branch';

export interface ValidationIssue {
  field: EndpointField;
  /** Says what is wrong and how to fix it, in plain language. */
  message: string;
  /** Errors block creation; warnings are shown but allowed. */
  severity: 'error' | 'warning';
  /** Which check found it, for checks that come with an offer (see preflight). */
  code?: ValidationCode;
}

export type ValidationCode =
  | 'SubnetNotInVpc'
  | 'SubnetZoneNotOffered'
  | 'DuplicateSubnetsInSameZone'
  | 'SingleSubnet'
  | 'NoSubnetInOfferedZones'
  | 'VpcDnsOff'
  | 'ConflictingPrivateDns'
  | 'EndpointExists'
  | 'DuplicateSecurityGroupName'
  | 'SourceGroupNotInVpc'
  | 'CidrOutsideVpc'
  | 'GroupNotInVpc'
  | 'GroupMissingPorts';

/**
 * What AWS told us about the user's choices. Every part is optional: checks that need a fact
 * that is not loaded yet are skipped (the preflight repeats them with fresh facts).
 */
export interface ValidationFacts {
  service?: Pick<EndpointServiceDetails, 'serviceName' | 'availabilityZones' | 'acceptanceRequired'> &
    Partial<EndpointServiceDetails>;
  vpc?: Pick<VpcSummary, 'id' | 'cidrBlock'> & Partial<VpcSummary>;
  vpcDns?: VpcDnsAttributes;
  /** Subnets of the chosen VPC. */
  subnets?: Array<Pick<SubnetSummary, 'id' | 'vpcId' | 'availabilityZone'> & Partial<SubnetSummary>>;
  /** Security groups of the chosen VPC. */
  securityGroups?: Array<Pick<SecurityGroupSummary, 'id' | 'name'> & Partial<SecurityGroupSummary>>;
  /** Endpoints in the chosen VPC for the chosen service (any state). */
  existingEndpoints?: Array<
    Pick<InterfaceEndpoint, 'id' | 'state' | 'privateDnsEnabled'> & Partial<InterfaceEndpoint>
  >;
}

export interface ValidationResult {
  /** Present when there is no error-severity issue. */
  request?: EndpointRequest;
  issues: ValidationIssue[];
}
