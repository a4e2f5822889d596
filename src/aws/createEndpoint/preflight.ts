// Everything that can be known before anything is created: the service exists here, the VPC can
// take private DNS, no endpoint for the service already claims its DNS name, the group name is
// free (or ours from an earlier submit), and a DryRun of every mutating call to list missing IAM
// permissions. Reads fresh facts, then reuses the form's own checks on them.
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcEndpointCommand,
  DeleteSecurityGroupCommand,
  type EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { isAccessDenied, isEndpointServiceNotFoundError } from '../awsErrors';
import { describeEndpointService, getVpcDnsAttributes, listInterfaceEndpoints, listSecurityGroups, listSubnets, listVpcs } from '../ec2Queries';
import type { QueryOptions } from '../types';
import type { DryRunCheck, FriendlyAwsError, PreflightOffer, PreflightProblem, PreflightResult } from './applyTypes';
import { awsErrorCode } from '../awsErrors';
import { explainEc2Error, iamActionOf, type Ec2Operation } from './awsErrorMessages';
import { ingressPermissions } from './cliCommands';
import type { EndpointPlan } from './endpointPlan';
import { POSTGRES_PORTS, type ValidationFacts, type ValidationIssue } from './endpointRequest';
import { checkRequestAgainstFacts } from './requestFactChecks';
import { TAG_REQUEST } from './resourceTags';

export interface PreflightOptions extends Pick<QueryOptions, 'signal'> {
  profile?: string;
}

/**
 * Checks the plan against the account. `ok` is false when creation would fail; each problem
 * names the field, the fix and, where one exists, an offer the form can make.
 */
