// What the VPC's resolver (Route 53 Resolver) answers for a name, given the endpoints: the
// interface IPs of each available endpoint with private DNS in the client's VPC whose
// service's private DNS name covers the name. A wildcard covers exactly one label.
import type { SandboxEndpointView } from '../ec2/types';

export interface ResolverVpc {
  region: string;
  vpcId: string;
}

export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

export function dnsNameCovers(pattern: string, name: string): boolean {
  const p = normalizeName(pattern);
  const n = normalizeName(name);
  if (!p.startsWith('*.')) return p === n;
  const suffix = p.slice(1); // ".private-pg.psdb.cloud"
  if (!n.endsWith(suffix)) return false;
  const label = n.slice(0, -suffix.length);
  return label.length > 0 && !label.includes('.');
}

/** The A records for `name`, or undefined when the name does not exist for this VPC. */
export function privateDnsAnswer(endpoints: SandboxEndpointView[], vpc: ResolverVpc, name: string): string[] | undefined {
  const ips: string[] = [];
  for (const endpoint of endpoints) {
    if (endpoint.region !== vpc.region || endpoint.vpcId !== vpc.vpcId) continue;
    if (endpoint.state.toLowerCase() !== 'available' || !endpoint.privateDnsEnabled) continue;
    if (!endpoint.servicePrivateDnsName || !dnsNameCovers(endpoint.servicePrivateDnsName, name)) continue;
    for (const iface of endpoint.interfaces) if (!ips.includes(iface.ip)) ips.push(iface.ip);
  }
  return ips.length > 0 ? ips : undefined;
}
