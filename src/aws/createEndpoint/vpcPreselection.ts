// Which VPC the Create Endpoint form chooses before the user does, when one is the clear
// candidate. The user can still choose another. Pure but for the DNS look-up it is given.
import type { VpcDnsAttributes, VpcSummary } from '../types';

/** Above this many non-default VPCs the form asks no DNS settings and preselects nothing. */
export const MAX_VPCS_TO_INSPECT = 5;

export interface VpcPreselection {
  vpcId: string;
  /** Why this VPC, in words for the log (and a reader of the form's state). */
  reason: string;
}

/**
 * The region's only VPC; or else its only non-default VPC whose DNS support and DNS hostnames are
 * both on, the two settings private DNS for the endpoint needs. The default VPC is left out: AWS
 * creates one in every region, while a non-default VPC is one somebody built, usually for an
 * application. Undefined when the choice is open (none or several candidates, too many VPCs to
 * inspect, or a DNS look-up failed for a VPC that might have been a candidate).
 */
export async function preselectVpc(
  vpcs: readonly VpcSummary[],
  dnsOf: (vpcId: string) => Promise<VpcDnsAttributes>,
): Promise<VpcPreselection | undefined> {
  if (vpcs.length === 1) return { vpcId: vpcs[0].id, reason: 'the only VPC in the region' };
  const own = vpcs.filter((v) => !v.isDefault);
  if (!own.length || own.length > MAX_VPCS_TO_INSPECT) return undefined;
  const dns = await Promise.all(own.map((v) => dnsOf(v.id).then((d) => d, () => undefined)));
  if (dns.some((d) => d === undefined)) return undefined;
  const ready = own.filter((_, i) => dns[i]!.enableDnsSupport && dns[i]!.enableDnsHostnames);
  return ready.length === 1
    ? { vpcId: ready[0].id, reason: 'the only non-default VPC with DNS support and DNS hostnames on' }
    : undefined;
}
