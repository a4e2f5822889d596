// The plan shown before anything is created: ordered steps (what each creates, its AWS CLI
// equivalent, how it is undone) and the monthly cost. Pure data, so the webview renders it and the
// exports are generated from it; applyPlan executes the same step ids in the same order.
import {
  authorizeIngressCli,
  createEndpointCli,
  createSecurityGroupCli,
  deleteEndpointCli,
  deleteSecurityGroupCli,
  enablePrivateDnsCli,
  shellVariable,
  waitForStateCli,
} from './cliCommands';
import type { EndpointRequest } from './endpointRequest';
import { endpointTags, securityGroupTags, type ResourceTag } from './resourceTags';
import { requestFingerprint } from './requestFingerprint';

export type PlanStepId =
  | 'createSecurityGroup'
  | 'authorizeIngress'
  | 'createEndpoint'
  | 'waitForAcceptance'
  | 'enablePrivateDns'
  | 'waitAvailable';

export interface PlanStep {
  id: PlanStepId;
  title: string;
  /** What the step creates or changes in the account, or null when it only waits. */
  creates: string | null;
  /** The equivalent AWS CLI command(s), using $SG_ID / $ENDPOINT_ID as the exported script does. */
  cli: string;
  /** How a failure later on undoes this step, or null when there is nothing to undo. */
  undo: string | null;
  undoCli: string | null;
}

export interface CostEstimate {
  availabilityZones: number;
  /** AWS's usual interface-endpoint price per AZ per hour (varies by region). */
  hourlyUsdPerAz: number;
  hoursPerMonth: number;
  /** Rounded to cents. */
  monthlyUsd: number;
  /** PlanetScale's rate for private-connection traffic beyond the branch's included allowance. */
  planetscaleUsdPerGb: number;
  /** "about $14.60 a month …", ready to show. */
  text: string;
}

export interface EndpointPlan {
  request: EndpointRequest;
  /** Idempotency fingerprint of the form (ClientToken prefix and `…:request` tag). */
  fingerprint: string;
  steps: PlanStep[];
  cost: CostEstimate;
  endpointTags: ResourceTag[];
  securityGroupTags: ResourceTag[];
  /** The service owner must accept the connection before traffic (and private DNS) works. */
  acceptanceRequired: boolean;
  /** Private DNS is turned on with ModifyVpcEndpoint after acceptance instead of at creation. */
  privateDnsAfterAcceptance: boolean;
}

/** What the plan needs to know beyond the request. */
export interface PlanFacts {
  /** From DescribeVpcEndpointServices; unknown → false (the preflight re-checks). */
  acceptanceRequired?: boolean;
  /** subnet id → AZ name, to count AZs for the cost when subnets are known. */
  subnetAvailabilityZones?: Readonly<Record<string, string>>;
}

export const HOURLY_USD_PER_AZ = 0.01;
export const HOURS_PER_MONTH = 730;
/**
 * PlanetScale's flat rate for traffic over private connections (both directions), charged once a
 * branch has used its included private traffic (100 GB a month for production branches, 10 GB for
 * PS-5 non-HA and development branches; PlanetScale's Postgres pricing page, "Private traffic").
 */
export const PLANETSCALE_PRIVATE_USD_PER_GB = 0.01;

export function estimateMonthlyCost(availabilityZones: number): CostEstimate {
  const azs = Math.max(0, Math.floor(availabilityZones));
  const monthlyUsd = Math.round(azs * HOURLY_USD_PER_AZ * HOURS_PER_MONTH * 100) / 100;
  const zones = azs === 1 ? '1 Availability Zone' : `${azs} Availability Zones`;
  return {
    availabilityZones: azs,
    hourlyUsdPerAz: HOURLY_USD_PER_AZ,
    hoursPerMonth: HOURS_PER_MONTH,
    monthlyUsd,
    planetscaleUsdPerGb: PLANETSCALE_PRIVATE_USD_PER_GB,
    text:
      `about $${monthlyUsd.toFixed(2)} a month for ${zones} (about $${HOURLY_USD_PER_AZ.toFixed(2)} per zone per hour), ` +
      'plus about $0.01 per GB processed; AWS prices vary by region. ' +
      `PlanetScale charges $${PLANETSCALE_PRIVATE_USD_PER_GB.toFixed(2)} per GB of private-connection traffic beyond the branch's included allowance ` +
      '(100 GB a month on production branches, 10 GB on PS-5 and development branches).',
  };
}

