// Called once where a private verification succeeded: records what was proven (the store other
// features read) and, when the database's public path is still open, offers to close it.
import * as vscode from 'vscode';
import type { VerifyResult } from '../../connection/verifyTypes';
import { listIpRestrictions } from '../../planetscale/ipRestrictions';
import { summarizePublicAccess } from '../../planetscale/publicAccess';
import type { ExtensionServices } from '../../services/extensionServices';
import { readSettings } from '../../services/settings';
import { recordVerifiedPrivatePath } from '../../services/verifiedPrivatePaths';
import type { ResolvedBranch } from '../branchArgument';
import { Commands } from '../commandIds';

export async function recordPrivateVerification(services: ExtensionServices, branch: ResolvedBranch, verifications: VerifyResult[]): Promise<void> {
  if (!verifications.length || verifications.some((v) => v.outcome !== 'success')) return;
  const phases = [...new Set(verifications.flatMap((v) => v.phases.filter((p) => p.status === 'pass' || p.status === 'warn').map((p) => p.phase)))];
  await recordVerifiedPrivatePath(services.store, {
    organization: branch.organization,
    database: branch.database,
    branch: branch.branch,
    privateHost: branch.privateHost,
    verifiedAt: new Date().toISOString(),
    from: { vantage: 'thisMachine', dnsServer: readSettings().dnsServer, connectedTo: verifications.flatMap((v) => (v.connectedTo ? [`${v.connectedTo.ip}:${v.connectedTo.port}`] : [])) },
    proven: { phases, ports: verifications.flatMap((v) => (v.connectedTo ? [v.connectedTo.port] : [])) },
  });
  void vscode.commands.executeCommand(Commands.refreshPlanetScale);
  void offerRestrict(services, branch);
}

async function offerRestrict(services: ExtensionServices, branch: ResolvedBranch): Promise<void> {
  try {
    const client = await services.planetscale.client();
    if (!client) return;
    const access = summarizePublicAccess(await listIpRestrictions(client, branch.organization, branch.database));
    if (access.state !== 'open') return;
    const action = 'Restrict to Private Connections…';
    const pick = await vscode.window.showInformationMessage(
      `The private path to ${branch.organization}/${branch.database} is verified, but its public access is still open: connections from the internet are accepted.`,
      action,
    );
    if (pick) await vscode.commands.executeCommand(Commands.restrictToPrivate, { payload: { kind: 'database', organization: branch.organization, database: branch.database } });
  } catch (error) {
    // An offer, not a step of the write: a token without read_database just gets no offer.
    services.log.debug(`No Restrict offer for ${branch.organization}/${branch.database}: ${services.redact(String(error))}`);
  }
}
