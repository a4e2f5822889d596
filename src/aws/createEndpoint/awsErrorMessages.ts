// Plain-language messages, with the fix, for the EC2 errors of the create and delete flow. The
// generic classifier (awsErrors.ts) handles credentials, throttling and the network; this module
// adds what only this flow knows: which field an error is about and what to change in the form.
// Works on the error's shape only (no SDK import). What kind of error it is (denied, credentials,
// throttled…) is decided by the one classifier, classifyAwsError; this module only adds words.
import { accessDeniedWords, iamActionWords } from '../accessDeniedWords';
import { awsErrorCode, classifyAwsError, isCredentialKind, redactAwsText } from '../awsErrors';
import type { FriendlyAwsError } from './applyTypes';

/** The EC2 operation that failed, mapped to the IAM action a denial names. */
export type Ec2Operation =
  | 'CreateSecurityGroup'
  | 'AuthorizeSecurityGroupIngress'
  | 'CreateVpcEndpoint'
  | 'ModifyVpcEndpoint'
  | 'DeleteVpcEndpoints'
  | 'DeleteSecurityGroup'
  | 'DescribeVpcEndpointServices'
  | 'DescribeVpcs'
  | 'DescribeVpcAttribute'
  | 'DescribeSubnets'
  | 'DescribeSecurityGroups'
  | 'DescribeVpcEndpoints'
  | 'DescribeNetworkInterfaces';

export interface ErrorContext {
  operation: Ec2Operation;
  region?: string;
  profile?: string;
  vpcId?: string;
  serviceName?: string;
  securityGroupId?: string;
  endpointId?: string;
}

/** "create VPC endpoints" for CreateVpcEndpoint: the words of the shared IAM action table. */
function what(operation: Ec2Operation): string {
  return iamActionWords(iamActionOf(operation)) ?? `call ${operation}`;
}

export function iamActionOf(operation: Ec2Operation): string {
  return `ec2:${operation}`;
}

/** The EC2 error code of an SDK error, as the one classifier reads it. */
export { awsErrorCode as ec2ErrorCode } from '../awsErrors';

/**
 * True for the codes EC2 uses for an endpoint that does not exist: DescribeVpcEndpoints throws
 * `InvalidVpcEndpointId.NotFound`, while DeleteVpcEndpoints reports an already-deleted endpoint in
 * `Unsuccessful` as `InvalidVpcEndpoint.NotFound`.
 */
export function isEndpointNotFoundCode(code: string | undefined): boolean {
  return code === 'InvalidVpcEndpointId.NotFound' || code === 'InvalidVpcEndpoint.NotFound';
}