export async function preflightEndpointPlan(ec2: EC2Client, plan: EndpointPlan, options: PreflightOptions = {}): Promise<PreflightResult> {
  const { request } = plan;
  const signal = options.signal;
  const problems: PreflightProblem[] = [];
  const missing = new Set<string>();
  const facts: ValidationFacts = {};
  const context = (operation: Ec2Operation) => ({ operation, region: request.region, profile: options.profile, vpcId: request.vpcId, serviceName: request.serviceName });

  /** Runs a read; a failure becomes a problem (and a missing Describe permission). */
  const read = async <T>(operation: Ec2Operation, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (err) {
      if (signal?.aborted) throw err;
      if (isEndpointServiceNotFoundError(err)) {
        problems.push({ code: 'InvalidServiceName', field: 'serviceName', severity: 'error', message: err.message, fix: 'Copy the Private Service Name again from the PlanetScale branch, and check the region.' });
        return undefined;
      }
      const friendly = explainEc2Error(err, context(operation));
      if (friendly.iamAction && isAccessDenied(err)) missing.add(friendly.iamAction);
      problems.push(preflightProblemOf(friendly));
      return undefined;
    }
  };

  const [service, vpcs, subnets, groups, endpoints, dns] = await Promise.all([
    read('DescribeVpcEndpointServices', () => describeEndpointService(ec2, request.serviceName, { signal, region: request.region })),
    read('DescribeVpcs', () => listVpcs(ec2, { signal })),
    read('DescribeSubnets', () => listSubnets(ec2, request.vpcId, { signal })),
    read('DescribeSecurityGroups', () => listSecurityGroups(ec2, request.vpcId, { signal })),
    read('DescribeVpcEndpoints', () =>
      listInterfaceEndpoints(ec2, { signal, filters: [{ Name: 'vpc-id', Values: [request.vpcId] }, { Name: 'service-name', Values: [request.serviceName] }] }),
    ),
    request.privateDns ? read('DescribeVpcAttribute', () => getVpcDnsAttributes(ec2, request.vpcId, { signal })) : Promise.resolve(undefined),
  ]);

  if (service) facts.service = service;
  if (vpcs) {
    const vpc = vpcs.find((v) => v.id === request.vpcId);
    if (vpc) facts.vpc = vpc;
    else problems.push({ code: 'InvalidVpcID.NotFound', field: 'vpcId', severity: 'error', message: `VPC ${request.vpcId} does not exist in ${request.region}.`, fix: 'Refresh the VPC list and choose the VPC again.' });
  }
  if (subnets) facts.subnets = subnets;
  if (groups) facts.securityGroups = groups;
  if (endpoints) facts.existingEndpoints = endpoints;
  if (dns) facts.vpcDns = dns;
  if (service && service.serviceType && !/interface/i.test(service.serviceType)) {
    problems.push({ code: 'NotInterfaceService', field: 'serviceName', severity: 'error', message: `${request.serviceName} is a ${service.serviceType} service, not an interface endpoint service.`, fix: 'Copy the Private Service Name of the PlanetScale branch again.' });
  }
  if (service?.acceptanceRequired && request.privateDns) {
    problems.push({ code: 'AcceptanceRequired', field: 'privateDns', severity: 'info', message: 'The service requires acceptance; private DNS can be turned on only after PlanetScale accepts.', fix: 'The plan creates the endpoint without private DNS, waits for acceptance, then turns it on.' });
  }

  // Without the VPC the other facts are empty, and every check would repeat "not found".
  const vpcMissing = vpcs !== undefined && facts.vpc === undefined;
  if (!vpcMissing) for (const issue of checkRequestAgainstFacts(request, facts)) problems.push(toProblem(issue, facts, plan));

  const ours = groups?.find((g) => request.securityGroup.mode === 'create' && g.name === request.securityGroup.groupName && g.tags[TAG_REQUEST] === plan.fingerprint);
  if (ours) {
    problems.push({ code: 'ReuseSecurityGroup', field: 'securityGroup.groupName', severity: 'info', message: `Security group ${ours.id} was created by an earlier submit of this form; it will be reused.`, fix: '' });
  }

  const dryRuns = await dryRunAll(ec2, plan, facts, ours?.id, signal);
  for (const check of dryRuns) {
    if (check.outcome === 'denied') {
      // Without DeleteSecurityGroup creation works, but a failure could not be cleaned up.
      if (check.action === iamActionOf('DeleteSecurityGroup')) {
        problems.push({ code: 'UnauthorizedOperation', severity: 'warning', message: `Your identity may not ${check.action}: if creation fails halfway, the new security group could not be removed automatically.`, fix: `Ask an administrator to allow ${check.action} as well.` });
      } else {
        missing.add(check.action);
      }
    } else if (check.outcome === 'failed' && check.problem) {
      // EC2's own verdict on the real parameters; skip it when a check above said the same.
      const problem = check.problem;
      const known = problems.some((p) => p.severity === 'error' && (problem.field ? p.field === problem.field : p.code === problem.code));
      if (!known) problems.push(problem);
    }
  }
  if (missing.size > 0) {
    problems.push({
      code: 'MissingPermissions',
      severity: 'error',
      message: `Your AWS identity${options.profile ? ` (profile "${options.profile}")` : ''} lacks ${[...missing].join(', ')}. Nothing was created.`,
      fix: `Ask an administrator to allow ${[...missing].join(', ')}, or choose a profile that has ${missing.size > 1 ? 'them' : 'it'}.`,
    });
  }

  const subnetAvailabilityZones = subnets ? Object.fromEntries(subnets.filter((s) => request.subnetIds.includes(s.id)).map((s) => [s.id, s.availabilityZone])) : undefined;
  return {
    ok: missing.size === 0 && !problems.some((p) => p.severity === 'error'),
    missingPermissions: [...missing].sort(),
    problems,
    dryRuns: dryRuns.map(({ problem: _problem, ...check }) => check),
    ...(service ? { acceptanceRequired: service.acceptanceRequired, serviceAvailabilityZones: service.availabilityZones } : {}),
    ...(subnetAvailabilityZones ? { subnetAvailabilityZones } : {}),
    ...(ours ? { reusableSecurityGroupId: ours.id } : {}),
  };
}

