// planetscalePrivateLink.resumeInterruptedCreation: run on start when a creation was in progress
// as the window went away (reload, crash). Finds what that run made by its request tag and asks:
// Adopt (watch the endpoint, and turn on private DNS once PlanetScale accepts when that step was
// still to do) or Delete (the endpoint and the security group the run created).
import * as vscode from 'vscode';
import type { CreationInProgress, CreationLeftovers } from '../aws/createEndpoint/interruptedCreation';
import type { ExtensionServices } from '../services/extensionServices';
import { rememberCreatedEndpoint } from '../webviews/createEndpoint/createdEndpoints';
import { endCreation, readCreationsInProgress } from '../webviews/createEndpoint/creationInProgress';
import { Commands } from './commandIds';

export type ResumeAction = 'adopt' | 'delete';

export interface ResumeResult {
  fingerprint: string;
  outcome: 'nothingLeft' | 'adopted' | 'deleted' | 'dismissed' | 'failed';
  endpointIds: string[];
  securityGroupId?: string;
  message: string;
}

/** `arg.action` answers the question up front (the chat tools and tests); otherwise the user is asked. */
export function resumeCreationFeature(services: ExtensionServices): { run(arg?: unknown): Promise<ResumeResult[]>; disposables: vscode.Disposable[] } {
  return {
    run: async (arg) => {
      const action = actionOf(arg);
      const results: ResumeResult[] = [];
      for (const record of readCreationsInProgress(services.store)) results.push(await resumeOne(services, record, action));
      return results;
    },
    disposables: [],
  };
}

function actionOf(arg: unknown): ResumeAction | undefined {
  const action = typeof arg === 'object' && arg !== null ? (arg as { action?: unknown }).action : undefined;
  return action === 'adopt' || action === 'delete' ? action : undefined;
}

async function resumeOne(services: ExtensionServices, record: CreationInProgress, preset: ResumeAction | undefined): Promise<ResumeResult> {
  const { log, redact } = services;
  const state = services.store;
  const ec2 = services.aws.clients(record.profile, record.region).ec2;
  const core = services.core.get();
  const base = { fingerprint: record.fingerprint, endpointIds: [] as string[] };
  let found: CreationLeftovers;
  try {
    found = await core.findCreationLeftovers(ec2, record);
  } catch (err) {
    const message = redact(`Could not check what the interrupted endpoint creation in ${record.vpcId} left behind: ${err instanceof Error ? err.message : String(err)}. It is checked again on the next start.`);
    log.warn(message);
    void vscode.window.showWarningMessage(message, 'Show Log').then((pick) => pick && log.show(true));
    return { ...base, outcome: 'failed', message };
  }
  const left = [...found.endpointIds.map((id) => `endpoint ${id}`), ...(found.securityGroupId ? [`security group ${found.securityGroupId}`] : [])];
  if (left.length === 0) {
    await endCreation(state, record.fingerprint);
    const message = `The endpoint creation in ${record.vpcId} was interrupted before anything was created.`;
    log.info(message);
    return { ...base, outcome: 'nothingLeft', message };
  }
  const dnsNote = record.privateDnsAfterAcceptance ? ' Private DNS is still to be turned on once PlanetScale accepts the connection.' : '';
  const question = `Creating the PrivateLink endpoint in ${record.vpcId} (${record.region}) was interrupted (the window reloaded). It left ${left.join(' and ')}.${dnsNote}`;
  log.warn(question);
  const action = preset ?? (await askAction(question));
  const ids = { endpointIds: found.endpointIds, ...(found.securityGroupId ? { securityGroupId: found.securityGroupId } : {}) };
  if (!action) return { ...base, ...ids, outcome: 'dismissed', message: `${question} Asked again on the next start.` };
  const result = action === 'adopt' ? await adopt(services, record, found) : await remove(services, record, found);
  log.info(redact(result.message));
  return { ...base, ...ids, ...result };
}

