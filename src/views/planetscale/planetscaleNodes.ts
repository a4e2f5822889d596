import * as vscode from 'vscode';
import { regionOfServiceName } from '../../aws/awsNames';
import type { InterfaceEndpoint } from '../../aws/types';
import type { PlanetScaleClient } from '../../planetscale/planetscaleClient';
import { databaseToOpen } from '../../planetscale/databaseToOpen';
import { privateConnectionsDisabledReason, privateLinkIneligibleReason } from '../../planetscale/privateLinkEligibility';
import type { BranchPrivateInfo, PlanetScaleBranch, PlanetScaleDatabase, PlanetScaleOrganization } from '../../planetscale/types';
import { endpointStateIcon, endpointStateLabel } from '../aws/endpointPresentation';
import { endpointTooltip } from '../aws/awsNodes';
import { ExplorerNode, MessageNode } from '../explorerNode';
import type { VerifiedPrivatePath } from '../../services/verifiedPrivatePaths';
import { accessDescription, accessKey, needsRestrictWarning, publicAccessChildren, type PublicAccessView } from './publicAccessNodes';
import { Commands } from '../../commands/commandIds';

/** What a branch node (and commands run on it) carries. */
export interface BranchPayload {
  kind: 'branch';
  organization: string;
  database: string;
  branch: string;
  production: boolean;
  /** Known once the branch has been expanded (read from one of its roles). */
  serviceName?: string;
  privateHost?: string;
  /** The AWS region of the endpoint service, from the service name. */
  region?: string;
}

export interface PlanetScaleNodeContext {
  client: PlanetScaleClient;
  endpointsForService(serviceName: string): { region: string; endpoint: InterfaceEndpoint; profile: string }[];
  /** Turns a failed call into an error node (with its action). */
  errorNode(id: string, err: unknown): ExplorerNode;
  /** The database's IP restrictions (never throws: a failure is part of the view). */
  publicAccess(org: string, db: string): Promise<PublicAccessView>;
  /** The newest private path this workspace proved to the database. */
  verifiedPath(org: string, db: string): VerifiedPrivatePath | undefined;
  /** "verified from i-… 2 min ago", when the path was proven from an instance in the VPC. */
  verifiedFrom?(endpointId: string): string | undefined;
  /** The AWS regions the AWS explorer loaded (undefined before it has). */
  awsRegions?(): readonly string[] | undefined;
}

export class OrganizationNode implements ExplorerNode {
  readonly id: string;
  readonly payload: { kind: 'organization'; organization: string };

  constructor(private readonly org: PlanetScaleOrganization, private readonly ctx: PlanetScaleNodeContext) {
    this.id = `org/${org.name}`;
    this.payload = { kind: 'organization', organization: org.name };
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.org.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = 'organization';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    try {
      const databases = await this.ctx.client.listDatabases(this.org.name);
      if (!databases.length) return [new MessageNode(`${this.id}/empty`, 'No databases in this organization')];
      // Postgres first: only they can use PrivateLink in this flow.
      databases.sort((a, b) => Number(a.kind !== 'postgresql') - Number(b.kind !== 'postgresql') || a.name.localeCompare(b.name));
      const access = await Promise.all(databases.map((db) => (db.kind === 'postgresql' ? this.ctx.publicAccess(this.org.name, db.name) : undefined)));
      // The database the user is here for starts open: its branches show without a click.
      const open = databaseToOpen(databases, this.ctx.awsRegions?.());
      return databases.map((db, i) => new DatabaseNode(this.org.name, db, this.ctx, access[i], db.name === open));
    } catch (err) {
      return [this.ctx.errorNode(`${this.id}/error`, err)];
    }
  }
}

export class DatabaseNode implements ExplorerNode {
  readonly id: string;
  readonly payload: { kind: 'database'; organization: string; database: string };
  private readonly ineligible: string | undefined;

  constructor(private readonly org: string, private readonly db: PlanetScaleDatabase, private readonly ctx: PlanetScaleNodeContext, private readonly access?: PublicAccessView, private readonly open = false) {
    this.id = `database/${org}/${db.name}`;
    this.payload = { kind: 'database', organization: org, database: db.name };
    this.ineligible = privateLinkIneligibleReason(db);
  }

