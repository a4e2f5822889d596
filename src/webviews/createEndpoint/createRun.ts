// One press of "Create": validate with the host's facts, dry-run every mutating call (nothing
// exists yet), then apply the plan under a cancellable progress notification while streaming each
// step to the form and the log. Afterwards remember the endpoint for the status bar, refresh the
// explorer and offer the next step. Cancelling stops the waiting only.
import type { ApplyProgress, ApplyResult, LeftBehindResource, PreflightResult } from '../../aws/createEndpoint/applyTypes';
import { buildEndpointPlan, type EndpointPlan } from '../../aws/createEndpoint/endpointPlan';
import type { EndpointFormInput, ValidationIssue } from '../../aws/createEndpoint/endpointRequest';
import { availableEvent } from '../../services/announcements';
import type { CreateOutcome, CreatePhase, HostSnapshot, HostToWebviewMessage } from '../protocol/createEndpointProtocol';
import type { ControllerDeps } from './formDeps';
import { rememberCreatedEndpoint } from './createdEndpoints';
import { endCreation, recordCreation, updateCreation } from './creationInProgress';
import { awsErrorView, isCredentialProblem } from './errorViews';
import { Commands } from '../../commands/commandIds';

/** What the run needs from the controller that owns it. */
export interface CreateRunHost {
  deps: ControllerDeps;
  snapshot(): HostSnapshot;
  buildPlan(form: EndpointFormInput): { plan?: EndpointPlan; issues: ValidationIssue[] };
  setPlan(plan: EndpointPlan): void;
  post(message: HostToWebviewMessage): Promise<void>;
  setCleanup(left: LeftBehindResource[]): void;
}

