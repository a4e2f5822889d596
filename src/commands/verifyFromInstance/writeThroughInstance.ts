// Write Connection String from outside the VPC: when this machine's DNS shows it is outside the
// endpoint's VPC (no answer, or a public one), offer to prove the private path from an instance
// inside it. The login is proven separately over the public host (publicLoginLeg.ts), and the
// confirmation before the write says which leg proved what.
import type { VerifyResult } from '../../connection/verifyTypes';
import { detectVantage } from '../../aws/vantage/vantageDetection';
import type { ExtensionServices } from '../../services/extensionServices';
import { UserFacingError } from '../../errors/userFacingError';
import type { ResolvedBranch } from '../branchArgument';
import { EndpointsForService, InstanceVerifier, PROBE_PORTS } from './instanceVerifier';
import { vscodeVantageUi, type VantageUi } from './vantageUi';
import { Commands } from '../commandIds';

/** The private path proven from an instance inside the VPC (DNS, TCP, TLS on `ports`; no login). */
export interface InsideProof {
  instanceId: string;
  ports: number[];
}

export type OutsideDecision = InsideProof | 'declined' | 'notOutside';

export async function proveFromInsideForWrite(
  services: ExtensionServices,
  endpointsForService: EndpointsForService,
  branch: ResolvedBranch,
  failed: VerifyResult,
  ui: VantageUi = vscodeVantageUi(),
): Promise<OutsideDecision> {
  if (failed.failedPhase !== 'dns') return 'notOutside';
  const match = endpointsForService(branch.serviceName).find((m) => m.endpoint.state === 'available' && m.endpoint.privateDnsEnabled);
  if (!match) return 'notOutside';
  const dns = failed.phases.find((p) => p.phase === 'dns');
  const answers = Array.isArray(dns?.evidence.addresses) ? (dns.evidence.addresses as string[]) : [];
  const { ips } = await services.core.get().endpointInterfaceIps(services.aws.clients(match.profile, match.region).ec2, match.endpoint.id);
  const vantage = detectVantage(branch.privateHost, answers, ips, match.endpoint.vpcId);
  // Answers naming other private IPs are a DNS problem inside a network, not "outside": Diagnose.
  if (vantage.inside || vantage.why === 'other-ips') return 'notOutside';
  if (!(await ui.offerInstance(vantage.message))) return 'declined';
  const result = await new InstanceVerifier(services, ui).verify(branch, match);
  if (!result) return 'declined';
  if (!result.verdict.pathProven) {
    throw new UserFacingError(`Not proven from ${result.instanceId}: ${result.verdict.problems[0] ?? 'no connection was checked.'} Nothing was written.`, [
      { label: 'Diagnose', command: Commands.diagnose, args: [{ payload: branch }] },
    ]);
  }
  return { instanceId: result.instanceId, ports: PROBE_PORTS };
}
