import * as vscode from 'vscode';
import { DIRECT_PORT, POOLED_PORT, formatConnection } from '../../connection/connectionFormats';
import { formatVerifyReport } from '../../connection/verifyReport';
import type { VerifyResult, VerifyTarget } from '../../connection/verifyTypes';
import { renderDiff } from '../../dotenv/dotenvDiff';
import { planEnvEdit } from '../../dotenv/dotenvEdit';
import type { ExtensionServices } from '../../services/extensionServices';
import { readSettings } from '../../services/settings';
import { UserFacingError } from '../../services/userFacingError';
import type { AwsTreeProvider } from '../../views/aws/awsTreeProvider';
import { ResolvedBranch, requirePlanetScaleClient, resolveBranch } from '../branchArgument';
import { ClientChoice, RoleCredentials, pickClient, pickPort, pickRole } from './connectionInputs';
import { EnvFileTarget, currentText, displayName, pickEnvFile } from './envFileTarget';
import { addToGitignore, isTrackedByGit, writeEnvFile } from './envFileWriter';
import { knownEndpoints } from '../knownEndpoints';
import { RoleChoice, RoleCleanup, isNewRole, roleForRun } from './newRole';
import { MANAGED_ENV_KEYS_KEY } from '../../services/workspaceStateKeys';

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

export type WriteOutcome =
  | { written: true; file: vscode.Uri; keys: string[]; verifications: VerifyResult[] }
  | { written: false; reason: 'verificationFailed' | 'cancelled' | 'declined' | 'unchanged'; verifications: VerifyResult[] };

