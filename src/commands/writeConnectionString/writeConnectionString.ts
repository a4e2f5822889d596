import * as vscode from 'vscode';
import { DIRECT_PORT, POOLED_PORT, formatConnection } from '../../connection/connectionFormats';
import { formatVerifyReport } from '../../connection/verifyReport';
import type { VerifyResult } from '../../connection/verifyTypes';
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
import { proveFromInsideForWrite } from '../verifyFromInstance/writeThroughInstance';

const TITLE = 'Write Connection String to .env';
const MANAGED_KEYS = 'planetscalePrivateLink.managedEnvKeys';

/** Everything the command gathered from the user; tests build it directly. */
export interface ConnectionRequest {
  branch: ResolvedBranch;
  role: RoleCredentials;
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
    // Outside the VPC (a laptop): the path can still be proven from an instance inside it.
    const outside = await proveFromInsideForWrite(services, (name) => awsTree.endpointsForService(name), branch, failed);
    if (outside === 'write') return write(services, request, verifications, confirmReplace);
    if (outside === 'declined') return { written: false, reason: 'declined', verifications };
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
  const format = formatConnection(
    client.kind,
    { host: branch.privateHost, user: role.username, password: role.password, database: role.database, port: request.port, caFile: readSettings().caFile },
    client.formatOptions,
  );
  const oldText = await currentText(target);
  const managed = services.context.workspaceState.get<Record<string, string[]>>(MANAGED_KEYS) ?? {};
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
  await services.context.workspaceState.update(MANAGED_KEYS, { ...managed, [target.uri.toString()]: keys });
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
