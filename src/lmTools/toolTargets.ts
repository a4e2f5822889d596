// Which endpoint a tool acts on, without asking: the one named by id, or the one serving the named
// branch. When a branch has none, or several and none was named, the answer says so (that is
// itself the answer to "why does it not connect?").
import type { ResolvedBranch } from '../commands/branchArgument';
import { withWatchedDetails, type DiagnoseTarget } from '../commands/diagnose/diagnoseTarget';
import { endpointsServing, type ServingEndpoint } from '../commands/endpointsServing';
import type { WatchedEndpoint } from '../aws/watch/watchedEndpoint';
import type { ExtensionServices } from '../services/extensionServices';
import { branchName } from './toolInputs';
import { endpointFacts, endpointLine } from './endpointFacts';

export type TargetChoice = { target: DiagnoseTarget } | { answer: string; candidates: ServingEndpoint[] };

export interface TargetSources {
  endpointsForService(serviceName: string): ServingEndpoint[];
  watched(): WatchedEndpoint[];
}

export async function endpointOfBranch(services: ExtensionServices, sources: TargetSources, branch: ResolvedBranch, options: { endpointId?: string; profile?: string }): Promise<TargetChoice> {
  const name = branchName(branch);
  const all = await endpointsServing(services, (s) => sources.endpointsForService(s), branch.serviceName, branch.region, { ...(options.profile ? { profile: options.profile } : {}), fresh: true });
  const candidates = options.endpointId ? all.filter((c) => c.endpoint.id === options.endpointId) : all;
  if (!candidates.length) {
    return {
      answer: options.endpointId
        ? `${options.endpointId} does not serve ${name} (its Private Service Name is ${branch.serviceName} in ${branch.region}).`
        : `No interface endpoint serves ${name}: none for its Private Service Name ${branch.serviceName} exists in ${branch.region || 'its region'}. ` +
          'That is why the private connection cannot work. Plan and create one (plan endpoint / create endpoint tools).',
      candidates: [],
    };
  }
  const available = candidates.filter((c) => c.endpoint.state === 'available');
  const chosen = candidates.length === 1 ? candidates[0] : available.length === 1 ? available[0] : undefined;
  if (!chosen) {
    return {
      answer: `${candidates.length} endpoints serve ${name}; name one with endpointId:\n${candidates.map((c) => `- ${endpointLine(endpointFacts(c.endpoint, c.region, c.profile))}`).join('\n')}`,
      candidates,
    };
  }
  const e = chosen.endpoint;
  return {
    target: withWatchedDetails(
      {
        profile: chosen.profile,
        region: chosen.region,
        endpointId: e.id,
        vpcId: e.vpcId,
        serviceName: e.serviceName,
        privateHost: branch.privateHost,
        branch: { organization: branch.organization, database: branch.database, branch: branch.branch },
        ...(e.name ? { name: e.name } : {}),
      },
      sources.watched(),
    ),
  };
}

/** An endpoint named by id in one of `regions`: its target, or undefined when EC2 does not know it. */
export async function endpointById(services: ExtensionServices, sources: TargetSources, endpointId: string, profile: string, regions: string[], signal: AbortSignal): Promise<DiagnoseTarget | undefined> {
  const core = services.core.get();
  for (const region of regions) {
    const found = (await core.describeEndpoints(services.aws.clients(profile, region).ec2, [endpointId], { signal })).found.get(endpointId);
    if (!found) continue;
    return withWatchedDetails(
      { profile, region, endpointId, vpcId: found.vpcId, serviceName: found.serviceName, ...(found.name ? { name: found.name } : {}) },
      sources.watched(),
    );
  }
  return undefined;
}
