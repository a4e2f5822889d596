// Checks of the create-endpoint form: first each field on its own (format), then the request
// against what AWS told us (offered AZs, VPC DNS attributes, existing groups and endpoints). Every
// issue names its field and says how to fix it. Pure: the webview runs it on every keystroke.
import {
  DEFAULT_SECURITY_GROUP_DESCRIPTION,
  type EndpointField,
  type EndpointFormInput,
  type EndpointRequest,
  type IngressSource,
  type ValidationFacts,
  type ValidationIssue,
  type ValidationResult,
} from './endpointRequest';
import { checkCidr } from './ipv4Cidr';
import { checkRequestAgainstFacts } from './requestFactChecks';
import { isAwsRegion, parseServiceName, regionOfServiceName } from '../awsNames';

const VPC_RE = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SUBNET_RE = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SG_RE = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
// EC2's allowed characters for VPC security group names and descriptions.
const SG_TEXT_RE = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
const MAX_SG_TEXT = 255;
const MAX_TAG_VALUE = 256;

export function validateEndpointForm(input: EndpointFormInput, facts: ValidationFacts = {}): ValidationResult {
  const issues: ValidationIssue[] = [];
  const add = (field: EndpointField, message: string, severity: 'error' | 'warning' = 'error') =>
    issues.push({ field, message, severity });

  const region = text(input?.region);
  if (!region) add('region', 'Choose the AWS region of the PlanetScale database (for example us-east-1).');
  else if (!isAwsRegion(region)) add('region', `"${region}" is not an AWS region code; choose one such as us-east-1.`);

  const serviceName = text(input?.serviceName);
  const serviceIssue = checkServiceName(serviceName, isAwsRegion(region) ? region : undefined);
  if (serviceIssue) add('serviceName', serviceIssue);

  const vpcId = text(input?.vpcId);
  if (!vpcId) add('vpcId', 'Choose the VPC your application runs in.');
  else if (!VPC_RE.test(vpcId)) add('vpcId', `"${vpcId}" is not a VPC id (vpc-…); pick the VPC from the list.`);

  const subnetIds = uniqueSorted(list(input?.subnetIds));
  if (subnetIds.length === 0) {
    add('subnetIds', 'Choose at least one subnet (two or more in different Availability Zones are recommended).');
  }
  for (const id of subnetIds) {
    if (!SUBNET_RE.test(id)) add('subnetIds', `"${id}" is not a subnet id (subnet-…); pick subnets from the list.`);
  }

  const sgInput = input?.securityGroup;
  let securityGroup: EndpointRequest['securityGroup'] | undefined;
  if (!sgInput || (sgInput.mode !== 'create' && sgInput.mode !== 'existing')) {
    add('securityGroup.mode', 'Choose whether to create a security group for the endpoint or use an existing one.');
  } else if (sgInput.mode === 'existing') {
    const groupId = text(sgInput.groupId);
    if (!groupId) add('securityGroup.groupId', 'Choose the existing security group for the endpoint, or create a new one.');
    else if (!SG_RE.test(groupId)) add('securityGroup.groupId', `"${groupId}" is not a security group id (sg-…); pick one from the list.`);
    securityGroup = { mode: 'existing', groupId };
  } else {
    const groupName = text(sgInput.groupName);
    const nameIssue = checkSecurityGroupName(groupName);
    if (nameIssue) add('securityGroup.groupName', nameIssue);
    const description = text(sgInput.description) || DEFAULT_SECURITY_GROUP_DESCRIPTION;
    const descriptionIssue = checkSecurityGroupDescription(description);
    if (descriptionIssue) add('securityGroup.description', descriptionIssue);
    let source: IngressSource;
    if (sgInput.sourceKind === 'cidrs') {
      const cidrs = uniqueSorted(list(sgInput.cidrs));
      if (cidrs.length === 0) {
        add('securityGroup.cidrs', 'Enter at least one IPv4 CIDR allowed to connect (for example the VPC CIDR), or choose client security groups instead.');
      }
      for (const cidr of cidrs) {
        const cidrIssue = checkCidr(cidr);
        if (cidrIssue) add('securityGroup.cidrs', cidrIssue);
        else if (cidr.endsWith('/0')) {
          add('securityGroup.cidrs', `${cidr} allows every address; prefer the VPC CIDR or the application's security group.`, 'warning');
        }
      }
      source = { kind: 'cidrs', cidrs };
    } else {
      const groupIds = uniqueSorted(list(sgInput.sourceGroupIds));
      if (groupIds.length === 0) {
        add('securityGroup.sourceGroupIds', "Choose at least one client security group (your application's), or allow CIDR ranges instead.");
      }
      for (const id of groupIds) {
        if (!SG_RE.test(id)) add('securityGroup.sourceGroupIds', `"${id}" is not a security group id (sg-…); pick the application's security group from the list.`);
      }
      source = { kind: 'securityGroups', groupIds };
    }
    securityGroup = { mode: 'create', groupName, description, source };
  }

  const privateDns = input?.privateDns !== false;
  const nameTag = text(input?.nameTag);
  if (nameTag.length > MAX_TAG_VALUE) {
    add('nameTag', `The Name tag is ${nameTag.length} characters; AWS allows at most ${MAX_TAG_VALUE}. Shorten it.`);
  } else if (!nameTag) {
    add('nameTag', 'No Name tag: the endpoint will show only as its id in the AWS console. Enter a name to find it later.', 'warning');
  }
  const branch = text(input?.branch) || undefined;
  if (branch && !/^[^/\s]+\/[^/\s]+\/[^/\s]+$/.test(branch)) {
    add('branch', `"${branch}" is not <organization>/<database>/<branch>; open the form from the branch in the PlanetScale view.`);
  }

  if (securityGroup) {
    const request: EndpointRequest = { region, serviceName, vpcId, subnetIds, securityGroup, privateDns, nameTag, ...(branch ? { branch } : {}) };
    // Fact-based checks too, except for fields whose format is already wrong (one message each).
    const badFields = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.field));
    issues.push(...checkRequestAgainstFacts(request, facts).filter((i) => !badFields.has(i.field)));
    if (!issues.some((i) => i.severity === 'error')) return { request, issues };
  }
  return { issues };
}