  toTreeItem(): vscode.TreeItem {
    const { None, Collapsed, Expanded } = vscode.TreeItemCollapsibleState;
    const item = new vscode.TreeItem(this.db.name, this.ineligible ? None : this.open ? Expanded : Collapsed);
    item.id = this.id;
    const where = [this.db.region.provider, this.db.region.slug].filter(Boolean).join(' ');
    item.description = this.ineligible ? 'PrivateLink for Postgres only' : `Postgres · ${where} · ${accessDescription(this.access)}`;
    const warn = needsRestrictWarning(this.access, this.ctx.verifiedPath(this.org, this.db.name));
    item.iconPath = this.ineligible ? new vscode.ThemeIcon('database', new vscode.ThemeColor('disabledForeground'))
      : warn ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('database');
    // e.g. database:postgresql:open — menus offer Restrict or Allow Again by the state.
    item.contextValue = this.ineligible ? `database:${this.db.kind}` : `database:${this.db.kind}:${accessKey(this.access)}`;
    item.tooltip = this.ineligible ?? `${this.db.name} (${this.db.kind}, ${where}, ${this.db.state})${warn ? '\nA private path is verified, but the public path is still open: Restrict to Private Connections…' : ''}`;
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    if (this.ineligible) return [];
    const access = publicAccessChildren(this.id, this.payload, this.access, this.ctx.verifiedPath(this.org, this.db.name));
    try {
      const branches = await this.ctx.client.listBranches(this.org, this.db.name);
      branches.sort((a, b) => Number(b.production) - Number(a.production) || a.name.localeCompare(b.name));
      // The warning (if any) first, where it is seen; the rules after the branches.
      const [warning, rules] = [access.filter((n) => n.id.endsWith('/restrictWarning')), access.filter((n) => !n.id.endsWith('/restrictWarning'))];
      return [...warning, ...branches.map((b) => new BranchNode(this.org, this.db.name, b, this.ctx)), ...rules];
    } catch (err) {
      return [...access, this.ctx.errorNode(`${this.id}/error`, err)];
    }
  }
}

export class BranchNode implements ExplorerNode {
  readonly id: string;
  readonly payload: BranchPayload;

  constructor(org: string, db: string, private readonly branch: PlanetScaleBranch, private readonly ctx: PlanetScaleNodeContext) {
    this.id = `branch/${org}/${db}/${branch.name}`;
    this.payload = { kind: 'branch', organization: org, database: db, branch: branch.name, production: branch.production };
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.branch.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const privateOff = privateConnectionsDisabledReason(this.branch);
    item.description = [this.branch.production ? 'production' : undefined, this.branch.ready ? undefined : this.branch.state, privateOff ? 'private connections off' : undefined]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon(this.branch.production ? 'star-full' : 'git-branch');
    item.contextValue = this.branch.production ? 'branch:production' : 'branch';
    item.tooltip = `${this.payload.organization}/${this.payload.database}/${this.branch.name}${this.branch.production ? ' (production)' : ''}${privateOff ? `\n${privateOff}` : ''}`;
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    let info: BranchPrivateInfo;
    try {
      info = await this.ctx.client.getBranchPrivateInfo(this.payload.organization, this.payload.database, this.branch.name);
    } catch (err) {
      return [this.ctx.errorNode(`${this.id}/error`, err)];
    }
    Object.assign(this.payload, { serviceName: info.serviceName, privateHost: info.privateHost, region: regionOfServiceName(info.serviceName) });
    const nodes: ExplorerNode[] = [
      new ValueNode(`${this.id}/host`, 'Private Host', info.privateHost, 'privateHost', { ...this.payload }),
      new ValueNode(`${this.id}/service`, 'Private Service Name', info.serviceName, 'serviceName', { ...this.payload }),
    ];
    const privateOff = privateConnectionsDisabledReason(this.branch);
    // Said first, before an endpoint is offered: no endpoint reaches a branch without it.
    if (privateOff) nodes.unshift(new MessageNode(`${this.id}/privateOff`, privateOff, 'warning'));
    const endpoints = this.ctx.endpointsForService(info.serviceName);
    if (endpoints.length) {
      nodes.push(...endpoints.map((e) => new BranchEndpointNode(this.id, e.region, e.profile, e.endpoint, this.ctx.verifiedFrom?.(e.endpoint.id))));
    } else {
      nodes.push(
        new MessageNode(`${this.id}/create`, 'No endpoint serves this branch in the loaded VPCs — Create endpoint', 'add', {
          title: 'Create endpoint',
          command: Commands.createEndpoint,
          arguments: [{ payload: { ...this.payload } }],
        }, { ...this.payload }, 'createEndpoint'),
      );
    }
    return nodes;
  }
}

class ValueNode implements ExplorerNode {
  constructor(
    readonly id: string,
    private readonly label: string,
    private readonly value: string,
    private readonly contextValue: string,
    readonly payload: BranchPayload,
  ) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.value;
    item.tooltip = `${this.label}: ${this.value}`;
    item.iconPath = new vscode.ThemeIcon(this.contextValue === 'privateHost' ? 'server-environment' : 'plug');
    item.contextValue = this.contextValue;
    return item;
  }
}

class BranchEndpointNode implements ExplorerNode {
  readonly id: string;
  readonly payload: { kind: 'endpoint'; profile: string; region: string; endpoint: InterfaceEndpoint };

  constructor(parentId: string, region: string, profile: string, private readonly endpoint: InterfaceEndpoint, private readonly verifiedFrom?: string) {
    this.id = `${parentId}/endpoint/${endpoint.id}`;
    this.payload = { kind: 'endpoint', profile, region, endpoint };
  }

  toTreeItem(): vscode.TreeItem {
    const e = this.endpoint;
    const item = new vscode.TreeItem(`Endpoint ${e.name ?? e.id}`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = [endpointStateLabel(e.state), e.vpcId, this.payload.region, this.verifiedFrom].filter(Boolean).join(' · ');
    item.iconPath = endpointStateIcon(e.state);
    item.tooltip = endpointTooltip(e);
    item.contextValue = `endpoint:${e.state}:link`;
    return item;
  }
}
