import * as vscode from 'vscode';
import type { ClassifiedAwsError } from '../../aws/awsErrorTypes';
import type {
  AwsProfile,
  CallerIdentity,
  InterfaceEndpoint,
  RegionLoadResult,
  SecurityGroupSummary,
  SubnetSummary,
  VpcDnsAttributes,
  VpcNode as VpcModel,
} from '../../aws/types';
import { ErrorNode, ExplorerNode, MessageNode } from '../explorerNode';
import { endpointStateIcon, endpointStateLabel, shortServiceName } from './endpointPresentation';
import { Commands } from '../../commands/commandIds';

/** What the nodes need from the provider: live AWS reads and the watch list. */
export interface AwsNodeContext {
  profile: string;
  isWatched(endpointId: string): boolean;
  dnsAttributes(region: string, vpcId: string): Promise<VpcDnsAttributes>;
  subnets(region: string, vpcId: string): Promise<SubnetSummary[]>;
  securityGroups(region: string, vpcId: string): Promise<SecurityGroupSummary[]>;
  errorNode(id: string, error: ClassifiedAwsError): ErrorNode;
}

export interface VpcPayload {
  kind: 'vpc';
  profile: string;
  region: string;
  vpcId: string;
  cidrBlock: string;
  name?: string;
}

export interface EndpointPayload {
  kind: 'endpoint';
  profile: string;
  region: string;
  endpoint: InterfaceEndpoint;
}

export class ProfileNode implements ExplorerNode {
  readonly id: string;
  readonly payload: { kind: 'profile'; profile: string; id: string };

  constructor(
    private readonly profile: AwsProfile | { name: string; kind: 'unknown' },
    private readonly identity: CallerIdentity | undefined,
    private readonly regions: ExplorerNode[],
  ) {
    this.id = `profile/${profile.name}`;
    this.payload = { kind: 'profile', profile: profile.name, id: identity?.account ?? profile.name };
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.profile.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = this.identity ? `account ${this.identity.account}` : undefined;
    item.iconPath = new vscode.ThemeIcon('account');
    item.contextValue = 'profile';
    item.tooltip = new vscode.MarkdownString()
      .appendMarkdown(`**AWS profile** \`${this.profile.name}\` (${this.profile.kind})`)
      .appendMarkdown(this.identity ? `\n\nAccount \`${this.identity.account}\`\n\n\`${this.identity.arn}\`` : '');
    return item;
  }

  getChildren(): ExplorerNode[] {
    return this.regions;
  }
}

export class RegionNode implements ExplorerNode {
  readonly id: string;

  constructor(private readonly result: RegionLoadResult, private readonly ctx: AwsNodeContext) {
    this.id = `region/${ctx.profile}/${result.region}`;
  }

  readonly payload = undefined;

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.result.region, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = 'region';
    item.description = this.result.ok ? plural(this.result.contents.vpcs.length, 'VPC') : 'failed to load';
    return item;
  }

  getChildren(): ExplorerNode[] {
    const r = this.result;
    if (!r.ok) return [this.ctx.errorNode(`${this.id}/error`, r.error)];
    if (!r.contents.vpcs.length) return [new MessageNode(`${this.id}/empty`, 'No VPCs in this region')];
    return r.contents.vpcs.map((v) => new VpcTreeNode(r.region, v, this.ctx));
  }
}

export class VpcTreeNode implements ExplorerNode {
  readonly id: string;
  readonly payload: VpcPayload;
  /** Known once the VPC has been expanded (one DescribeVpcAttribute pair, not per refresh). */
  private dns: VpcDnsAttributes | undefined;

  constructor(private readonly region: string, readonly model: VpcModel, private readonly ctx: AwsNodeContext) {
    this.id = `vpc/${ctx.profile}/${region}/${model.vpc.id}`;
    this.payload = { kind: 'vpc', profile: ctx.profile, region, vpcId: model.vpc.id, cidrBlock: model.vpc.cidrBlock, name: model.vpc.name };
  }

  private get dnsOff(): boolean {
    return !!this.dns && !(this.dns.enableDnsSupport && this.dns.enableDnsHostnames);
  }

  toTreeItem(): vscode.TreeItem {
    const { vpc, endpoints } = this.model;
    const item = new vscode.TreeItem(vpc.name ?? vpc.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = [vpc.name ? vpc.id : undefined, vpc.cidrBlock, vpc.isDefault ? 'default' : undefined, plural(endpoints.length, 'endpoint')]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = this.dnsOff ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon('cloud');
    item.contextValue = this.dnsOff ? 'vpc:dnsOff' : 'vpc';
    const tooltip = new vscode.MarkdownString()
      .appendMarkdown(`**VPC** \`${vpc.id}\`${vpc.isDefault ? ' (default)' : ''}\n\n`)
      .appendMarkdown(`CIDR: ${vpc.cidrBlocks.join(', ')}\n\n`);
    if (this.dns) {
      tooltip.appendMarkdown(`DNS support: ${onOff(this.dns.enableDnsSupport)} · DNS hostnames: ${onOff(this.dns.enableDnsHostnames)}`);
      if (this.dnsOff) tooltip.appendMarkdown('\n\n$(warning) Private DNS for an endpoint needs both.');
    }
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    const nodes: ExplorerNode[] = [];
    try {
      this.dns = await this.ctx.dnsAttributes(this.region, this.model.vpc.id);
      if (this.dnsOff) {
        nodes.push(
          new MessageNode(`${this.id}/dnsOff`, 'Private DNS needs DNS support and DNS hostnames on: turn them on', 'warning', {
            title: 'Turn on VPC DNS attributes',
            command: Commands.enableVpcDns,
            arguments: [this],
          }),
        );
      }
    } catch {
      // The attributes are a hint; the endpoints below still matter when they cannot be read.
    }
    nodes.push(...this.model.endpoints.map((e) => new EndpointNode(this.region, e, this.ctx)));
    if (!this.model.endpoints.length) {
      nodes.push(
        new MessageNode(`${this.id}/none`, 'No interface endpoints — create one', 'add', {
          title: 'Create endpoint',
          command: Commands.createEndpoint,
          arguments: [this],
        }),
      );
    }
    nodes.push(new VpcFolderNode(SUBNETS_FOLDER, this.region, this.model.vpc.id, this.ctx), new VpcFolderNode(SECURITY_GROUPS_FOLDER, this.region, this.model.vpc.id, this.ctx));
    return nodes;
  }
}

export class EndpointNode implements ExplorerNode {
  readonly id: string;
  readonly payload: EndpointPayload;

