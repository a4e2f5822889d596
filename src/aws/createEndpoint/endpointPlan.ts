// The plan shown before anything is created: ordered steps (what each creates, its AWS CLI
// equivalent, how it is undone) and the monthly cost. Pure data, so the webview renders it and the
// exports are generated from it; each step's module (steps/) describes it here and executes it
// in applyPlan, under the same id and in the same order.
import type { EndpointRequest } from './endpointRequest';
import { endpointTags, securityGroupTags, type ResourceTag } from './resourceTags';
import { requestFingerprint } from './requestFingerprint';
import type { PlanFrame } from './steps/planStep';
import { PLAN_STEPS } from './steps/planSteps';

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
  const acceptanceRequired = facts.acceptanceRequired === true;
  const frame: PlanFrame = {
    request,
    fingerprint,
    endpointTags: endpointTags(request, fingerprint),
    securityGroupTags: securityGroupTags(request, fingerprint),
    acceptanceRequired,
    privateDnsAfterAcceptance: acceptanceRequired && request.privateDns,
  };
  const steps: PlanStep[] = PLAN_STEPS.filter((step) => step.isIn(frame)).map((step) => ({ id: step.id, ...step.describe(frame) }));
  return {
    request,
    fingerprint,
    steps,
    cost: estimateMonthlyCost(countAvailabilityZones(request, facts)),
    endpointTags: frame.endpointTags,
    securityGroupTags: frame.securityGroupTags,
    acceptanceRequired,
    privateDnsAfterAcceptance: frame.privateDnsAfterAcceptance,
  };
}

// AWS bills per endpoint network interface, i.e. per subnet (one per AZ); count distinct AZs when
// known, otherwise the subnets (validation already allows at most one per AZ).
function countAvailabilityZones(request: EndpointRequest, facts: PlanFacts): number {
  const map = facts.subnetAvailabilityZones;
  if (!map) return request.subnetIds.length;
  return new Set(request.subnetIds.map((id) => map[id] ?? id)).size;
}
