import * as vscode from 'vscode';
import { DIRECT_PORT, POOLED_PORT } from '../../connection/connectionFormats';
import { formatVerifyReport } from '../../connection/verifyReport';
import type { VerifyResult, VerifyTarget } from '../../connection/verifyTypes';
import type { ExtensionServices } from '../../services/extensionServices';
import { readSettings, settleWorkspaceOverrides } from '../../services/settings';
import { UserFacingError, type ErrorAction } from '../../errors/userFacingError';
import type { AwsTreeProvider } from '../../views/aws/awsTreeProvider';
import { ResolvedBranch, requirePlanetScaleClient, resolveBranch } from '../branchArgument';
import { recordPrivateVerification } from '../publicAccess/recordPrivateVerification';
import { ClientChoice, RoleCredentials, pickClient, pickPort, pickRole } from './connectionInputs';
import { knownEndpoints } from '../knownEndpoints';
import { EnvFileTarget, displayName, pickEnvFile } from './envFileTarget';
import { ConfirmReplace, updateEnvFile } from './envFileUpdate';
import { addToGitignore, isTrackedByGit } from './envFileWriter';
import { envHeader } from './envHeader';
import { RoleChoice, RoleCleanup, isNewRole, roleForRun } from './newRole';
import { formatForRequest } from './requestFormat';
import { proveFromInsideForWrite, type InsideProof, type OutsideDecision } from '../verifyFromInstance/writeThroughInstance';
import { confirmWriteFromOutside } from '../verifyFromInstance/publicLoginLeg';
import { Commands } from '../commandIds';

const TITLE = 'Write Connection String to .env';

/** Everything the command gathered from the user; tests build it directly. */
export interface ConnectionRequest {
  branch: ResolvedBranch;
  /** An existing role's credentials, or a new role to create once the private path is proven. */
  role: RoleChoice;
  port: 5432 | 6432 | 'both';
  client: ClientChoice;
  target: EnvFileTarget;
}

export type WriteOutcome = (
  /** `unsavedEditor`: the file had unsaved edits, so the variables are in its editor, not yet on disk. */
  | { written: true; file: vscode.Uri; keys: string[]; verifications: VerifyResult[]; unsavedEditor?: true }
  | { written: false; reason: 'verificationFailed' | 'cancelled' | 'declined' | 'unchanged'; verifications: VerifyResult[] }
) & {
  /** From outside the VPC: which leg proved what (the instance, the public host), for the report. */
  provenBy?: string;
};

/** The command's implementation (loaded lazily from the features bundle on first use). */
export function writeConnectionStringFeature(services: ExtensionServices, awsTree: AwsTreeProvider): { run(arg?: unknown): Promise<void>; disposables: vscode.Disposable[] } {
  return {
    disposables: [],
    run: async (arg?: unknown) => {
      const request = await gatherRequest(services, arg);
      if (!request) return;
      const outcome = await verifyAndWrite(services, awsTree, request);
      const proof = outcome.provenBy ?? 'Verified the private connection';
      if (!outcome.written && outcome.reason === 'unchanged') {
        void vscode.window.showInformationMessage(`${proof}; ${displayName(request.target)} already holds these values.`);
      }
      if (outcome.written) {
        const how = outcome.verifications.map((v) => v.connectedTo && `${v.connectedTo.ip}:${v.connectedTo.port}`).filter(Boolean).join(', ');
        const where = outcome.unsavedEditor
          ? `put ${outcome.keys.join(', ')} into the editor of ${displayName(request.target)}, which has unsaved changes of yours: save it to apply them`
          : `wrote ${outcome.keys.join(', ')} to ${displayName(request.target)}`;
        const verified = outcome.provenBy ? `${proof};` : `Verified the private connection (${how}) and`;
        void vscode.window.showInformationMessage(`${verified} ${where}.`, 'Open File').then((pick) => {
          if (pick) void vscode.window.showTextDocument(outcome.file);
        });
      }
    },
  };
}

async function gatherRequest(services: ExtensionServices, arg: unknown): Promise<ConnectionRequest | undefined> {
  const branch = await resolveBranch(services, arg, TITLE);
  if (!branch) return undefined;
  const client = await requirePlanetScaleClient(services);
  const role = await pickRole(services, client, branch, TITLE);
  if (!role) return undefined;
  const port = await pickPort(TITLE);
  if (!port) return undefined;
  const target = await pickEnvFile(TITLE);
  if (!target) return undefined;
  const format = await pickClient(target.folder.uri, TITLE);
  if (!format) return undefined;
  return { branch, role, port, client: format, target };
}

