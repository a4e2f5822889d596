// The run a Create Endpoint form showed before a window reload, found again from the page's run
// reference: while the workspace still holds its record of a creation in progress (see
// creationInProgress.ts), it was interrupted and can be resumed (the same command the next start
// offers); otherwise the endpoint it made, with its state now.
import type { RunView } from '../protocol/createEndpointProtocol';
import type { RunReference } from '../protocol/createEndpointRevival';
import { readCreationsInProgress } from './creationInProgress';
import type { ControllerDeps } from './formDeps';

type RunDeps = Pick<ControllerDeps, 'store' | 'core' | 'aws' | 'log' | 'redact'>;

/** The run view to show for `run`, or undefined when it ended before making anything. */
export async function revivedRunView(deps: RunDeps, context: { profile: string; region: string }, run: RunReference): Promise<RunView | undefined> {
  const record = readCreationsInProgress(deps.store).find((r) => (run.fingerprint && r.fingerprint === run.fingerprint) || (run.endpointId && r.endpointId === run.endpointId));
  const endpointId = run.endpointId ?? record?.endpointId;
  if (!record && !endpointId) return undefined;
  const profile = record?.profile ?? context.profile;
  const region = record?.region ?? context.region;
  const state = endpointId ? await endpointState(deps, profile, region, endpointId) : undefined;
  const message = record
    ? 'This create was interrupted when the window reloaded. Resume finds what it made (by its tag) and lets you adopt it or delete it.'
    : `Endpoint ${endpointId} was created before the window reloaded.`;
  return {
    requestId: run.requestId,
    phase: 'finished',
    events: [],
    cancelRequested: false,
    outcome: {
      kind: 'revived',
      interrupted: !!record,
      message,
      ...(endpointId ? { endpointId } : {}),
      ...(state ? { state } : {}),
      ...(record ? { fingerprint: record.fingerprint } : run.fingerprint ? { fingerprint: run.fingerprint } : {}),
    },
  };
}

/** After Resume: the run is no longer interrupted once its record is gone. */
export function stillInterrupted(deps: Pick<ControllerDeps, 'store'>, fingerprint: string | undefined): boolean {
  return !!fingerprint && readCreationsInProgress(deps.store).some((r) => r.fingerprint === fingerprint);
}

async function endpointState(deps: RunDeps, profile: string, region: string, endpointId: string): Promise<string | undefined> {
  try {
    const described = await deps.core.get().describeEndpoints(deps.aws.clients(profile, region).ec2, [endpointId]);
    return described.found.get(endpointId)?.state ?? 'deleted';
  } catch (err) {
    deps.log.warn(`Create Endpoint form: could not read the state of ${endpointId}: ${deps.redact(err instanceof Error ? err.message : String(err))}`);
    return undefined;
  }
}
