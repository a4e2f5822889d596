// Verifying the private path from an instance in the endpoint's VPC, in the editor: find the
// branch's endpoint, list the VPC's instances with why each can or cannot verify, preselect
// the remembered (or first suitable) one, show the probe script before its first run, run it
// with a cancellable progress notification, and remember when and from where it was proven.
import * as vscode from 'vscode';
import type { InstanceVerification } from '../../aws/vantage/verifyFromInstance';
import { buildProbeScript } from '../../aws/vantage/probeScript';
import type { InterfaceEndpoint } from '../../aws/types';
import type { ExtensionServices } from '../../services/extensionServices';
import { UserFacingError } from '../../errors/userFacingError';
import type { ResolvedBranch } from '../branchArgument';
import type { VantageMemory } from '../../services/vantageMemory';
import { vscodeVantageUi, type VantageUi } from './vantageUi';
import { Commands } from '../commandIds';

export const PROBE_PORTS = [5432, 6432];

export interface EndpointMatch {
  region: string;
  endpoint: InterfaceEndpoint;
  profile: string;
}

export type EndpointsForService = (serviceName: string) => EndpointMatch[];

/** The branch's available endpoint with private DNS, as the AWS view last loaded it. */
export function endpointForBranch(endpointsForService: EndpointsForService, branch: ResolvedBranch): EndpointMatch {
  const matches = endpointsForService(branch.serviceName).filter((m) => m.endpoint.state === 'available' && m.endpoint.privateDnsEnabled);
  if (matches.length === 0) {
    throw new UserFacingError(`The AWS view shows no available endpoint with private DNS for ${branch.organization}/${branch.database}/${branch.branch}: create one (or refresh the AWS view), then verify.`, [
      { label: 'Create Endpoint', command: Commands.createEndpoint, args: [{ payload: branch }] },
    ]);
  }
  return matches[0];
}

export class InstanceVerifier {
  readonly memory: VantageMemory;

  constructor(private readonly services: ExtensionServices, private readonly ui: VantageUi = vscodeVantageUi(), memory?: VantageMemory) {
    this.memory = memory ?? services.vantage;
  }

  /** Undefined when the user dismissed a prompt or cancelled. */
  async verify(branch: ResolvedBranch, match: EndpointMatch): Promise<InstanceVerification | undefined> {
    const core = this.services.core.get();
    const clients = this.services.aws.clients(match.profile, match.region);
    const { endpoint } = match;
    const [groups, { ips }] = await Promise.all([
      core.describeSecurityGroups(clients.ec2, endpoint.securityGroupIds),
      core.endpointInterfaceIps(clients.ec2, endpoint.id),
    ]);
    const candidates = await core.listVantageCandidates(clients, { vpcId: endpoint.vpcId, endpointGroups: groups, ports: PROBE_PORTS, region: match.region }).catch(rethrowForUser);
    if (!candidates.some((c) => c.suitable)) {
      const why = candidates.map((c) => `${c.name ?? c.instanceId}: ${c.reasons.join('; ')}`).join('\n') || 'no running instances';
      throw new UserFacingError(`No instance in ${endpoint.vpcId} can verify the private path: it needs an Online Linux instance managed by Systems Manager whose security group the endpoint admits.`, [], why);
    }
    const remembered = this.memory.instanceFor(endpoint.vpcId);
    const chosen = await this.ui.pickInstance(endpoint.vpcId, candidates, remembered);
    if (!chosen) return undefined;
    await this.memory.rememberInstance(endpoint.vpcId, chosen.instanceId);
    const script = buildProbeScript({ privateHost: branch.privateHost, interfaceIps: ips, ports: PROBE_PORTS });
    if (!this.memory.scriptSeen()) {
      if (!(await this.ui.confirmScript(chosen, script))) return undefined;
      await this.memory.markScriptSeen();
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Verifying ${branch.privateHost} from ${chosen.name ?? chosen.instanceId}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        try {
          return await core.verifyFromInstance(clients, {
            endpointId: endpoint.id, privateHost: branch.privateHost, instanceId: chosen.instanceId, ports: PROBE_PORTS, region: match.region, signal: abort.signal,
            run: { onStatus: (status) => progress.report({ message: `Run Command: ${status}` }) },
          });
        } catch (error) {
          if ((error as Error)?.name === 'AbortError') return undefined;
          return rethrowForUser(error);
        }
      },
    );
    if (!result) return undefined;
    await this.memory.recordVerification(endpoint.id, { instanceId: result.instanceId, at: result.at.toISOString(), pathProven: result.verdict.pathProven, proven: result.verdict.proven });
    this.services.log.info(this.services.redact(reportLines(result).join('\n')));
    return result;
  }
}

function rethrowForUser(error: unknown): never {
  if ((error as Error)?.name === 'SsmProbeError') throw new UserFacingError((error as Error).message);
  throw error;
}

/** The report: which leg proved what, and what was not proven. */
export function reportLines(result: InstanceVerification): string[] {
  return [
    `Verification of ${result.privateHost} from ${result.instanceId} in ${result.vpcId} (command ${result.commandId}, ${result.elapsedMs} ms, ${result.calls} AWS calls):`,
    ...result.verdict.proven.map((p) => `  proven: ${p}`),
    ...result.verdict.problems.map((p) => `  problem: ${p}`),
    '  not proven from there: the login and query (the probe carries no credentials).',
  ];
}