export type { ConfirmReplace } from './envFileUpdate';

const askToReplace: ConfirmReplace = async (message, detail, action = 'Replace') =>
  (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;

/**
 * Verifies every chosen port through the Private Host (DNS → TCP → TLS → login → query) and,
 * only when all pass, writes the variables. On any failure the file is not touched.
 */
export async function verifyAndWrite(
  services: ExtensionServices,
  awsTree: AwsTreeProvider,
  request: ConnectionRequest,
  confirmReplace: ConfirmReplace = askToReplace,
): Promise<WriteOutcome> {
  const { branch, target } = request;
  if (!isNewRole(request.role)) services.redactor.add(request.role.password);
  const ports = request.port === 'both' ? [POOLED_PORT, DIRECT_PORT] : [request.port];
  const path = await privatePath(services, awsTree, branch);

  // Outside the VPC (a laptop) the path can still be proven from an instance inside it.
  const outside = (failed: VerifyResult): Promise<OutsideDecision> => proveFromInsideForWrite(services, (name) => awsTree.endpointsForService(name), branch, failed);
  let inside: InsideProof | undefined;
  if (isNewRole(request.role)) {
    // The private path first, with no credentials: a role is created only for a path that works.
    const reach = await verifyPorts(services, `Checking the private path to ${branch.privateHost}`, ports, (port) => ({ ...path, port, user: '', password: '' }), 'tls');
    if (reach.cancelled) return { written: false, reason: 'cancelled', verifications: reach.results };
    if (reach.failed) {
      const decision = await outside(reach.failed);
      if (decision === 'declined') return { written: false, reason: 'declined', verifications: reach.results };
      if (decision === 'notOutside') throw verificationError(services, branch, target, reach.failed);
      inside = decision;
    }
  }

  const role = await roleForRun(services, branch, request.role);
  let outcome: WriteOutcome;
  try {
    const { username: user, password, database } = role.credentials;
    // Proven from inside: a login from here would only fail at DNS again.
    const login = inside ? { results: [], cancelled: false, failed: undefined } : await verifyPorts(services, `Verifying ${branch.privateHost}`, ports, (port) => ({ ...path, port, user, password, database }));
    const decision = login.failed ? await outside(login.failed) : undefined;
    if (login.failed && decision === 'notOutside') throw verificationError(services, branch, target, login.failed);
    if (typeof decision === 'object') inside = decision;
    // From outside, the login is proven over the public host; the user decides on what was proven.
    const legs = inside && decision !== 'declined' ? await confirmWriteFromOutside(services, branch, inside, role.credentials, ports) : undefined;
    if (login.cancelled || legs?.cancelled) outcome = { written: false, reason: 'cancelled', verifications: login.results };
    else if (decision === 'declined' || legs?.write === false) outcome = { written: false, reason: 'declined', verifications: login.results };
    else {
      // Only a login proven from here makes a verified private path (what Restrict requires).
      if (!inside && login.results.length) await recordPrivateVerification(services, branch, login.results);
      outcome = { ...(await write(services, { ...request, role: role.credentials }, login.results, confirmReplace)), ...(legs ? { provenBy: legs.provenBy } : {}) };
    }
  } catch (err) {
    const cleanup = await role.discard();
    // Keep the error's class and actions; only add what became of the new role.
    if (cleanup.message && err instanceof Error) err.message = `${err.message} ${cleanup.message}`;
    throw err;
  }
  if (!outcome.written) tellCleanup(target, await role.discard());
  return outcome;
}

/** What verifying every chosen port gave; `cancelled` when the user (or a tool call) stopped it. */
export interface VerificationRun {
  verifications: VerifyResult[];
  cancelled: boolean;
}

/**
 * The command's verification of an existing role without the write (DNS → TCP → TLS → login →
 * query on each chosen port): the verify tool's entry point, so it proves exactly what the command does.
 */
export async function verifyBranchConnection(
  services: ExtensionServices,
  awsTree: AwsTreeProvider,
  request: { branch: ResolvedBranch; role: RoleCredentials; port: 5432 | 6432 | 'both' },
  signal?: AbortSignal,
): Promise<VerificationRun> {
  const { branch, role } = request;
  services.redactor.add(role.password);
  const ports = request.port === 'both' ? [POOLED_PORT, DIRECT_PORT] : [request.port];
  const path = await privatePath(services, awsTree, branch);
  const login = await verifyPorts(services, `Verifying ${branch.privateHost}`, ports, (port) => ({ ...path, port, user: role.username, password: role.password, database: role.database }), undefined, signal);
  return { verifications: login.results, cancelled: login.cancelled };
}

/** Where the verification connects and what its DNS answers must match (the branch's own endpoints). */
async function privatePath(services: ExtensionServices, awsTree: AwsTreeProvider, branch: ResolvedBranch) {
  // The DNS server and CA file decide where the password goes: a workspace's need the user's yes first.
  await settleWorkspaceOverrides(services.settingsConsent);
  const settings = readSettings(services.settingsConsent);
  const endpoints = await knownEndpoints(services, awsTree);
  return { host: branch.privateHost, database: 'postgres', caFile: settings.caFile, dnsServer: settings.dnsServer, serviceName: branch.serviceName, endpoints };
}

function tellCleanup(target: EnvFileTarget, cleanup: RoleCleanup): void {
  if (!cleanup.message) return;
  const text = `Nothing was written to ${displayName(target)}. ${cleanup.message}`;
  void (cleanup.left ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text));
}