export function explainEc2Error(err: unknown, context: ErrorContext): FriendlyAwsError {
  const code = awsErrorCode(err) ?? 'Error';
  const awsText = redactAwsText(typeof (err as { message?: unknown })?.message === 'string' ? (err as Error).message : '');
  const where = context.region ? ` in ${context.region}` : '';
  const vpc = context.vpcId ?? 'the VPC';
  const generic = classifyAwsError(err, { region: context.region, profile: context.profile, operation: iamActionOf(context.operation) });
  if (generic.kind === 'accessDenied') {
    const iamAction = generic.iamAction ?? iamActionOf(context.operation);
    return { code, iamAction, ...accessDeniedWords(context.profile, iamAction, context.region) };
  }

  switch (code) {
    case 'InvalidServiceName':
      return {
        code,
        field: 'serviceName',
        message: `The endpoint service ${context.serviceName ?? ''} does not exist${where} or is not shared with this account.`.replace('  ', ' '),
        fix: "Copy the Private Service Name again from the PlanetScale branch, and check that the form's region is the database's region.",
      };
    case 'InvalidVpcID.NotFound':
      return {
        code,
        field: 'vpcId',
        message: `VPC ${vpc} was not found${where}; it may have been deleted or belong to another region or account.`,
        fix: 'Refresh the VPC list and choose the VPC again.',
      };
    case 'InvalidSubnetID.NotFound':
      return {
        code,
        field: 'subnetIds',
        message: `A chosen subnet was not found${where}: ${awsText || 'it may have been deleted'}.`,
        fix: 'Refresh the subnet list and choose the subnets again.',
      };
    case 'InvalidGroup.NotFound':
    case 'InvalidGroupId.Malformed':
      return {
        code,
        field: context.operation === 'CreateVpcEndpoint' ? 'securityGroup.groupId' : 'securityGroup.sourceGroupIds',
        message: `A security group was not found in ${vpc}: ${awsText || 'it may have been deleted'}.`,
        fix: "Refresh the list and choose security groups of the endpoint's VPC.",
      };
    case 'InvalidVpcEndpointId.NotFound':
      return {
        code,
        message: `Endpoint ${context.endpointId ?? ''} was not found${where}; it was probably deleted already.`.replace('  ', ' '),
        fix: 'Refresh the explorer; nothing else is needed.',
      };
    case 'DuplicateSubnetsInSameZone':
      return {
        code,
        field: 'subnetIds',
        message: 'Two of the chosen subnets are in the same Availability Zone; an endpoint takes at most one subnet per zone.',
        fix: 'Keep one subnet per Availability Zone.',
      };
    case 'InvalidGroup.Duplicate':
      return {
        code,
        field: 'securityGroup.groupName',
        message: `${vpc} already has a security group with this name.`,
        fix: 'Choose another name for the new group, or use the existing group.',
      };
    case 'InvalidPermission.Duplicate':
      return {
        code,
        message: 'The security group already has these inbound rules.',
        fix: 'Nothing to do; the rules are in place.',
      };
    case 'DependencyViolation':
      return {
        code,
        message: `Security group ${context.securityGroupId ?? ''} is still attached to network interfaces; AWS releases an endpoint's interfaces a few minutes after the endpoint is deleted.`.replace('  ', ' '),
        fix: `Wait a few minutes, then delete it again${context.securityGroupId ? `: aws ec2 delete-security-group --region ${context.region ?? '<region>'} --group-id ${context.securityGroupId}` : ''}.`,
      };
    case 'VpcEndpointLimitExceeded':
      return {
        code,
        message: `The account has reached its limit of VPC endpoints${where}.`,
        fix: 'Delete endpoints you no longer use, or ask for a higher "Interface VPC endpoints per VPC" quota in Service Quotas.',
      };
    case 'SecurityGroupLimitExceeded':
    case 'RulesPerSecurityGroupLimitExceeded':
      return {
        code,
        message: `A security group limit was reached${where} (${code}).`,
        fix: 'Remove unused security groups or rules, or use an existing group for the endpoint.',
      };
    case 'IdempotentParameterMismatch':
      return {
        code,
        message: 'An earlier create request with the same idempotency token used different settings.',
        fix: 'Change the Name tag (or another field) so the form makes a new request, or delete the earlier endpoint first.',
      };
    case 'InvalidParameter':
    case 'InvalidParameterValue':
    case 'InvalidParameterCombination':
      return explainInvalidParameter(code, awsText, context);
  }

  // Credentials, throttling, network and the rest: the generic classifier's words.
  const credentials = isCredentialKind(generic.kind);
  return {
    code: generic.code ?? code,
    message: generic.message,
    fix: generic.action?.command
      ? `Run ${generic.action.command}, then try again.`
      : credentials
        ? 'Refresh the credentials of the profile (or choose another profile), then try again.'
        : generic.kind === 'throttled' || generic.kind === 'network'
          ? 'Try again in a moment.'
          : 'Check the form and try again; the log has the details.',
    ...(generic.iamAction ? { iamAction: generic.iamAction } : {}),
    ...(credentials ? { credentials: true } : {}),
    ...(generic.action?.command ? { command: generic.action.command } : {}),
  };
}

// EC2 returns InvalidParameter for several different mistakes; its message tells them apart.
function explainInvalidParameter(code: string, awsText: string, context: ErrorContext): FriendlyAwsError {
  const vpc = context.vpcId ?? 'the VPC';
  if (/conflicting|already.*(associated|exists).*dns|private-dns-enabled cannot be set/i.test(awsText)) {
    return {
      code,
      field: 'privateDns',
      message: `${vpc} already has an endpoint with private DNS for this service, so a second one would claim the same DNS name.`,
      fix: 'Use the existing endpoint, or turn private DNS off for this one.',
    };
  }
  if (/enableDns|DNS (support|hostnames)|private dns/i.test(awsText)) {
    return {
      code,
      field: 'privateDns',
      message: `Private DNS needs both enableDnsSupport and enableDnsHostnames on ${vpc}.`,
      fix: 'Turn both on for the VPC (the form offers it), or turn private DNS off.',
    };
  }
  if (/availability zone|does not support the zone|not supported in/i.test(awsText)) {
    return {
      code,
      field: 'subnetIds',
      message: 'A chosen subnet is in an Availability Zone the endpoint service does not offer.',
      fix: 'Choose subnets only in the zones the service lists (Verify service shows them).',
    };
  }
  if (/group name|GroupName/i.test(awsText)) {
    return { code, field: 'securityGroup.groupName', message: `EC2 did not accept the security group name: ${awsText}`, fix: 'Use letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only, at most 255 characters, not starting with sg-.' };
  }
  if (/tag/i.test(awsText)) {
    return { code, field: 'nameTag', message: `EC2 did not accept a tag: ${awsText}`, fix: 'Shorten the Name tag (at most 256 characters).' };
  }
  return {
    code,
    message: `EC2 rejected the request to ${what(context.operation)}: ${awsText || code}`,
    fix: 'Check the highlighted fields and try again.',
  };
}
