import * as vscode from 'vscode';
import { isPlanetScaleApiError } from '../../planetscale/apiErrors';
import type { PlanetScaleClient } from '../../planetscale/planetscaleClient';
import type { ExtensionServices } from '../../services/extensionServices';
import { readSettings } from '../../services/settings';
import { describeLastVerification } from '../../services/vantageMemory';
import { ErrorNode, ExplorerNode, NodeTreeProvider } from '../explorerNode';
import type { AwsTreeProvider } from '../aws/awsTreeProvider';
import { listIpRestrictions } from '../../planetscale/ipRestrictions';
import { summarizePublicAccess } from '../../planetscale/publicAccess';
import { latestVerifiedPrivatePath } from '../../services/verifiedPrivatePaths';
import { OrganizationNode, PlanetScaleNodeContext } from './planetscaleNodes';
import { Commands } from '../../commands/commandIds';

/** The PlanetScale tree: organization → databases → branches → Private Host, service name, endpoint. */
export class PlanetScaleTreeProvider extends NodeTreeProvider {
  private state: 'noToken' | 'ready' | undefined;
  constructor(private readonly services: ExtensionServices, private readonly awsTree: AwsTreeProvider) {
    super();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  protected async getRoots(): Promise<ExplorerNode[]> {
    let client: PlanetScaleClient | undefined;
    try {
      client = await this.services.planetscale.client();
    } catch (err) {
      // e.g. an invalid API URL setting: say so in place.
      return [this.errorNode('ps/client', err)];
    }
    if (!client) {
      await this.setState('noToken');
      return [];
    }
    await this.setState('ready');
    const ctx: PlanetScaleNodeContext = {
      client,
      endpointsForService: (name) => this.awsTree.endpointsForService(name),
      awsRegions: () => this.awsTree.loadedRegions(),
      errorNode: (id, err) => this.errorNode(id, err),
      publicAccess: (org, db) => listIpRestrictions(client, org, db).then(
        (rules) => ({ summary: summarizePublicAccess(rules) }),
        (error: unknown) => {
          this.services.log.debug(`PlanetScale: IP restrictions of ${org}/${db}: ${this.services.redact(String(error))}`);
          return { error };
        },
      ),
      verifiedPath: (org, db) => latestVerifiedPrivatePath(this.services.store, org, db),
      verifiedFrom: (endpointId) => {
        const last = this.services.vantage.lastVerification(endpointId);
        return last && describeLastVerification(last);
      },
    };
    try {
      const orgs = await ctx.client.listOrganizations();
      const preferred = readSettings().planetscaleOrganization;
      orgs.sort((a, b) => Number(b.name === preferred) - Number(a.name === preferred) || a.name.localeCompare(b.name));
      if (!orgs.length) return [new ErrorNode('ps/noOrgs', 'The service token sees no organizations. Grant it access in the PlanetScale dashboard.')];
      return orgs.map((o) => new OrganizationNode(o, ctx));
    } catch (err) {
      return [this.errorNode('ps/orgs', err)];
    }
  }

  private errorNode(id: string, err: unknown): ErrorNode {
    const message = this.services.redact(err instanceof Error ? err.message : String(err));
    this.services.log.warn(`PlanetScale: ${message}`);
    if (isPlanetScaleApiError(err) && (err.kind === 'unauthorized' || err.kind === 'forbidden')) {
      return new ErrorNode(id, message, { title: 'Set Service Token', command: Commands.signInPlanetScale }, err.kind);
    }
    return new ErrorNode(id, message, { title: 'Retry', command: Commands.refreshPlanetScale }, isPlanetScaleApiError(err) ? err.kind : 'unknown');
  }

  /** What the view shows: drives the welcome content through a context key. */
  get viewState(): 'noToken' | 'ready' | undefined {
    return this.state;
  }

  private async setState(state: 'noToken' | 'ready'): Promise<void> {
    this.state = state;
    await vscode.commands.executeCommand('setContext', 'planetscalePrivateLink.planetscaleState', state);
  }
}
