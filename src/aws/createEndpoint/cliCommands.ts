// AWS CLI command lines for each operation of the create flow. Shared by the plan (each step shows
// its CLI equivalent) and the exported script, so both always say the same thing.
import type { EndpointRequest } from './endpointRequest';
import { ingressRuleDescription, POSTGRES_PORTS } from './endpointRequest';
import type { ResourceTag } from './resourceTags';

/** Quotes a word for bash: bare when safe, otherwise single-quoted. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const CONTINUATION = ' \\\n  ';

function command(parts: string[]): string {
  return parts.join(CONTINUATION);
}

export function createSecurityGroupCli(request: EndpointRequest, tags: ResourceTag[]): string {
  if (request.securityGroup.mode !== 'create') throw new Error('createSecurityGroupCli needs a security group to create');
  const sg = request.securityGroup;
  return `SG_ID=$(${command([
    'aws ec2 create-security-group',
    `--region ${shellQuote(request.region)}`,
    `--group-name ${shellQuote(sg.groupName)}`,
    `--description ${shellQuote(sg.description)}`,
    `--vpc-id ${shellQuote(request.vpcId)}`,
    `--tag-specifications ${shellQuote(tagSpecificationsJson('security-group', tags))}`,
    `--query 'GroupId' --output text`,
  ])})`;
}

/** The two rules (5432 direct, 6432 PSBouncer) as EC2 IpPermissions. */
export function ingressPermissions(request: EndpointRequest): Array<Record<string, unknown>> {
  if (request.securityGroup.mode !== 'create') return [];
  const source = request.securityGroup.source;
  return POSTGRES_PORTS.map((port) => {
    const description = ingressRuleDescription(port);
    const base = { IpProtocol: 'tcp', FromPort: port, ToPort: port };
    return source.kind === 'securityGroups'
      ? { ...base, UserIdGroupPairs: source.groupIds.map((GroupId) => ({ GroupId, Description: description })) }
      : { ...base, IpRanges: source.cidrs.map((CidrIp) => ({ CidrIp, Description: description })) };
  });
}

export function authorizeIngressCli(request: EndpointRequest): string {
  return command([
    'aws ec2 authorize-security-group-ingress',
    `--region ${shellQuote(request.region)}`,
    '--group-id "$SG_ID"',
    `--ip-permissions ${shellQuote(JSON.stringify(ingressPermissions(request)))}`,
  ]);
}

export function createEndpointCli(
  request: EndpointRequest,
  tags: ResourceTag[],
  options: { privateDns: boolean; clientTokenRef: string; securityGroupRef: string },
): string {
  return `ENDPOINT_ID=$(${command([
    'aws ec2 create-vpc-endpoint',
    `--region ${shellQuote(request.region)}`,
    '--vpc-endpoint-type Interface',
    `--vpc-id ${shellQuote(request.vpcId)}`,
    `--service-name ${shellQuote(request.serviceName)}`,
    `--subnet-ids ${request.subnetIds.map(shellQuote).join(' ')}`,
    `--security-group-ids ${options.securityGroupRef}`,
    options.privateDns ? '--private-dns-enabled' : '--no-private-dns-enabled',
    `--tag-specifications ${shellQuote(tagSpecificationsJson('vpc-endpoint', tags))}`,
    `--client-token ${options.clientTokenRef}`,
    `--query 'VpcEndpoint.VpcEndpointId' --output text`,
  ])})`;
}

/** A bash loop that follows the endpoint until `target`, failing on any state that cannot get there. */
export function waitForStateCli(request: EndpointRequest, target: 'available' | 'accepted'): string {
  const keepWaiting = target === 'available' ? 'pending|pendingAcceptance' : 'pendingAcceptance';
  const done = target === 'available' ? 'available' : 'pending|available';
  return [
    'while true; do',
    `  STATE=$(aws ec2 describe-vpc-endpoints --region ${shellQuote(request.region)} --vpc-endpoint-ids "$ENDPOINT_ID" --query 'VpcEndpoints[0].State' --output text)`,
    '  case "$STATE" in',
    `    ${done}) break ;;`,
    `    ${keepWaiting}) echo "Endpoint $ENDPOINT_ID is $STATE; waiting..."; sleep "\${POLL_SECONDS:-10}" ;;`,
    '    *) echo "Endpoint $ENDPOINT_ID is $STATE" >&2; exit 1 ;;',
    '  esac',
    'done',
  ].join('\n');
}

export function enablePrivateDnsCli(request: EndpointRequest): string {
  return command([
    'aws ec2 modify-vpc-endpoint',
    `--region ${shellQuote(request.region)}`,
    '--vpc-endpoint-id "$ENDPOINT_ID"',
    '--private-dns-enabled',
  ]);
}

export function deleteSecurityGroupCli(region: string, groupRef: string): string {
  return `aws ec2 delete-security-group --region ${shellQuote(region)} --group-id ${groupRef}`;
}

export function deleteEndpointCli(region: string, endpointRef: string): string {
  return `aws ec2 delete-vpc-endpoints --region ${shellQuote(region)} --vpc-endpoint-ids ${endpointRef}`;
}

function tagSpecificationsJson(resourceType: string, tags: ResourceTag[]): string {
  return JSON.stringify([{ ResourceType: resourceType, Tags: tags }]);
}