/** Null when valid; otherwise what is wrong and the fix. */
export function checkServiceName(serviceName: string, region?: string): string | null {
  if (!serviceName) return 'Enter the Private Service Name from the PlanetScale branch (com.amazonaws.vpce.<region>.vpce-svc-…).';
  const parts = parseServiceName(serviceName);
  if (!parts) {
    return `"${serviceName}" is not an endpoint service name; copy the Private Service Name from the PlanetScale branch (it looks like com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0).`;
  }
  const { region: serviceRegion, serviceId } = parts;
  if (!isAwsRegion(serviceRegion)) return `"${serviceRegion}" in the service name is not an AWS region; copy the Private Service Name again.`;
  if (!/^vpce-svc-[0-9a-f]{8,17}$/.test(serviceId)) return `"${serviceId}" is not an endpoint service id (vpce-svc- and 17 hex digits); copy the Private Service Name again.`;
  if (region && serviceRegion !== region) {
    return `The service is in ${serviceRegion} but the form's region is ${region}; switch the region to ${serviceRegion} (an endpoint must be in the service's region).`;
  }
  return null;
}

/** The region inside a well-formed service name. */
export function serviceNameRegion(serviceName: string): string | undefined {
  return regionOfServiceName(serviceName.trim());
}

export function checkSecurityGroupName(name: string): string | null {
  if (!name) return 'Enter a name for the new security group (for example PScalePrivateLinkEndpointSG).';
  if (name.length > MAX_SG_TEXT) return `The security group name is ${name.length} characters; AWS allows at most ${MAX_SG_TEXT}.`;
  if (/^sg-/i.test(name)) return 'A security group name cannot start with "sg-"; choose another name.';
  if (!SG_TEXT_RE.test(name)) {
    return 'The security group name may use only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*; remove the other characters.';
  }
  return null;
}

export function checkSecurityGroupDescription(description: string): string | null {
  if (description.length > MAX_SG_TEXT) return `The description is ${description.length} characters; AWS allows at most ${MAX_SG_TEXT}.`;
  if (!SG_TEXT_RE.test(description)) {
    return 'The description may use only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*; remove the other characters.';
  }
  return null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(text).filter(Boolean) : [];
}
function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}
