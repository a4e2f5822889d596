import * as vscode from 'vscode';
import type { PlanetScaleClient } from '../planetscale/planetscaleClient';
import type { ExtensionServices } from '../services/extensionServices';
import { UserFacingError } from '../errors/userFacingError';
import { regionOfServiceName } from '../aws/awsNames';
import { BranchPayload } from '../views/planetscale/planetscaleNodes';
import { Commands } from './commandIds';

export type ResolvedBranch = Required<Pick<BranchPayload, 'organization' | 'database' | 'branch' | 'serviceName' | 'privateHost' | 'region'>> & BranchPayload;

/** A branch payload from a tree item (or an object carrying one), if the argument holds one. */
export function branchPayloadOf(arg: unknown): BranchPayload | undefined {
  const candidate = (arg && typeof arg === 'object' && 'payload' in arg ? (arg as { payload: unknown }).payload : arg) as Partial<BranchPayload> | undefined;
  return candidate?.kind === 'branch' && candidate.organization && candidate.database && candidate.branch ? (candidate as BranchPayload) : undefined;
}

export async function requirePlanetScaleClient(services: ExtensionServices): Promise<PlanetScaleClient> {
  const client = await services.planetscale.client();
  if (!client) {
    throw new UserFacingError('Set a PlanetScale service token first.', [{ label: 'Set Service Token', command: Commands.signInPlanetScale }]);
  }
  return client;
}

/**
 * The branch a command acts on: from the clicked item, else picked organization → database →
 * branch; completed with its Private Host and Private Service Name from the API.
 */
export async function resolveBranch(services: ExtensionServices, arg: unknown, title: string): Promise<ResolvedBranch | undefined> {
  const client = await requirePlanetScaleClient(services);
  const payload = branchPayloadOf(arg) ?? (await pickBranch(client, title));
  if (!payload) return undefined;
  if (payload.serviceName && payload.privateHost) {
    return { ...payload, serviceName: payload.serviceName, privateHost: payload.privateHost, region: payload.region ?? regionOfServiceName(payload.serviceName) ?? '' };
  }
  const info = await client.getBranchPrivateInfo(payload.organization, payload.database, payload.branch);
  return { ...payload, ...info, region: regionOfServiceName(info.serviceName) ?? '' };
}

async function pickBranch(client: PlanetScaleClient, title: string): Promise<BranchPayload | undefined> {
  const orgs = await withBusy(title, () => client.listOrganizations());
  const org = orgs.length === 1 ? orgs[0].name : (await vscode.window.showQuickPick(orgs.map((o) => o.name), { title, placeHolder: 'PlanetScale organization', ignoreFocusOut: true }));
  if (!org) return undefined;
  const dbs = (await withBusy(title, () => client.listDatabases(org))).filter((d) => d.kind === 'postgresql');
  if (!dbs.length) throw new UserFacingError(`Organization ${org} has no Postgres databases; PrivateLink in this flow is for Postgres only.`);
  const db = await vscode.window.showQuickPick(dbs.map((d) => ({ label: d.name, description: d.region.slug })), { title, placeHolder: 'Postgres database', ignoreFocusOut: true });
  if (!db) return undefined;
  const branches = await withBusy(title, () => client.listBranches(org, db.label));
  const branch = await vscode.window.showQuickPick(
    branches.map((b) => ({ label: b.name, description: b.production ? 'production' : undefined, production: b.production })),
    { title, placeHolder: 'Branch', ignoreFocusOut: true },
  );
  if (!branch) return undefined;
  return { kind: 'branch', organization: org, database: db.label, branch: branch.label, production: branch.production };
}

function withBusy<T>(title: string, task: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, task));
}