export async function runCreate(host: CreateRunHost, requestId: number, form: EndpointFormInput, abort: AbortController): Promise<void> {
  const { deps } = host;
  const { log, ui } = deps;
  const snapshot = host.snapshot();
  const { profile, region } = snapshot;

  const phase = async (next: CreatePhase, message?: string) => {
    const run = host.snapshot().run;
    if (run) run.phase = next;
    await host.post({ type: 'progress', requestId, phase: next, ...(message ? { message } : {}) });
  };
  const finish = async (outcome: CreateOutcome) => {
    const run = host.snapshot().run;
    if (run) {
      run.phase = 'finished';
      run.outcome = outcome;
    }
    await host.post({ type: 'createFinished', requestId, outcome });
  };

  await phase('validating');
  const { plan: draft, issues } = host.buildPlan(form);
  if (!draft) {
    log.info(`Create endpoint: the form has ${issues.filter((i) => i.severity === 'error').length} problem(s); nothing was called.`);
    return finish({ kind: 'invalid', issues });
  }
  const request = draft.request;
  log.info(`Create endpoint for ${request.serviceName} in ${request.vpcId} (${region}, profile "${profile}"), subnets ${request.subnetIds.join(', ')}; request ${draft.fingerprint}.`);

  let preflight: PreflightResult;
  let ec2;
  try {
    await phase('dryRun', 'Checking permissions with a dry run; nothing is created yet.');
    const core = deps.core.get();
    ec2 = deps.aws.clients(profile, region).ec2;
    preflight = await core.preflightEndpointPlan(ec2, draft, { profile, signal: abort.signal });
  } catch (err) {
    const error = abort.signal.aborted
      ? { message: 'Stopped before anything was created.' }
      : awsErrorView(err, { profile, region }, deps.redact);
    log.warn(`Create endpoint: the dry run could not run: ${error.message}`);
    if (!abort.signal.aborted) notifyFailure(deps, error.message, error.signIn === true, profile);
    return finish({ kind: 'error', error });
  }
  for (const check of preflight.dryRuns) log.info(`Dry run ${check.action}: ${check.outcome}${check.detail ? ` (${deps.redact(check.detail)})` : ''}`);
  if (!preflight.ok) {
    const blocking = preflight.problems.filter((p) => p.severity === 'error');
    const message = preflight.missingPermissions.length
      ? `The dry run found missing permissions: ${preflight.missingPermissions.join(', ')}. Nothing was created.`
      : `The checks before creating found ${blocking.length === 1 ? 'a problem' : `${blocking.length} problems`}: ${blocking.map((p) => p.message).join(' ')} Nothing was created.`;
    log.warn(`Create endpoint: ${message}`);
    notifyFailure(deps, message, blocking.some(isCredentialProblem), profile);
    return finish({ kind: 'preflightFailed', preflight, message });
  }

  // Re-plan with what the preflight learned fresh (acceptance, the subnets' zones for the cost).
  const plan = buildEndpointPlan(request, {
    acceptanceRequired: preflight.acceptanceRequired ?? draft.acceptanceRequired,
    ...(preflight.subnetAvailabilityZones ? { subnetAvailabilityZones: preflight.subnetAvailabilityZones } : {}),
  });
  host.setPlan(plan);
  await phase('applying', 'Creating…');

  // Remembered as soon as the endpoint exists, so the status bar follows it from `pending` (and a
  // window reload during the wait resumes watching it).
  let createdGroupId: string | undefined;
  const remember = async (endpointId: string, securityGroupId = createdGroupId) => {
    await rememberCreatedEndpoint(deps.store, {
      endpointId,
      profile,
      region,
      vpcId: request.vpcId,
      serviceName: request.serviceName,
      ...(securityGroupId ? { securityGroupId } : {}),
      ...(snapshot.privateHost ? { privateHost: snapshot.privateHost } : {}),
      ...(snapshot.origin.kind === 'branch' ? { branch: { organization: snapshot.origin.organization, database: snapshot.origin.database, branch: snapshot.origin.branch } } : {}),
      createdAt: new Date().toISOString(),
    });
    await deps.executeCommand(Commands.refreshEndpointStatus).then(undefined, () => undefined);
  };

  // Recorded before anything exists: a window reload from here on is found on the next start.
  const state = deps.store;
  await recordCreation(state, {
    fingerprint: plan.fingerprint,
    profile,
    region,
    vpcId: request.vpcId,
    serviceName: request.serviceName,
    ...(request.securityGroup.mode === 'create' ? { groupName: request.securityGroup.groupName } : {}),
    privateDnsAfterAcceptance: plan.privateDnsAfterAcceptance,
    startedAt: new Date().toISOString(),
    ...(snapshot.privateHost ? { privateHost: snapshot.privateHost } : {}),
    ...(snapshot.origin.kind === 'branch' ? { branch: { organization: snapshot.origin.organization, database: snapshot.origin.database, branch: snapshot.origin.branch } } : {}),
  });
  let privateDnsDone = false;
  // Record updates run one after another, never holding up the events behind them.
  let recordWrites = Promise.resolve();
  const noteInRecord = (patch: { securityGroupId?: string; endpointId?: string }) => {
    recordWrites = recordWrites.then(() => updateCreation(state, plan.fingerprint, patch)).catch((err: unknown) => log.debug(`Recording the creation failed: ${String(err)}`));
  };
  const onProgress = async (event: ApplyProgress, report: (message: string) => void) => {
    if (event.status === 'done' && event.resourceId && event.stepId === 'createSecurityGroup') {
      createdGroupId = event.resourceId;
      noteInRecord({ securityGroupId: event.resourceId });
    }
    if (event.status === 'done' && event.resourceId && event.stepId === 'createEndpoint') {
      noteInRecord({ endpointId: event.resourceId });
      await remember(event.resourceId);
    }
    if (event.status === 'done' && event.stepId === 'enablePrivateDns') privateDnsDone = true;
    const run = host.snapshot().run;
    if (run) run.events = [...run.events, event];
    const line = `${event.stepId} ${event.status}: ${event.message}${event.resourceId ? ` [${event.resourceId}]` : ''}`;
    if (event.status === 'failed') log.warn(`Create endpoint: ${deps.redact(line)}`);
    else log.info(`Create endpoint: ${deps.redact(line)}`);
    report(event.message);
    await host.post({ type: 'progress', requestId, phase: 'applying', event });
  };

  let result: ApplyResult;
  try {
    result = await ui.withProgress(`Creating the PrivateLink endpoint in ${request.vpcId}`, abort, (progress) =>
      deps.core.get().applyEndpointPlan(ec2, plan, {
        profile,
        signal: abort.signal,
        onProgress: (event) => void onProgress(event, (m) => progress.report(m)),
      }),
    );
  } catch (err) {
    // applyEndpointPlan reports its own failures; this is a bug or an unexpected throw.
    const error = awsErrorView(err, { profile, region }, deps.redact);
    log.error(`Create endpoint: apply stopped unexpectedly: ${deps.redact(err instanceof Error ? err.stack ?? err.message : String(err))}`);
    notifyFailure(deps, `${error.message} Check the AWS explorer for anything created.`, error.signIn === true, profile);
    await refreshExplorer(deps);
    return finish({ kind: 'error', error });
  }

  host.setCleanup('leftBehind' in result ? result.leftBehind : []);
  const endpointId = result.outcome === 'failed' ? undefined : result.endpointId;
  if (endpointId) await remember(endpointId, result.outcome !== 'failed' ? result.securityGroupId || undefined : undefined);
  await refreshExplorer(deps);
  log.info(`Create endpoint: ${result.outcome}: ${deps.redact(result.message)}`);
  if (result.outcome === 'failed') {
    for (const left of result.leftBehind) log.warn(`Left in the account: ${left.id} (${left.reason}) — remove with: ${left.removeCommand}`);
  }
  announce(deps, result, profile);
  // Kept only when private DNS must still be turned on after acceptance: the next start does it.
  const dnsStillToDo = plan.privateDnsAfterAcceptance && !privateDnsDone && result.outcome !== 'failed' && result.outcome !== 'succeeded';
  await recordWrites;
  if (!dnsStillToDo) await endCreation(state, plan.fingerprint);
  await finish({ kind: 'applied', result });
}

async function refreshExplorer(deps: ControllerDeps): Promise<void> {
  try {
    await deps.executeCommand(Commands.refreshAws);
  } catch (err) {
    deps.log.debug(`Refreshing the AWS explorer failed: ${String(err)}`);
  }
}

function notifyFailure(deps: ControllerDeps, message: string, signIn: boolean, profile: string): void {
  deps.ui.notify('error', deps.redact(message), [
    ...(signIn ? [{ label: 'Sign In Again', run: () => deps.executeCommand(Commands.awsSsoLogin, profile) }] : []),
    { label: 'Show Log', run: () => deps.log.show(true) },
  ]);
}

function announce(deps: ControllerDeps, result: ApplyResult, profile: string): void {
  switch (result.outcome) {
    case 'succeeded':
      // The status-bar watcher may have announced this endpoint's arrival already.
      if (result.state === 'available' && !deps.announcements.claim(availableEvent(result.endpointId))) return;
      deps.ui.notify('info', deps.redact(result.message), [
        { label: 'Write Connection String to .env', run: () => deps.executeCommand(Commands.writeConnectionString) },
      ]);
      return;
    case 'failed':
      notifyFailure(deps, result.message, result.error.credentials === true, profile);
      return;
    default:
      deps.ui.notify('warning', deps.redact(result.message), [{ label: 'Show Log', run: () => deps.log.show(true) }]);
  }
}
