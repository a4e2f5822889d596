// The credentials leg of a write from outside the VPC. The probe on the instance proved the
// private path without a password; the same role's login and query are proven here over the
// branch's public host (a role's `access_host_url`), with verify-full, on the chosen ports. The
// question before the write names what each leg proved; when the public host refuses this
// machine (an IP restriction) or fails, it says exactly that and asks before writing with only
// the private path proven.
import * as vscode from 'vscode';
import type { PublicProbeResult } from '../../connection/publicHostProbe';
import type { ExtensionServices } from '../../services/extensionServices';
import { readSettings } from '../../services/settings';
import { UserFacingError } from '../../errors/userFacingError';
import { ResolvedBranch, requirePlanetScaleClient } from '../branchArgument';
import type { RoleCredentials } from '../writeConnectionString/connectionInputs';
import { vscodeVantageUi, type VantageUi } from './vantageUi';
import type { InsideProof } from './writeThroughInstance';

export interface OutsideWriteDecision {
  write: boolean;
  /** The user stopped the public leg: nothing to ask. */
  cancelled?: true;
  /** What was proven, by which leg: the final notification's opening (no password in it). */
  provenBy: string;
}

/** Runs the public leg, then asks whether to write; the answer names both legs. */
export async function confirmWriteFromOutside(
  services: ExtensionServices,
  branch: ResolvedBranch,
  inside: InsideProof,
  role: RoleCredentials,
  ports: number[],
  ui: VantageUi = vscodeVantageUi(),
): Promise<OutsideWriteDecision> {
  const privateLeg = `Private path proven from ${inside.instanceId} (DNS, TCP, TLS on ${inside.ports.join('/')})`;
  const leg = await provePublicLogin(services, branch, role, ports);
  if (leg === 'cancelled') return { write: false, cancelled: true, provenBy: privateLeg };
  const where = leg.host ? `over the public host ${leg.host} from this machine` : 'from this machine';
  if (leg.result.outcome === 'accepted') {
    const provenBy = `${privateLeg}; login and query proven ${where}`;
    const write = await ui.confirmOutsideWrite(`${provenBy} (verify-full, role ${role.roleName}, database ${role.database}). Write the connection string?`, true);
    return { write, provenBy };
  }
  if (leg.result.outcome === 'inconclusive') {
    // The server reached the credentials and turned them (or the query) down: writing them would
    // hand the app a string known not to work.
    throw new UserFacingError(services.redact(`${privateLeg}, but ${leg.result.detail} Nothing was written: check the role's password, or choose another role, and run Write Connection String again.`));
  }
  const provenBy = `${privateLeg}; login and query not proven (${whyNotProven(leg.result)})`;
  const question = `${privateLeg}. The login and query were not proven: ${whyNotProven(leg.result)}. ${leg.result.detail} `
    + 'Write the connection string with only the private path proven (through TLS)?';
  const write = await ui.confirmOutsideWrite(services.redact(question), false);
  return { write, provenBy };
}

function whyNotProven(result: PublicProbeResult): string {
  switch (result.outcome) {
    case 'refused': return 'the public host refused this machine\'s login, most likely an IP restriction of the database';
    case 'unreachable': return 'this machine could not reach the public host';
    default: return 'the login over the public host did not succeed';
  }
}

interface PublicLeg {
  host?: string;
  result: PublicProbeResult;
}

/** The login and query of `role` over the public host on each port, stopping at the first that fails. */
async function provePublicLogin(services: ExtensionServices, branch: ResolvedBranch, role: RoleCredentials, ports: number[]): Promise<PublicLeg | 'cancelled'> {
  const client = await requirePlanetScaleClient(services);
  const roles = await client.listRoles(branch.organization, branch.database, branch.branch);
  // Every role of a branch names the same public host; prefer the chosen one's own.
  const host = (roles.find((r) => r.username === role.username) ?? roles.find((r) => r.access_host_url))?.access_host_url;
  if (!host) return { result: { outcome: 'inconclusive', detail: 'PlanetScale did not name the branch\'s public host.' } };
  const settings = readSettings(services.settingsConsent);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Proving the login over the public host ${host}`, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    let result: PublicProbeResult = { outcome: 'inconclusive', detail: 'No port was checked.' };
    for (const port of ports) {
      progress.report({ message: `port ${port}` });
      result = await services.core.get().probePublicHost(
        { host, port, user: role.username, password: role.password, database: role.database, caFile: settings.caFile, dnsServer: settings.dnsServer, query: true },
        abort.signal,
      );
      services.log.info(services.redact(`Login over the public host ${host}:${port}: ${result.outcome}. ${result.detail}`));
      if (token.isCancellationRequested) return 'cancelled' as const;
      if (result.outcome !== 'accepted') break;
    }
    return { host, result };
  });
}
