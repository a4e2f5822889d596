// One wording for a denied AWS call, wherever it is shown (tree, notification, Create Endpoint
// form): who was denied, what they tried to do in plain words, the IAM action, and the fix.

/** What an IAM action lets one do, for "is not allowed to …". */
const ACTION_WORDS: Readonly<Record<string, string>> = {
  'ec2:CreateSecurityGroup': 'create security groups',
  'ec2:AuthorizeSecurityGroupIngress': 'add inbound rules to security groups',
  'ec2:CreateVpcEndpoint': 'create VPC endpoints',
  'ec2:ModifyVpcEndpoint': 'change VPC endpoints (turn on private DNS)',
  'ec2:ModifyVpcAttribute': "change the VPC's DNS settings",
  'ec2:DeleteVpcEndpoints': 'delete VPC endpoints',
  'ec2:DeleteSecurityGroup': 'delete security groups',
  'ec2:DescribeVpcEndpointServices': 'look up endpoint services',
  'ec2:DescribeVpcs': 'list VPCs',
  'ec2:DescribeVpcAttribute': "read the VPC's DNS settings",
  'ec2:DescribeSubnets': 'list subnets',
  'ec2:DescribeSecurityGroups': 'list security groups',
  'ec2:DescribeVpcEndpoints': 'list VPC endpoints',
  'ec2:DescribeNetworkInterfaces': 'list network interfaces',
  'ec2:DescribeNetworkAcls': 'list network ACLs',
  'ec2:DescribeRegions': 'list regions',
  'sts:GetCallerIdentity': 'read the identity of its credentials',
};

/** Plain words for an IAM action, e.g. `ec2:CreateVpcEndpoint` → "create VPC endpoints". */
export function iamActionWords(iamAction: string): string | undefined {
  return ACTION_WORDS[iamAction];
}

export interface DeniedWords {
  message: string;
  fix: string;
}

export function accessDeniedWords(profile: string | undefined, iamAction: string | undefined, region: string | undefined): DeniedWords {
  const who = `Your AWS identity${profile ? ` (profile "${profile}")` : ''}`;
  const where = region ? ` in ${region}` : '';
  if (!iamAction) {
    return { message: `${who} lacks an IAM permission this step needs${where}.`, fix: 'Ask an administrator for the permission (the log names the call), or choose a profile that has it.' };
  }
  const words = iamActionWords(iamAction);
  return {
    message: words ? `${who} is not allowed to ${words} (${iamAction})${where}.` : `${who} is not allowed to perform ${iamAction}${where}.`,
    fix: `Ask an administrator to allow ${iamAction} for this identity, or choose a profile that has it.`,
  };
}
