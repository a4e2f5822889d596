// Restrict to Private Connections… and Allow Public Connections Again… on a Postgres database.
// Restrict refuses until this workspace has proven a private path to the database, confirms the
// exact change, creates the rule, re-verifies both halves and offers to undo at once when the
// private path broke. Allow Again deletes only the rules this extension created.
import * as vscode from 'vscode';
import { PlanetScaleApiError } from '../../planetscale/apiErrors';
import { deleteIpRestriction } from '../../planetscale/ipRestrictions';
import { allowPublicConnectionsAgain, DatabaseRef, PrivateOnlyChecks, readPublicAccess, restrictToPrivateConnections, type AllowAgainResult, type RestrictResult } from '../../planetscale/privateOnlyActions';
import type { ExtensionServices } from '../../services/extensionServices';
import { readSettings } from '../../services/settings';
import { UserFacingError } from '../../errors/userFacingError';
import { describeVerifiedPath, latestVerifiedPrivatePath, verifiedPrivatePaths } from '../../services/verifiedPrivatePaths';
import type { KnownEndpoint } from '../../connection/verifyTypes';
import type { AwsTreeProvider } from '../../views/aws/awsTreeProvider';
import { requirePlanetScaleClient, resolveBranch } from '../branchArgument';
import { knownEndpoints } from '../knownEndpoints';
import { allowConfirmation, allowReport, ALLOW_ACTION, RESTRICT_ACTION, restrictConfirmation, restrictReport } from './publicAccessText';
import { LoginCredentials, PublicAccessUi, vscodePublicAccessUi } from './publicAccessUi';
import { Commands } from '../commandIds';

export type RestrictOutcome =
  | { done: false; reason: 'noVerifiedPath' | 'alreadyPrivateOnly' | 'cancelled' }
  | { done: true; result: RestrictResult; undone: boolean };

export type AllowOutcome = { done: false; reason: 'nothingToDelete' | 'cancelled' } | { done: true; result: AllowAgainResult };

/** The database a command acts on: from a database or branch node (or an object carrying one). */
export function databaseRefOf(arg: unknown): DatabaseRef | undefined {
  const candidate = (arg && typeof arg === 'object' && 'payload' in arg ? (arg as { payload: unknown }).payload : arg) as Partial<DatabaseRef & { kind: string }> | undefined;
  return (candidate?.kind === 'database' || candidate?.kind === 'branch') && candidate.organization && candidate.database
    ? { organization: candidate.organization, database: candidate.database }
    : undefined;
}

export function publicAccessFeature(services: ExtensionServices, awsTree: AwsTreeProvider) {
  const refresh = () => vscode.commands.executeCommand(Commands.refreshPlanetScale);
  const flows = {
    restrict: (arg: unknown, ui: PublicAccessUi = vscodePublicAccessUi(services)) => restrict(services, awsTree, arg, ui, refresh),
    allowAgain: (arg: unknown, ui: PublicAccessUi = vscodePublicAccessUi(services)) => allowAgain(services, arg, ui, refresh),
  };
  return { ...flows, run: (arg?: unknown) => flows.restrict(arg), disposables: [] as vscode.Disposable[] };
}

async function restrict(services: ExtensionServices, awsTree: AwsTreeProvider, arg: unknown, ui: PublicAccessUi, refresh: () => unknown): Promise<RestrictOutcome> {
  const state = services.store;
  const ref = databaseRefOf(arg) ?? (verifiedPrivatePaths(state)[0] && { organization: verifiedPrivatePaths(state)[0].organization, database: verifiedPrivatePaths(state)[0].database });
  const verified = ref && latestVerifiedPrivatePath(state, ref.organization, ref.database);
  if (!ref || !verified) {
    const pick = await ui.notify('warning',
      `No private path to ${ref ? `database ${ref.organization}/${ref.database}` : 'a database'} has been verified in this workspace, so restricting it could cut off every connection. Verify the private path first (Write Connection String to .env verifies it), then restrict.`,
      'Verify Private Path…');
    if (pick) await vscode.commands.executeCommand(Commands.writeConnectionString);
    return { done: false, reason: 'noVerifiedPath' };
  }
  const client = await requirePlanetScaleClient(services);
  const access = await readPublicAccess(client, ref);
  if (access.state === 'privateOnly' && access.extensionRules.length) {
    void ui.notify('info', `Database ${ref.organization}/${ref.database} is already private only.`);
    return { done: false, reason: 'alreadyPrivateOnly' };
  }
  const text = restrictConfirmation(ref, access, describeVerifiedPath(verified));
  if (!(await ui.confirm(text.message, text.detail, RESTRICT_ACTION))) return { done: false, reason: 'cancelled' };
  const branch = await resolveBranch(services, { payload: { kind: 'branch', organization: ref.organization, database: ref.database, branch: verified.branch, production: false } }, RESTRICT_ACTION);
  if (!branch) return { done: false, reason: 'cancelled' };
  // Asked before anything changes, so a cancelled prompt leaves the database as it was.
  const login = await ui.credentials(client, branch, `${RESTRICT_ACTION}: the role whose login proves both paths`);
  if (!login) return { done: false, reason: 'cancelled' };
  services.redactor.add(login.password);
  const [role] = await client.listRoles(ref.organization, ref.database, verified.branch);
  const publicHost = role?.access_host_url;
  const port = verified.proven.ports[0] ?? 6432;
  const endpoints = await knownEndpoints(services, awsTree);
  let cleanupNote = '';
  const checks = pathChecks(services, { privateHost: verified.privateHost, serviceName: branch.serviceName, endpoints, publicHost, port, login });
  const result = await ui.withProgress(`Restricting ${ref.organization}/${ref.database} to private connections…`, () => restrictToPrivateConnections(client, ref, checks))
    .finally(async () => {
      // Told within the report: a notification resolves only when dismissed, so never wait on one here.
      cleanupNote = (await login.discard?.())?.message ?? '';
    })
    .catch((error: unknown) => {
      // A create whose answer was lost may still have acted: say so rather than guess.
      if (error instanceof PlanetScaleApiError && error.kind === 'network') {
        throw new UserFacingError(`${error.message} The rule may or may not have been created: refresh the PlanetScale view and check the database's public access before trying again.`,
          [{ label: 'Refresh PlanetScale', command: Commands.refreshPlanetScale }]);
      }
      throw error;
    });
  services.log.info(`Restrict ${ref.organization}/${ref.database}: private ${result.privateCheck.ok ? 'ok' : 'FAILED'} (${result.privateCheck.summary}); public ${result.publicCheck.outcome} (${services.redact(result.publicCheck.detail)}).`);
  void refresh();
  const report = restrictReport(ref, result);
  if (cleanupNote) report.message = `${report.message} ${cleanupNote}`;
  if (!result.privateCheck.ok && result.created) {
    const undo = 'Undo Now';
    const pick = await ui.notify('error', `${report.message} Undo the rule now so private and public connections work as before?`, undo);
    if (pick === undo) {
      await deleteIpRestriction(client, ref.organization, ref.database, result.created.id);
      services.log.info(`Undid rule ${result.created.id} on ${ref.organization}/${ref.database}.`);
      void ui.notify('info', `Deleted the private-only rule on ${ref.organization}/${ref.database}: access is as it was before.`);
      void refresh();
      return { done: true, result, undone: true };
    }
    return { done: true, result, undone: false };
  }
  void ui.notify(report.severity, report.message);
  return { done: true, result, undone: false };
}