function toProblem(issue: ValidationIssue, facts: ValidationFacts, plan: EndpointPlan): PreflightProblem {
  const { request } = plan;
  let offer: PreflightOffer | undefined;
  let fix = '';
  switch (issue.code) {
    case 'ConflictingPrivateDns': {
      const existing = facts.existingEndpoints?.find((e) => e.privateDnsEnabled && e.tags?.[TAG_REQUEST] !== plan.fingerprint);
      if (existing) offer = { kind: 'useExistingEndpoint', endpointId: existing.id };
      fix = 'Use the existing endpoint, or turn private DNS off for the new one.';
      break;
    }
    case 'EndpointExists': {
      const existing = facts.existingEndpoints?.find((e) => e.tags?.[TAG_REQUEST] !== plan.fingerprint);
      if (existing) offer = { kind: 'useExistingEndpoint', endpointId: existing.id };
      fix = 'Use the existing endpoint unless you need a second one.';
      break;
    }
    case 'DuplicateSecurityGroupName': {
      const name = request.securityGroup.mode === 'create' ? request.securityGroup.groupName.toLowerCase() : '';
      const clash = facts.securityGroups?.find((g) => g.name.toLowerCase() === name);
      if (clash) offer = { kind: 'reuseSecurityGroup', groupId: clash.id };
      fix = 'Choose another name, or use the existing group.';
      break;
    }
    case 'VpcDnsOff':
      offer = { kind: 'enableVpcDns', vpcId: request.vpcId };
      fix = 'Turn on enableDnsSupport and enableDnsHostnames for the VPC, or turn private DNS off.';
      break;
    case 'GroupMissingPorts':
      if (request.securityGroup.mode === 'existing') {
        const group = facts.securityGroups?.find((g) => g.id === (request.securityGroup as { groupId: string }).groupId);
        const ports = POSTGRES_PORTS.filter((port) => !(group?.ingress ?? []).some((r) => r.protocol === 'all' || (r.protocol === 'tcp' && r.fromPort <= port && port <= r.toPort)));
        offer = { kind: 'addIngressRules', groupId: request.securityGroup.groupId, ports };
      }
      fix = 'Add inbound 5432 and 6432 from your application security group.';
      break;
    default:
      break;
  }
  // The issue's message already says how to fix it; `fix` repeats the action for buttons.
  return { code: issue.code ?? 'Invalid', field: issue.field, severity: issue.severity, message: issue.message, fix: fix || issue.message, ...(offer ? { offer } : {}) };
}

type DryRunOutcome = DryRunCheck & { problem?: PreflightProblem };

/**
 * DryRun of each mutating call. Calls on a group that does not exist yet use a stand-in group of
 * the same VPC (its default group): DryRun changes nothing, and permission is what is checked.
 */
