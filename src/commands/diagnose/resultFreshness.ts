// Whether the results on screen still describe the endpoint they checked. While results are shown,
// their endpoint is followed by the endpoint watcher (polled with the watched ones, in memory only);
// when a poll sees it change state, or vanish, the results are marked stale (the panel says so and
// offers Re-run). Also the two-way mapping between a diagnosis target and the panel's TargetView,
// which is how a panel restored after a window reload names the endpoint to diagnose again.
import type * as vscode from 'vscode';
import type { WatchedEndpoint } from '../../aws/watch/watchedEndpoint';
import type { EndpointStateChange } from '../../services/endpointWatcher';
import type { DiagnoseView, StaleView, TargetView } from '../../webviews/protocol/diagnoseProtocol';
import type { DiagnoseTarget } from './diagnoseTarget';

/** What freshness needs of the endpoint watcher. */
export interface EndpointStateSource {
  follow(entry: WatchedEndpoint): vscode.Disposable;
  readonly onDidChangeEndpointState: vscode.Event<EndpointStateChange>;
}

export class ResultFreshness implements vscode.Disposable {
  private following: vscode.Disposable | undefined;
  private endpointId: string | undefined;
  private readonly subscription: vscode.Disposable | undefined;

  constructor(private readonly source: EndpointStateSource | undefined, private readonly markStale: (stale: StaleView) => void) {
    this.subscription = source?.onDidChangeEndpointState((change) => this.changed(change));
  }

  /** Results for `target` are on screen now: follow its endpoint (and stop following the last one). */
  track(target: DiagnoseTarget): void {
    if (this.endpointId === target.endpointId && this.following) return;
    this.following?.dispose();
    this.endpointId = target.endpointId;
    this.following = this.source?.follow(followedEntry(target));
  }

  private changed(change: EndpointStateChange): void {
    if (change.endpointId !== this.endpointId) return;
    // Once deletion has started the results describe an endpoint that is going away.
    const gone = change.to === 'deleting' || change.to === 'deleted' || change.to === 'missing';
    this.markStale(gone ? { reason: 'deleted' } : { reason: 'stateChanged', state: change.to });
  }

  dispose(): void {
    this.following?.dispose();
    this.following = undefined;
    this.subscription?.dispose();
  }
}

function followedEntry(target: DiagnoseTarget): WatchedEndpoint {
  return {
    endpointId: target.endpointId,
    profile: target.profile,
    region: target.region,
    vpcId: target.vpcId,
    serviceName: target.serviceName ?? '',
    createdAt: new Date().toISOString(),
  };
}

/** The target a restored panel names (its VPC is needed for the rules); undefined without one. */
export function targetOfView(view: TargetView): DiagnoseTarget | undefined {
  if (!view.vpcId) return undefined;
  const [organization, database, branch, ...rest] = (view.branch ?? '').split('/');
  const branchRef = organization && database && branch && !rest.length ? { organization, database, branch } : undefined;
  return {
    endpointId: view.endpointId,
    region: view.region,
    profile: view.profile,
    vpcId: view.vpcId,
    ...(view.privateHost ? { privateHost: view.privateHost } : {}),
    ...(branchRef ? { branch: branchRef } : {}),
  };
}

/** A view saved before a reload, as shown after it: marked stale, no run or fix in progress. */
export function revivedView(view: DiagnoseView): DiagnoseView {
  const restored: DiagnoseView = { ...view, phase: view.phase === 'running' ? 'cancelled' : view.phase, stale: { reason: 'reload' } };
  delete restored.applying;
  delete restored.notice;
  return restored;
}