/** Runs the verification on each port in turn, stopping at the first that does not succeed. */
async function verifyPorts(
  services: ExtensionServices,
  title: string,
  ports: number[],
  targetFor: (port: number) => VerifyTarget,
  stopAfter?: 'tls',
  signal?: AbortSignal,
): Promise<{ results: VerifyResult[]; cancelled: boolean; failed?: VerifyResult }> {
  const results: VerifyResult[] = [];
  const cancelled = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      if (signal?.aborted) abort.abort();
      signal?.addEventListener('abort', () => abort.abort());
      for (const port of ports) {
        const target = targetFor(port);
        const result = await services.core.get().verifyConnection(target, {
          signal: abort.signal,
          loopbackIsPrivate: isLoopbackServer(target.dnsServer),
          stopAfter,
          onPhase: (p) => progress.report({ message: `port ${port}: ${p.phase} ${p.status}` }),
        });
        results.push(result);
        services.log.info(services.redact(`Verification of ${target.host}:${port}\n${formatVerifyReport(result)}`));
        if (result.outcome !== 'success') return result.outcome === 'cancelled';
      }
      return false;
    },
  );
  return { results, cancelled, failed: results.find((v) => v.outcome === 'failed') };
}

function verificationError(services: ExtensionServices, branch: ResolvedBranch, target: EnvFileTarget, failed: VerifyResult): UserFacingError {
  const phase = failed.phases.find((p) => p.phase === failed.failedPhase);
  const actions: ErrorAction[] = [{ label: 'Diagnose', command: Commands.diagnose, args: [{ payload: branch }] }];
  if (phase?.remedy === 'createEndpoint') actions.unshift({ label: 'Create Endpoint', command: Commands.createEndpoint, args: [{ payload: branch }] });
  return new UserFacingError(services.redact(`${failed.summary}${phase?.fix ? ` ${phase.fix}` : ''} Nothing was written to ${displayName(target)}.`), actions);
}

async function write(services: ExtensionServices, request: ConnectionRequest & { role: RoleCredentials }, verifications: VerifyResult[], confirmReplace: ConfirmReplace): Promise<WriteOutcome> {
  const { branch, role, target, client } = request;
  const format = await formatForRequest({ host: branch.privateHost, role, port: request.port, client, folder: target.folder.uri.fsPath, caFile: readSettings(services.settingsConsent).caFile });
  const header = envHeader(`${branch.organization}/${branch.database}/${branch.branch}`, format.label);
  const update = await updateEnvFile(services, target, format, { header, password: role.password }, confirmReplace);
  if (update.status !== 'written') return { written: false, reason: update.status, verifications };
  if (role.rememberKey) await services.context.secrets.store(role.rememberKey, role.password);
  for (const note of format.notes) services.log.info(`Note: ${note}`);
  void warnIfCommitted(target);
  return { written: true, file: target.uri, keys: update.keys, verifications, ...(update.result === 'unsavedEditor' ? { unsavedEditor: true as const } : {}) };
}

async function warnIfCommitted(target: EnvFileTarget): Promise<void> {
  if (!(await isTrackedByGit(target.uri, target.folder.uri.fsPath))) return;
  const add = 'Add to .gitignore';
  const pick = await vscode.window.showWarningMessage(`${displayName(target)} holds a database password and git does not ignore it.`, add);
  if (pick === add) await addToGitignore(target);
}

function isLoopbackServer(dnsServer: string | undefined): boolean {
  return !!dnsServer && /^(127\.|\[?::1\]?)/.test(dnsServer);
}