async function dryRunAll(
  ec2: EC2Client,
  plan: EndpointPlan,
  facts: ValidationFacts,
  reusedGroupId: string | undefined,
  signal: AbortSignal | undefined,
): Promise<DryRunOutcome[]> {
  const { request } = plan;
  const standIn = reusedGroupId ?? facts.securityGroups?.find((g) => g.name === 'default')?.id ?? facts.securityGroups?.[0]?.id;
  const groupForEndpoint = request.securityGroup.mode === 'existing' ? request.securityGroup.groupId : standIn;
  // A re-submit of the same form gets its earlier endpoint back (same ClientToken); a dry run with
  // private DNS would only report that endpoint's own DNS name as a conflict, so check the
  // permission without it.
  const resubmitted = facts.existingEndpoints?.some(
    (e) => e.tags?.[TAG_REQUEST] === plan.fingerprint && !['deleting', 'deleted', 'failed', 'rejected', 'expired'].includes(e.state),
  );
  const checks: Array<Promise<DryRunOutcome>> = [];
  const run = (operation: Ec2Operation, send: (() => Promise<unknown>) | undefined, skipReason?: string): Promise<DryRunOutcome> =>
    dryRun(operation, send, skipReason, { region: request.region, vpcId: request.vpcId, serviceName: request.serviceName });

  if (request.securityGroup.mode === 'create') {
    const sg = request.securityGroup;
    checks.push(
      run(
        'CreateSecurityGroup',
        reusedGroupId
          ? undefined
          : () =>
              ec2.send(
                new CreateSecurityGroupCommand({ DryRun: true, GroupName: sg.groupName, Description: sg.description, VpcId: request.vpcId, TagSpecifications: [{ ResourceType: 'security-group', Tags: plan.securityGroupTags }] }),
                { abortSignal: signal },
              ),
        `not needed: ${reusedGroupId} from an earlier submit is reused`,
      ),
      run(
        'AuthorizeSecurityGroupIngress',
        standIn
          ? () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ DryRun: true, GroupId: standIn, IpPermissions: ingressPermissions(request) as IpPermission[] }), { abortSignal: signal })
          : undefined,
        'no security group in the VPC to test against',
      ),
      run('DeleteSecurityGroup', standIn ? () => ec2.send(new DeleteSecurityGroupCommand({ DryRun: true, GroupId: standIn }), { abortSignal: signal }) : undefined, 'no security group in the VPC to test against'),
    );
  }
  checks.push(
    run(
      'CreateVpcEndpoint',
      groupForEndpoint
        ? () =>
            ec2.send(
              new CreateVpcEndpointCommand({
                DryRun: true,
                VpcEndpointType: 'Interface',
                VpcId: request.vpcId,
                ServiceName: request.serviceName,
                SubnetIds: request.subnetIds,
                SecurityGroupIds: [groupForEndpoint],
                PrivateDnsEnabled: request.privateDns && !plan.privateDnsAfterAcceptance && !resubmitted,
                TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: plan.endpointTags }],
              }),
              { abortSignal: signal },
            )
        : undefined,
      'no security group in the VPC to test against',
    ),
  );
  if (plan.privateDnsAfterAcceptance) {
    checks.push(run('ModifyVpcEndpoint', undefined, 'checked when the endpoint exists (private DNS after acceptance)'));
  }
  return Promise.all(checks);
}

async function dryRun(
  operation: Ec2Operation,
  send: (() => Promise<unknown>) | undefined,
  skipReason: string | undefined,
  context: { region: string; vpcId: string; serviceName: string },
): Promise<DryRunOutcome> {
  const action = iamActionOf(operation);
  if (!send) return { action, outcome: 'skipped', detail: skipReason };
  try {
    await send();
    // EC2 always answers a DryRun with an error; success means the server ignored DryRun.
    return { action, outcome: 'allowed', detail: 'the server did not treat the call as a dry run' };
  } catch (err) {
    const code = awsErrorCode(err);
    if (code === 'DryRunOperation') return { action, outcome: 'allowed' };
    if (isAccessDenied(err)) return { action, outcome: 'denied' };
    const friendly = explainEc2Error(err, { operation, ...context });
    // The stand-in group may already have these rules, or be undeletable: that is not a problem.
    const harmless = code === 'InvalidPermission.Duplicate' || (operation === 'DeleteSecurityGroup' && (code === 'CannotDelete' || code === 'DependencyViolation' || code === 'InvalidParameterValue'));
    if (harmless) return { action, outcome: 'allowed', detail: `permission checked (${code})` };
    return {
      action,
      outcome: 'failed',
      detail: `${friendly.code}: ${friendly.message}`,
      problem: preflightProblemOf(friendly),
    };
  }
}

/** A classified EC2 failure as a preflight problem (credential failures marked for the form). */
export function preflightProblemOf(friendly: FriendlyAwsError): PreflightProblem {
  return { code: friendly.code, field: friendly.field, severity: 'error', message: friendly.message, fix: friendly.fix, ...(friendly.credentials ? { credentials: true } : {}) };
}