export function buildEndpointPlan(request: EndpointRequest, facts: PlanFacts = {}): EndpointPlan {
  const fingerprint = requestFingerprint(request);
  const epTags = endpointTags(request, fingerprint);
  const sgTags = securityGroupTags(request, fingerprint);
  const acceptanceRequired = facts.acceptanceRequired === true;
  const privateDnsAfterAcceptance = acceptanceRequired && request.privateDns;
  const region = request.region;
  const createsGroup = request.securityGroup.mode === 'create';
  const SG_ID = shellVariable('SG_ID');
  const steps: PlanStep[] = [];

  if (request.securityGroup.mode === 'create') {
    const sg = request.securityGroup;
    steps.push({
      id: 'createSecurityGroup',
      title: `Create security group ${sg.groupName}`,
      creates: `Security group "${sg.groupName}" in ${request.vpcId}, tagged as created by this extension`,
      cli: createSecurityGroupCli(request, sgTags),
      undo: `Delete security group ${sg.groupName} (retrying while AWS still sees it in use)`,
      undoCli: deleteSecurityGroupCli(region, SG_ID),
    });
    const from =
      sg.source.kind === 'securityGroups'
        ? `security group${sg.source.groupIds.length > 1 ? 's' : ''} ${sg.source.groupIds.join(', ')}`
        : sg.source.cidrs.join(', ');
    steps.push({
      id: 'authorizeIngress',
      title: 'Allow inbound 5432 (Postgres) and 6432 (PSBouncer)',
      creates: `Inbound rules on ${sg.groupName}: TCP 5432 and 6432 from ${from}`,
      cli: authorizeIngressCli(request),
      undo: 'Removed together with the security group',
      undoCli: null,
    });
  }

  const groupText =
    request.securityGroup.mode === 'create' ? `${request.securityGroup.groupName} (new)` : request.securityGroup.groupId;
  steps.push({
    id: 'createEndpoint',
    title: 'Create the interface endpoint',
    creates:
      `Interface endpoint for ${request.serviceName} in ${request.vpcId}, subnets ${request.subnetIds.join(', ')}, ` +
      `security group ${groupText}, private DNS ${request.privateDns && !privateDnsAfterAcceptance ? 'on' : privateDnsAfterAcceptance ? 'on after acceptance' : 'off'}` +
      (request.nameTag ? `, Name "${request.nameTag}"` : ''),
    cli: createEndpointCli(request, epTags, {
      privateDns: request.privateDns && !privateDnsAfterAcceptance,
      // The group id is the script's variable when the script creates the group.
      clientToken: createsGroup ? shellVariable('SG_ID', `${fingerprint}-`) : `${fingerprint}-${groupIdOf(request)}`,
      securityGroup: createsGroup ? SG_ID : groupIdOf(request),
    }),
    undo: 'Delete the endpoint and wait until it is gone',
    undoCli: deleteEndpointCli(region, shellVariable('ENDPOINT_ID')),
  });

  if (acceptanceRequired) {
    steps.push({
      id: 'waitForAcceptance',
      title: 'Wait for the service owner to accept the connection',
      creates: null,
      cli: waitForStateCli(request, 'accepted'),
      undo: null,
      undoCli: null,
    });
  }
  if (privateDnsAfterAcceptance) {
    steps.push({
      id: 'enablePrivateDns',
      title: 'Turn on private DNS',
      creates: 'Private DNS on the endpoint (the service allows it only after acceptance)',
      cli: enablePrivateDnsCli(request),
      undo: 'Removed together with the endpoint',
      undoCli: null,
    });
  }
  steps.push({
    id: 'waitAvailable',
    title: 'Wait until the endpoint is available',
    creates: null,
    cli: waitForStateCli(request, 'available'),
    undo: null,
    undoCli: null,
  });

  return {
    request,
    fingerprint,
    steps,
    cost: estimateMonthlyCost(countAvailabilityZones(request, facts)),
    endpointTags: epTags,
    securityGroupTags: sgTags,
    acceptanceRequired,
    privateDnsAfterAcceptance,
  };
}

function groupIdOf(request: EndpointRequest): string {
  return request.securityGroup.mode === 'existing' ? request.securityGroup.groupId : '';
}

// AWS bills per endpoint network interface, i.e. per subnet (one per AZ); count distinct AZs when
// known, otherwise the subnets (validation already allows at most one per AZ).
function countAvailabilityZones(request: EndpointRequest, facts: PlanFacts): number {
  const map = facts.subnetAvailabilityZones;
  if (!map) return request.subnetIds.length;
  return new Set(request.subnetIds.map((id) => map[id] ?? id)).size;
}
