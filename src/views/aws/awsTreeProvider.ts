import * as vscode from 'vscode';
import { classifyAwsError } from '../../aws/awsErrors';
import type { ClassifiedAwsError } from '../../aws/awsErrorTypes';
import type { AwsClientOptions, AwsExplorerResult, InterfaceEndpoint, ProfileListing } from '../../aws/types';
import { awsErrorActions } from '../../services/errorDescriptions';
import type { ExtensionServices } from '../../services/extensionServices';
import { ErrorNode, ExplorerNode, NodeTreeProvider } from '../explorerNode';
import { AwsNodeContext, ProfileNode, RegionNode } from './awsNodes';
import { Commands } from '../../commands/commandIds';

export type AwsViewState = 'loading' | 'noProfiles' | 'noProfileChosen' | 'ready' | 'error';

/**
 * The AWS tree: profile → regions → VPCs → endpoints. A refresh loads every region at once
 * (two paginated EC2 calls per region); expanding a VPC adds its DNS attributes on demand.
 */
export class AwsTreeProvider extends NodeTreeProvider {
  private result: Promise<AwsExplorerResult | undefined> | undefined;
  private lastResult: AwsExplorerResult | undefined;
  /** Set by an explicit refresh: bypass the loader's cache once. */
  private forceReload = false;
  private state: AwsViewState | undefined;
  private loader: InstanceType<ReturnType<ExtensionServices['core']['get']>['ExplorerLoader']> | undefined;
  private readonly loaded = new vscode.EventEmitter<AwsExplorerResult>();
  /** Fires after each completed load, e.g. so the PlanetScale tree can link branches to endpoints. */
  readonly onDidLoad = this.loaded.event;

  constructor(private readonly services: ExtensionServices, private readonly isWatched: (endpointId: string) => boolean) {
    super();
  }

  /** Drops cached results and reloads; an older load still in flight is aborted by the loader. */
  refresh(): void {
    this.result = undefined;
    this.forceReload = true;
    this.changed.fire(undefined);
  }

  /** Re-renders without reloading (e.g. the watch list changed). */
  rerender(): void {
    this.changed.fire(undefined);
  }

  /** Endpoints serving a service name, across every loaded region and VPC. */
  endpointsForService(serviceName: string): { region: string; endpoint: InterfaceEndpoint; profile: string }[] {
    const r = this.lastResult;
    if (!r) return [];
    return r.regions.flatMap((region) =>
      region.ok
        ? [...region.contents.vpcs.flatMap((v) => v.endpoints), ...region.contents.orphanEndpoints]
            .filter((e) => e.serviceName === serviceName)
            .map((endpoint) => ({ region: region.region, endpoint, profile: r.profile }))
        : [],
    );
  }

  /** The regions of the latest load (undefined before the first). */
  loadedRegions(): string[] | undefined {
    return this.lastResult?.regions.map((r) => r.region);
  }

  /** Shows an endpoint in the view (expanding its profile, region and VPC); false when not loaded. */
  async revealEndpoint(view: vscode.TreeView<ExplorerNode>, target: { profile: string; region: string; vpcId: string; endpointId: string }): Promise<boolean> {
    const { profile, region, vpcId, endpointId } = target;
    const path = new Set([`profile/${profile}`, `region/${profile}/${region}`, `vpc/${profile}/${region}/${vpcId}`]);
    const node = await this.findNode((n) => n.id === `endpoint/${profile}/${region}/${endpointId}`, (n) => path.has(n.id));
    if (!node) return false;
    await view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  get lastLoad(): AwsExplorerResult | undefined {
    return this.lastResult;
  }

  protected async getRoots(): Promise<ExplorerNode[]> {
    let listing: ProfileListing;
    try {
      listing = await this.services.aws.listProfiles();
    } catch (err) {
      await this.setState('error');
      const classified = classifyAwsError(err);
      return [this.errorNode('profiles/error', classified)];
    }
    if (!listing.profiles.length) {
      await this.setState('noProfiles');
      return [];
    }
    const profileName = this.services.aws.chosenProfile(listing);
    if (!profileName) {
      await this.setState('noProfileChosen');
      return [];
    }
    const profile = listing.profiles.find((p) => p.name === profileName);
    if (!profile) {
      await this.setState('error');
      return [
        new ErrorNode('profile/missing', `Profile "${profileName}" is not in ${listing.configFile} or ${listing.credentialsFile}. Choose another profile.`, {
          title: 'Choose AWS Profile',
          command: Commands.selectAwsProfile,
        }),
      ];
    }
    await this.setState('loading');
    const regions = this.services.aws.chosenRegions(listing, profileName);
    this.result ??= this.load(profileName, regions);
    const result = await this.result;
    if (!result) return [];
    await this.setState('ready');
    const ctx = this.nodeContext(profileName);
    const regionNodes: ExplorerNode[] = result.identityError && result.regions.every((r) => !r.ok)
      ? [ctx.errorNode(`profile/${profileName}/identity`, result.identityError)]
      : result.regions.map((r) => new RegionNode(r, ctx));
    return [new ProfileNode(profile, result.identity, regionNodes)];
  }

  private async load(profile: string, regions: string[]): Promise<AwsExplorerResult | undefined> {
    const core = this.services.core.get();
    this.loader ??= new core.ExplorerLoader((o: AwsClientOptions) => this.services.aws.clients(o.profile, o.region));
    try {
      const request = { profile, regions, endpointUrl: this.services.aws.endpointUrl() };
      const force = this.forceReload;
      this.forceReload = false;
      const result = await (force ? this.loader.refresh(request) : this.loader.load(request));
      this.lastResult = result;
      this.loaded.fire(result);
      for (const r of result.regions) {
        if (!r.ok) this.services.log.warn(`AWS ${r.region}: ${this.services.redact(r.error.message)}`);
      }
      return result;
    } catch (err) {
      if (err instanceof Error && err.name === 'AbortError') return undefined;
      throw err;
    }
  }

  private nodeContext(profile: string): AwsNodeContext {
    const core = () => this.services.core.get();
    const ec2 = (region: string) => this.services.aws.clients(profile, region).ec2;
    return {
      profile,
      isWatched: this.isWatched,
      dnsAttributes: (region, vpcId) => core().getVpcDnsAttributes(ec2(region), vpcId),
      subnets: (region, vpcId) => core().listSubnets(ec2(region), vpcId),
      securityGroups: (region, vpcId) => core().listSecurityGroups(ec2(region), vpcId),
      errorNode: (id, error) => this.errorNode(id, error, profile),
    };
  }

  private errorNode(id: string, error: ClassifiedAwsError, profile?: string): ErrorNode {
    const [action] = awsErrorActions(error, profile);
    const retry = { title: 'Retry', command: Commands.refreshAws };
    const message = this.services.redact(error.message);
    return new ErrorNode(id, message, action ? { title: action.label, command: action.command, args: action.args } : retry, error.kind);
  }

  /** What the view shows: drives the welcome content through a context key. */
  get viewState(): AwsViewState | undefined {
    return this.state;
  }

  private async setState(state: AwsViewState): Promise<void> {
    this.state = state;
    await vscode.commands.executeCommand('setContext', 'planetscalePrivateLink.awsState', state);
  }

  override dispose(): void {
    this.loaded.dispose();
    super.dispose();
  }
}