  constructor(region: string, readonly endpoint: InterfaceEndpoint, private readonly ctx: AwsNodeContext) {
    this.id = `endpoint/${ctx.profile}/${region}/${endpoint.id}`;
    this.payload = { kind: 'endpoint', profile: ctx.profile, region, endpoint };
  }

  toTreeItem(): vscode.TreeItem {
    const e = this.endpoint;
    const item = new vscode.TreeItem(e.name ?? e.id, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${endpointStateLabel(e.state)} · ${shortServiceName(e.serviceName)} · private DNS ${onOff(e.privateDnsEnabled)}`;
    item.iconPath = endpointStateIcon(e.state);
    item.contextValue = `endpoint:${e.state}:${this.ctx.isWatched(e.id) ? 'watched' : 'unwatched'}`;
    item.tooltip = endpointTooltip(e);
    item.accessibilityInformation = { label: `Endpoint ${e.name ?? e.id}, ${endpointStateLabel(e.state)}` };
    return item;
  }
}

export function endpointTooltip(e: InterfaceEndpoint): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**Interface endpoint** \`${e.id}\`\n\n`);
  md.appendMarkdown(`State: **${endpointStateLabel(e.state)}**${e.lastError?.message ? ` — ${escape(e.lastError.message)}` : ''}\n\n`);
  md.appendMarkdown(`Service: \`${e.serviceName}\`\n\nVPC: \`${e.vpcId}\`\n\nPrivate DNS: ${onOff(e.privateDnsEnabled)}\n\n`);
  md.appendMarkdown(`Subnets: ${e.subnetIds.map((s) => `\`${s}\``).join(', ') || 'none'}\n\n`);
  md.appendMarkdown(`Security groups: ${e.securityGroups.map((g) => `\`${g.id}\`${g.name ? ` (${escape(g.name)})` : ''}`).join(', ') || 'none'}`);
  return md;
}

/** A VPC's folder (subnets, security groups): one node kind, told what it lists. */
interface VpcFolder {
  kind: 'subnets' | 'securityGroups';
  label: string;
  icon: string;
  children(ctx: AwsNodeContext, region: string, vpcId: string): Promise<ExplorerNode[]>;
}

const SUBNETS_FOLDER: VpcFolder = {
  kind: 'subnets',
  label: 'Subnets',
  icon: 'symbol-namespace',
  async children(ctx, region, vpcId) {
    const subnets = await ctx.subnets(region, vpcId);
    return subnets
      .sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone))
      .map((s) => new LeafNode(`subnet/${region}/${s.id}`, s.name ?? s.id, `${s.availabilityZone} · ${s.cidrBlock}`, 'symbol-field', 'subnet', {
        kind: 'subnet', region, id: s.id,
      }));
  },
};

const SECURITY_GROUPS_FOLDER: VpcFolder = {
  kind: 'securityGroups',
  label: 'Security groups',
  icon: 'shield',
  async children(ctx, region, vpcId) {
    const groups = await ctx.securityGroups(region, vpcId);
    return groups.map((g) => {
      const ports = g.ingress.map((r) => (r.protocol === 'all' ? 'all' : r.fromPort === r.toPort ? `${r.protocol}/${r.fromPort}` : `${r.protocol}/${r.fromPort}-${r.toPort}`));
      return new LeafNode(`sg/${region}/${g.id}`, g.name, `${g.id}${ports.length ? ` · in: ${[...new Set(ports)].join(', ')}` : ''}`, 'shield', 'securityGroup', {
        kind: 'securityGroup', region, id: g.id,
      });
    });
  },
};

class VpcFolderNode implements ExplorerNode {
  readonly id: string;
  readonly payload = undefined;

  constructor(private readonly folder: VpcFolder, private readonly region: string, private readonly vpcId: string, private readonly ctx: AwsNodeContext) {
    this.id = `${folder.kind}/${ctx.profile}/${region}/${vpcId}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.folder.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.folder.icon);
    item.contextValue = this.folder.kind;
    return item;
  }

  getChildren(): Promise<ExplorerNode[]> {
    return this.folder.children(this.ctx, this.region, this.vpcId);
  }
}

class LeafNode implements ExplorerNode {
  constructor(
    readonly id: string,
    private readonly label: string,
    private readonly description: string,
    private readonly icon: string,
    private readonly contextValue: string,
    readonly payload: unknown,
  ) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.description;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = this.contextValue;
    return item;
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function onOff(value: boolean): string {
  return value ? 'on' : 'off';
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>]/g, '\\$&');
}
