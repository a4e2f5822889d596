// Where the client sits in the VPC, from what the user gave about it (CIDRs, subnets, or
// neither): the addresses and subnets the security group and NACL checks evaluate.
import type { SubnetSummary, VpcSummary } from '../aws/types';
import { cidrContains } from './cidr';
import type { ClientLocationInput } from './diagnoseTypes';

export interface ClientPlacement {
  cidrs: string[];
  source: 'given' | 'subnets' | 'vpc';
  subnetIds: string[];
}

/**
 * The client's addresses and subnets from what the user gave: CIDRs as given (else its subnets'
 * CIDRs, else the whole VPC), subnets as given (else the one subnet that holds each CIDR).
 */
export function clientPlacement(client: ClientLocationInput, subnets: SubnetSummary[], vpc: VpcSummary | undefined): ClientPlacement {
  const givenSubnets = client.subnetIds ?? [];
  const subnetIds = givenSubnets.length
    ? givenSubnets
    : [...new Set((client.cidrs ?? []).flatMap((cidr) => subnets.filter((s) => cidrContains(s.cidrBlock, cidr)).map((s) => s.id)))];
  if (client.cidrs?.length) return { cidrs: client.cidrs, source: 'given', subnetIds };
  const subnetCidrs = givenSubnets.map((id) => subnets.find((s) => s.id === id)?.cidrBlock).filter((c): c is string => !!c);
  if (subnetCidrs.length) return { cidrs: subnetCidrs, source: 'subnets', subnetIds };
  return { cidrs: vpc ? vpc.cidrBlocks : [], source: 'vpc', subnetIds };
}
