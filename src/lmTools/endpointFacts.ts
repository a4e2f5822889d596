// How the tools describe an interface endpoint to the model: one compact line, and a JSON shape
// with the facts a follow-up call needs (id, region, VPC, service, state, private DNS).
import type { InterfaceEndpoint } from '../aws/types';
import { stateLabel, type WatchState } from '../aws/watch/endpointStatusModel';

export interface EndpointFacts {
  endpointId: string;
  name?: string;
  region: string;
  profile: string;
  vpcId: string;
  serviceName: string;
  state: string;
  privateDnsEnabled: boolean;
  dnsNames: string[];
  subnetIds: string[];
  securityGroupIds: string[];
  lastError?: string;
}

export function endpointFacts(endpoint: InterfaceEndpoint, region: string, profile: string): EndpointFacts {
  return {
    endpointId: endpoint.id,
    ...(endpoint.name ? { name: endpoint.name } : {}),
    region,
    profile,
    vpcId: endpoint.vpcId,
    serviceName: endpoint.serviceName,
    state: endpoint.state === 'unknown' ? endpoint.rawState ?? 'unknown' : endpoint.state,
    privateDnsEnabled: endpoint.privateDnsEnabled,
    dnsNames: endpoint.dnsEntries.map((d) => d.dnsName),
    subnetIds: endpoint.subnetIds,
    securityGroupIds: endpoint.securityGroupIds,
    ...(endpoint.lastError?.message || endpoint.lastError?.code ? { lastError: [endpoint.lastError.code, endpoint.lastError.message].filter(Boolean).join(': ') } : {}),
  };
}

/** "vpce-… (name) in vpc-… us-east-1: Available, private DNS on, service …" */
export function endpointLine(facts: EndpointFacts): string {
  const name = facts.name ? ` (${facts.name})` : '';
  const error = facts.lastError ? `, AWS says: ${facts.lastError}` : '';
  return `${facts.endpointId}${name} in ${facts.vpcId} ${facts.region}: ${stateLabel(facts.state as WatchState) ?? facts.state}, private DNS ${facts.privateDnsEnabled ? 'on' : 'off'}, service ${facts.serviceName}${error}`;
}
