// Links that open a resource in the AWS console. Pure: usable from the main bundle.

import { isAwsRegion } from './awsNames';

export type ConsoleResource =
  | { kind: 'vpc'; id: string }
  | { kind: 'endpoint'; id: string }
  | { kind: 'securityGroup'; id: string }
  | { kind: 'subnet'; id: string }
  | { kind: 'networkAcl'; id: string }
  | { kind: 'networkInterface'; id: string };

/** The console host of the region's partition (commercial, China, GovCloud). */
function consoleBase(region: string): string {
  if (!isAwsRegion(region)) {
    throw new Error(`Invalid AWS region "${region}" for a console link: expected a name like us-east-1.`);
  }
  if (region.startsWith('cn-')) return 'https://console.amazonaws.cn';
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com';
  return `https://${region}.console.aws.amazon.com`;
}

const ID_PREFIX: Record<ConsoleResource['kind'], string> = {
  vpc: 'vpc-',
  endpoint: 'vpce-',
  securityGroup: 'sg-',
  subnet: 'subnet-',
  networkAcl: 'acl-',
  networkInterface: 'eni-',
};

/** The console page of one resource, e.g. `#EndpointDetails:vpcEndpointId=vpce-…` in the VPC console. */
export function consoleUrl(region: string, resource: ConsoleResource): string {
  const base = consoleBase(region);
  const prefix = ID_PREFIX[resource.kind];
  if (!/^[a-z]+-[0-9a-f]{8,17}$/.test(resource.id) || !resource.id.startsWith(prefix)) {
    throw new Error(`Invalid ${resource.kind} id "${resource.id}" for a console link: expected ${prefix} followed by hex digits.`);
  }
  const r = encodeURIComponent(region);
  const id = encodeURIComponent(resource.id);
  switch (resource.kind) {
    case 'vpc':
      return `${base}/vpcconsole/home?region=${r}#VpcDetails:VpcId=${id}`;
    case 'endpoint':
      return `${base}/vpcconsole/home?region=${r}#EndpointDetails:vpcEndpointId=${id}`;
    case 'securityGroup':
      return `${base}/vpcconsole/home?region=${r}#SecurityGroup:groupId=${id}`;
    case 'subnet':
      return `${base}/vpcconsole/home?region=${r}#SubnetDetails:subnetId=${id}`;
    case 'networkAcl':
      return `${base}/vpcconsole/home?region=${r}#NetworkAclDetails:networkAclId=${id}`;
    case 'networkInterface':
      return `${base}/ec2/home?region=${r}#NetworkInterface:networkInterfaceId=${id}`;
  }
}

export const vpcConsoleUrl = (region: string, vpcId: string): string => consoleUrl(region, { kind: 'vpc', id: vpcId });
export const endpointConsoleUrl = (region: string, endpointId: string): string => consoleUrl(region, { kind: 'endpoint', id: endpointId });
export const securityGroupConsoleUrl = (region: string, groupId: string): string => consoleUrl(region, { kind: 'securityGroup', id: groupId });
export const subnetConsoleUrl = (region: string, subnetId: string): string => consoleUrl(region, { kind: 'subnet', id: subnetId });
