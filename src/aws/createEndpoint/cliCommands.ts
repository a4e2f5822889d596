// AWS CLI command lines for each operation of the create flow. Shared by the plan (each step shows
// its CLI equivalent) and the exported script, so both always say the same thing.
import type { EndpointRequest } from './endpointRequest';
import { ingressRuleDescription, POSTGRES_PORTS } from './endpointRequest';
import type { ResourceTag } from './resourceTags';
import { shellQuote, shellWord, type ShellWord } from '../shellQuote';

export { shellQuote, shellVariable } from '../shellQuote';

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
  options: { privateDns: boolean; clientToken: ShellWord; securityGroup: ShellWord },
): string {
  return `ENDPOINT_ID=$(${command([
    'aws ec2 create-vpc-endpoint',
    `--region ${shellQuote(request.region)}`,
    '--vpc-endpoint-type Interface',
    `--vpc-id ${shellQuote(request.vpcId)}`,
    `--service-name ${shellQuote(request.serviceName)}`,
    `--subnet-ids ${request.subnetIds.map(shellQuote).join(' ')}`,
    `--security-group-ids ${shellWord(options.securityGroup)}`,
    options.privateDns ? '--private-dns-enabled' : '--no-private-dns-enabled',
    `--tag-specifications ${shellQuote(tagSpecificationsJson('vpc-endpoint', tags))}`,
    `--client-token ${shellWord(options.clientToken)}`,
    `--query 'VpcEndpoint.VpcEndpointId' --output text`,
  ])})`;
}

/**
 * A bash loop that follows the endpoint until `target`, failing on any state that cannot get there.
 * Right after creation EC2 may still answer InvalidVpcEndpointId.NotFound (it is eventually
 * consistent): that is waited through for a grace period, as the extension's own waiter does.
 */
export function waitForStateCli(request: EndpointRequest, target: 'available' | 'accepted'): string {
  const keepWaiting = target === 'available' ? 'pending|pendingAcceptance' : 'pendingAcceptance';
  const done = target === 'available' ? 'available' : 'pending|available';
  return [
    'WAIT_START=$SECONDS',
    'WAIT_ERRORS=$(mktemp)',
    'while true; do',
    `  if ! STATE=$(aws ec2 describe-vpc-endpoints --region ${shellQuote(request.region)} --vpc-endpoint-ids "$ENDPOINT_ID" --query 'VpcEndpoints[0].State' --output text 2>"$WAIT_ERRORS"); then`,
    '    if grep -q InvalidVpcEndpointId.NotFound "$WAIT_ERRORS" && [ $((SECONDS - WAIT_START)) -lt "${NOT_FOUND_GRACE_SECONDS:-30}" ]; then',
    '      echo "Endpoint $ENDPOINT_ID is not visible yet (EC2 is eventually consistent); waiting..."; sleep "${POLL_SECONDS:-10}"; continue',
    '    fi',
    '    cat "$WAIT_ERRORS" >&2; rm -f "$WAIT_ERRORS"; exit 1',
    '  fi',
    '  case "$STATE" in',
    `    ${done}) break ;;`,
    `    ${keepWaiting}) echo "Endpoint $ENDPOINT_ID is $STATE; waiting..."; sleep "\${POLL_SECONDS:-10}" ;;`,
    '    *) echo "Endpoint $ENDPOINT_ID is $STATE" >&2; exit 1 ;;',
    '  esac',
    'done',
    'rm -f "$WAIT_ERRORS"',
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

/** `group`: the id (quoted like any value, even one AWS sent) or the script's variable. */
export function deleteSecurityGroupCli(region: string, group: ShellWord): string {
  return `aws ec2 delete-security-group --region ${shellQuote(region)} --group-id ${shellWord(group)}`;
}

export function deleteEndpointCli(region: string, endpoint: ShellWord): string {
  return `aws ec2 delete-vpc-endpoints --region ${shellQuote(region)} --vpc-endpoint-ids ${shellWord(endpoint)}`;
}

function tagSpecificationsJson(resourceType: string, tags: ResourceTag[]): string {
  return JSON.stringify([{ ResourceType: resourceType, Tags: tags }]);
}