async function askAction(question: string): Promise<ResumeAction | undefined> {
  const pick = await vscode.window.showWarningMessage(question, 'Adopt', 'Delete');
  return pick === 'Adopt' ? 'adopt' : pick === 'Delete' ? 'delete' : undefined;
}

async function adopt(services: ExtensionServices, record: CreationInProgress, found: CreationLeftovers): Promise<Pick<ResumeResult, 'outcome' | 'message'>> {
  const state = services.store;
  const [endpointId] = found.endpointIds;
  if (!endpointId) {
    await endCreation(state, record.fingerprint);
    return { outcome: 'adopted', message: `Kept security group ${found.securityGroupId}; no endpoint was created. Create Endpoint reuses it for the same form.` };
  }
  await rememberCreatedEndpoint(state, {
    endpointId,
    profile: record.profile,
    region: record.region,
    vpcId: record.vpcId,
    serviceName: record.serviceName,
    ...(found.securityGroupId ? { securityGroupId: found.securityGroupId } : {}),
    ...(record.privateHost ? { privateHost: record.privateHost } : {}),
    ...(record.branch ? { branch: record.branch } : {}),
    createdAt: record.startedAt,
  });
  await vscode.commands.executeCommand(Commands.refreshEndpointStatus).then(undefined, () => undefined);
  if (!record.privateDnsAfterAcceptance) {
    await endCreation(state, record.fingerprint);
    return { outcome: 'adopted', message: `Adopted endpoint ${endpointId}; the status bar follows it.` };
  }
  const ec2 = services.aws.clients(record.profile, record.region).ec2;
  const dns = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Waiting for PlanetScale to accept ${endpointId} to turn on private DNS`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return services.core.get().enablePrivateDnsAfterAcceptance(ec2, endpointId, { signal: abort.signal });
    },
  );
  if (dns.outcome === 'enabled' || dns.outcome === 'alreadyOn') {
    await endCreation(state, record.fingerprint);
    return { outcome: 'adopted', message: `Adopted endpoint ${endpointId}; private DNS is on.` };
  }
  if (dns.outcome === 'notAccepted') {
    await endCreation(state, record.fingerprint);
    return { outcome: 'failed', message: `Adopted endpoint ${endpointId}, but private DNS was not turned on: ${dns.reason}` };
  }
  return { outcome: 'adopted', message: `Adopted endpoint ${endpointId}; private DNS is still off (stopped waiting for acceptance). Turning it on resumes on the next start.` };
}

async function remove(services: ExtensionServices, record: CreationInProgress, found: CreationLeftovers): Promise<Pick<ResumeResult, 'outcome' | 'message'>> {
  const ec2 = services.aws.clients(record.profile, record.region).ec2;
  const core = services.core.get();
  const messages: string[] = [];
  let complete = true;
  let groupGone = !found.securityGroupId;
  for (const endpointId of found.endpointIds) {
    const result = await core.deleteEndpoint(ec2, endpointId, { deleteCreatedSecurityGroups: true, profile: record.profile });
    messages.push(result.message);
    complete &&= result.outcome === 'deleted';
    if (result.removed.some((r) => r.kind === 'securityGroup' && r.id === found.securityGroupId)) groupGone = true;
  }
  if (!groupGone && found.securityGroupId && found.endpointIds.length === 0) {
    const group = await core.deleteSecurityGroupWhenFree(ec2, found.securityGroupId);
    groupGone = group.outcome === 'deleted' || group.outcome === 'alreadyGone';
    messages.push(groupGone ? `Deleted security group ${found.securityGroupId}.` : `Security group ${found.securityGroupId} was not deleted (${group.outcome}).`);
  }
  complete &&= groupGone;
  if (complete) await endCreation(services.store, record.fingerprint);
  const message = messages.join(' ') + (complete ? '' : ' What is left is checked again on the next start.');
  void (complete ? vscode.window.showInformationMessage(message) : vscode.window.showWarningMessage(message));
  return { outcome: complete ? 'deleted' : 'failed', message };
}
