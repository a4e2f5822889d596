import * as vscode from 'vscode';
import { DIRECT_PORT, POOLED_PORT } from '../../connection/connectionFormats';
import { formatVerifyReport } from '../../connection/verifyReport';
import type { VerifyResult } from '../../connection/verifyTypes';
import type { ExtensionServices } from '../../services/extensionServices';
import { readSettings } from '../../services/settings';
import { UserFacingError } from '../../services/userFacingError';
import type { AwsTreeProvider } from '../../views/aws/awsTreeProvider';
import { ResolvedBranch, requirePlanetScaleClient, resolveBranch } from '../branchArgument';
import { ClientChoice, RoleCredentials, pickClient, pickPort, pickRole } from './connectionInputs';
import { EnvFileTarget, displayName, pickEnvFile } from './envFileTarget';
import { ConfirmReplace, updateEnvFile } from './envFileUpdate';
import { addToGitignore, isTrackedByGit } from './envFileWriter';
import { envHeader } from './envHeader';
import { formatForRequest } from './requestFormat';

const TITLE = 'Write Connection String to .env';

/** Everything the command gathered from the user; tests build it directly. */
export interface ConnectionRequest {
  branch: ResolvedBranch;
  role: RoleCredentials;
  port: 5432 | 6432 | 'both';
  client: ClientChoice;
  target: EnvFileTarget;
}

export type WriteOutcome =
  /** `unsavedEditor`: the file had unsaved edits, so the variables are in its editor, not yet on disk. */
  | { written: true; file: vscode.Uri; keys: string[]; verifications: VerifyResult[]; unsavedEditor?: true }
  | { written: false; reason: 'verificationFailed' | 'cancelled' | 'declined' | 'unchanged'; verifications: VerifyResult[] };

/** The command's implementation (loaded lazily from the features bundle on first use). */
export function writeConnectionStringFeature(services: ExtensionServices, awsTree: AwsTreeProvider): {
  run(arg?: unknown): Promise<void>;
  /** The command after its questions: what the extension-host tests drive in the shipped bundle. */
  verifyAndWrite(request: ConnectionRequest, confirm?: ConfirmReplace): Promise<WriteOutcome>;
  disposables: vscode.Disposable[];
} {
  return {
    disposables: [],
    verifyAndWrite: (request, confirm) => verifyAndWrite(services, awsTree, request, confirm),
    run: async (arg?: unknown) => {
      const request = await gatherRequest(services, arg);
      if (!request) return;
      const outcome = await verifyAndWrite(services, awsTree, request);
      if (!outcome.written && outcome.reason === 'unchanged') {
        void vscode.window.showInformationMessage(`Verified the private connection; ${displayName(request.target)} already holds these values.`);
      }
      if (outcome.written) {
        const how = outcome.verifications.map((v) => v.connectedTo && `${v.connectedTo.ip}:${v.connectedTo.port}`).filter(Boolean).join(', ');
        const where = outcome.unsavedEditor
          ? `put ${outcome.keys.join(', ')} into the editor of ${displayName(request.target)}, which has unsaved changes of yours: save it to apply them`
          : `wrote ${outcome.keys.join(', ')} to ${displayName(request.target)}`;
        void vscode.window.showInformationMessage(`Verified the private connection (${how}) and ${where}.`, 'Open File').then((pick) => {
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
  const { branch, role, target } = request;
  services.redactor.add(role.password);
  const settings = readSettings();
  const ports = request.port === 'both' ? [POOLED_PORT, DIRECT_PORT] : [request.port];
  const expectedIps = await endpointIps(services, awsTree, branch);
  const verifications: VerifyResult[] = [];
  const cancelled = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Verifying ${branch.privateHost}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      for (const port of ports) {
        const result = await services.core.get().verifyConnection(
          { host: branch.privateHost, port, user: role.username, password: role.password, database: role.database, caFile: settings.caFile, dnsServer: settings.dnsServer, expectedIps },
          {
            signal: abort.signal,
            loopbackIsPrivate: isLoopbackServer(settings.dnsServer),
            onPhase: (p) => progress.report({ message: `port ${port}: ${p.phase} ${p.status}` }),
          },
        );
        verifications.push(result);
        services.log.info(services.redact(`Verification of ${branch.privateHost}:${port}\n${formatVerifyReport(result)}`));
        if (result.outcome !== 'success') return result.outcome === 'cancelled';
      }
      return false;
    },
  );
  const failed = verifications.find((v) => v.outcome === 'failed');
  if (cancelled) return { written: false, reason: 'cancelled', verifications };
  if (failed) {
    const phase = failed.phases.find((p) => p.phase === failed.failedPhase);
    throw new UserFacingError(
      services.redact(`${failed.summary}${phase?.fix ? ` ${phase.fix}` : ''} Nothing was written to ${displayName(target)}.`),
      [{ label: 'Diagnose', command: 'planetscalePrivateLink.diagnose', args: [{ payload: branch }] }],
    );
  }
  return write(services, request, verifications, confirmReplace);
}

async function write(services: ExtensionServices, request: ConnectionRequest, verifications: VerifyResult[], confirmReplace: ConfirmReplace): Promise<WriteOutcome> {
  const { branch, role, target, client } = request;
  const format = await formatForRequest({ host: branch.privateHost, role, port: request.port, client, folder: target.folder.uri.fsPath, caFile: readSettings().caFile });
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

/** The interface IPs of the endpoint serving the branch, when the AWS view knows it. */
async function endpointIps(services: ExtensionServices, awsTree: AwsTreeProvider, branch: ResolvedBranch): Promise<string[] | undefined> {
  const [match] = awsTree.endpointsForService(branch.serviceName).filter((m) => m.endpoint.state === 'available' && m.endpoint.privateDnsEnabled);
  if (!match) return undefined;
  try {
    const { ec2 } = services.aws.clients(match.profile, match.region);
    const enis = await services.core.get().describeNetworkInterfaces(ec2, match.endpoint.networkInterfaceIds);
    const ips = enis.flatMap((e) => (e.privateIpAddress ? [e.privateIpAddress] : []));
    return ips.length ? ips : undefined;
  } catch (err) {
    services.log.warn(`Could not read the endpoint's interface IPs: ${services.redact(String(err))}`);
    return undefined;
  }
}

function isLoopbackServer(dnsServer: string | undefined): boolean {
  return !!dnsServer && /^(127\.|\[?::1\]?)/.test(dnsServer);
}