/** The command's implementation (loaded lazily from the features bundle on first use). */
export function writeConnectionStringFeature(services: ExtensionServices, awsTree: AwsTreeProvider): { run(arg?: unknown): Promise<void>; disposables: vscode.Disposable[] } {
  return {
    disposables: [],
    run: async (arg?: unknown) => {
      const request = await gatherRequest(services, arg);
      if (!request) return;
      const outcome = await verifyAndWrite(services, awsTree, request);
      if (!outcome.written && outcome.reason === 'unchanged') {
        void vscode.window.showInformationMessage(`Verified the private connection; ${displayName(request.target)} already holds these values.`);
      }
      if (outcome.written) {
        const how = outcome.verifications.map((v) => v.connectedTo && `${v.connectedTo.ip}:${v.connectedTo.port}`).filter(Boolean).join(', ');
        void vscode.window.showInformationMessage(`Verified the private connection (${how}) and wrote ${outcome.keys.join(', ')} to ${displayName(request.target)}.`, 'Open File').then((pick) => {
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

/**
 * Verifies every chosen port through the Private Host (DNS → TCP → TLS → login → query) and,
 * only when all pass, writes the variables. On any failure the file is not touched.
 */
export type ConfirmReplace = (message: string, diff: string) => Promise<boolean>;

const askToReplace: ConfirmReplace = async (message, diff) =>
  (await vscode.window.showWarningMessage(message, { modal: true, detail: diff }, 'Replace')) === 'Replace';

export async function verifyAndWrite(
  services: ExtensionServices,
  awsTree: AwsTreeProvider,
  request: ConnectionRequest,
  confirmReplace: ConfirmReplace = askToReplace,
): Promise<WriteOutcome> {
  const { branch, target } = request;
  if (!isNewRole(request.role)) services.redactor.add(request.role.password);
  const settings = readSettings();
  const ports = request.port === 'both' ? [POOLED_PORT, DIRECT_PORT] : [request.port];
  const endpoints = await knownEndpoints(services, awsTree);
  const path = { host: branch.privateHost, database: 'postgres', caFile: settings.caFile, dnsServer: settings.dnsServer, serviceName: branch.serviceName, endpoints };

  if (isNewRole(request.role)) {
    // The private path first, with no credentials: a role is created only for a path that works.
    const reach = await verifyPorts(services, `Checking the private path to ${branch.privateHost}`, ports, (port) => ({ ...path, port, user: '', password: '' }), 'tls');
    if (reach.cancelled) return { written: false, reason: 'cancelled', verifications: reach.results };
    if (reach.failed) throw verificationError(services, branch, target, reach.failed);
  }

  const role = await roleForRun(services, branch, request.role);
  let outcome: WriteOutcome;
  try {
    const { username: user, password, database } = role.credentials;
    const login = await verifyPorts(services, `Verifying ${branch.privateHost}`, ports, (port) => ({ ...path, port, user, password, database }));
    if (login.cancelled) outcome = { written: false, reason: 'cancelled', verifications: login.results };
    else if (login.failed) throw verificationError(services, branch, target, login.failed);
    else outcome = await write(services, { ...request, role: role.credentials }, login.results, confirmReplace);
  } catch (err) {
    const cleanup = await role.discard();
    // Keep the error's class and actions; only add what became of the new role.
    if (cleanup.message && err instanceof Error) err.message = `${err.message} ${cleanup.message}`;
    throw err;
  }
  if (!outcome.written) tellCleanup(target, await role.discard());
  return outcome;
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
): Promise<{ results: VerifyResult[]; cancelled: boolean; failed?: VerifyResult }> {
  const results: VerifyResult[] = [];
  const cancelled = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
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
  const actions = [{ label: 'Diagnose', command: 'planetscalePrivateLink.diagnose', args: [{ payload: branch }] }];
  if (phase?.remedy === 'createEndpoint') actions.unshift({ label: 'Create Endpoint', command: 'planetscalePrivateLink.createEndpoint', args: [{ payload: branch }] });
  return new UserFacingError(services.redact(`${failed.summary}${phase?.fix ? ` ${phase.fix}` : ''} Nothing was written to ${displayName(target)}.`), actions);
}

async function write(services: ExtensionServices, request: ConnectionRequest & { role: RoleCredentials }, verifications: VerifyResult[], confirmReplace: ConfirmReplace): Promise<WriteOutcome> {
  const { branch, role, target, client } = request;
  const format = formatConnection(
    client.kind,
    { host: branch.privateHost, user: role.username, password: role.password, database: role.database, port: request.port, caFile: readSettings().caFile },
    client.formatOptions,
  );
  const oldText = await currentText(target);
  const managed = services.context.workspaceState.get<Record<string, string[]>>(MANAGED_ENV_KEYS_KEY) ?? {};
  const plan = planEnvEdit(oldText, format.variables, {
    managedKeys: managed[target.uri.toString()],
    header: `PlanetScale ${branch.organization}/${branch.database}/${branch.branch} through AWS PrivateLink (${format.label})`,
  });
  if (!plan.changed) return { written: false, reason: 'unchanged', verifications };
  const replaced = plan.changes.filter((c) => c.kind === 'replace' || c.kind === 'remove');
  if (replaced.length) {
    const diff = renderDiff(oldText, plan.newText, { secretKeys: format.variables.filter((v) => v.secret).map((v) => v.key), secrets: [role.password], fileName: displayName(target) });
    const message = `${displayName(target)} already sets ${replaced.map((c) => c.key).join(', ')}. Replace ${replaced.length === 1 ? 'it' : 'them'}?`;
    if (!(await confirmReplace(message, services.redact(diff)))) return { written: false, reason: 'declined', verifications };
  }
  await writeEnvFile(target, oldText, plan.newText);
  const keys = format.variables.map((v) => v.key);
  await services.context.workspaceState.update(MANAGED_ENV_KEYS_KEY, { ...managed, [target.uri.toString()]: keys });
  if (role.rememberKey) await services.context.secrets.store(role.rememberKey, role.password);
  services.log.info(`Wrote ${keys.join(', ')} to ${target.uri.fsPath} (${format.label}).`);
  for (const note of format.notes) services.log.info(`Note: ${note}`);
  void warnIfCommitted(target);
  return { written: true, file: target.uri, keys, verifications };
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