async function allowAgain(services: ExtensionServices, arg: unknown, ui: PublicAccessUi, refresh: () => unknown): Promise<AllowOutcome> {
  const ref = databaseRefOf(arg);
  if (!ref) {
    void ui.notify('warning', 'Run Allow Public Connections Again… on a Postgres database in the PlanetScale view.');
    return { done: false, reason: 'cancelled' };
  }
  const client = await requirePlanetScaleClient(services);
  const access = await readPublicAccess(client, ref);
  if (!access.extensionRules.length) {
    const yours = access.otherRules.length ? ` Its ${access.otherRules.length} rule${access.otherRules.length === 1 ? ' was' : 's were'} not made by this extension and ${access.otherRules.length === 1 ? 'is' : 'are'} left alone; change ${access.otherRules.length === 1 ? 'it' : 'them'} in the PlanetScale dashboard.` : ' It has no IP restriction: the public path is already open.';
    void ui.notify('info', `No rule of this extension on ${ref.organization}/${ref.database}, so nothing to delete.${yours}`);
    return { done: false, reason: 'nothingToDelete' };
  }
  const text = allowConfirmation(ref, access);
  if (!(await ui.confirm(text.message, text.detail, ALLOW_ACTION))) return { done: false, reason: 'cancelled' };
  const result = await ui.withProgress(`Allowing public connections to ${ref.organization}/${ref.database}…`, () => allowPublicConnectionsAgain(client, ref, access.rules));
  void refresh();
  const report = allowReport(ref, result);
  services.log.info(report.message);
  void ui.notify(report.severity, report.message);
  return { done: true, result };
}

interface PathInputs {
  privateHost: string;
  serviceName: string;
  endpoints: KnownEndpoint[];
  publicHost: string | undefined;
  port: number;
  login: LoginCredentials;
}

function pathChecks(services: ExtensionServices, p: PathInputs): PrivateOnlyChecks {
  const settings = readSettings();
  const core = () => services.core.get();
  return {
    async verifyPrivate() {
      try {
        const result = await core().verifyConnection(
          {
            host: p.privateHost, port: p.port, user: p.login.username, password: p.login.password, database: p.login.database,
            caFile: settings.caFile, dnsServer: settings.dnsServer, serviceName: p.serviceName, endpoints: p.endpoints,
          },
          { loopbackIsPrivate: !!settings.dnsServer && /^(127\.|\[?::1\]?)/.test(settings.dnsServer) },
        );
        return { ok: result.outcome === 'success', summary: services.redact(result.summary) };
      } catch (error) {
        return { ok: false, summary: services.redact(error instanceof Error ? error.message : String(error)) };
      }
    },
    async probePublic() {
      if (!p.publicHost) return { outcome: 'inconclusive', detail: 'PlanetScale did not name the branch\'s public host.' };
      try {
        return await core().probePublicHost({ host: p.publicHost, port: 5432, user: p.login.username, password: p.login.password, database: p.login.database, caFile: settings.caFile, dnsServer: settings.dnsServer });
      } catch (error) {
        return { outcome: 'inconclusive', detail: services.redact(error instanceof Error ? error.message : String(error)) };
      }
    },
  };
}
