// From what the page proposes to a plan: the host decides region and branch, validation uses the
// facts the host loaded itself (never the page's), and a valid request becomes the plan. Pure.
import { buildEndpointPlan, type EndpointPlan } from '../../aws/createEndpoint/endpointPlan';
import type { EndpointFormInput, ValidationFacts, ValidationIssue } from '../../aws/createEndpoint/endpointRequest';
import { validateEndpointForm } from '../../aws/createEndpoint/formValidation';
import type { HostSnapshot } from '../protocol/createEndpointProtocol';
import type { VpcFacts } from './formState';

/** The host decides region and branch; the page only proposes the rest. */
export function authoritativeForm(form: EndpointFormInput, snapshot: HostSnapshot): EndpointFormInput {
  const rest: EndpointFormInput = { ...form };
  delete rest.branch;
  return { ...rest, region: snapshot.region, ...(snapshot.branch ? { branch: snapshot.branch } : {}) };
}

/** The facts loaded for this form's service and VPC, when they are the ones the form names. */
function factsFor(form: EndpointFormInput, snapshot: HostSnapshot, vpcFacts: VpcFacts | undefined): ValidationFacts {
  const facts: ValidationFacts = {};
  if (snapshot.service && snapshot.service.serviceName === form.serviceName.trim()) facts.service = snapshot.service;
  const v = vpcFacts;
  if (v && v.vpc.id === form.vpcId.trim()) {
    facts.vpc = v.vpc;
    facts.vpcDns = v.dns;
    facts.subnets = v.subnets;
    facts.securityGroups = v.securityGroups;
    facts.existingEndpoints = v.endpoints.filter((e) => e.serviceName === form.serviceName.trim());
  }
  return facts;
}

export function planFromForm(form: EndpointFormInput, snapshot: HostSnapshot, vpcFacts: VpcFacts | undefined): { plan?: EndpointPlan; issues: ValidationIssue[] } {
  const facts = factsFor(form, snapshot, vpcFacts);
  const result = validateEndpointForm(form, facts);
  if (!result.request) return { issues: result.issues };
  const subnetAvailabilityZones = facts.subnets ? Object.fromEntries(facts.subnets.map((s) => [s.id, s.availabilityZone])) : undefined;
  const plan = buildEndpointPlan(result.request, {
    ...(facts.service ? { acceptanceRequired: facts.service.acceptanceRequired } : {}),
    ...(subnetAvailabilityZones ? { subnetAvailabilityZones } : {}),
  });
  return { plan, issues: result.issues };
}
