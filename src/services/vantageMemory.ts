// What the extension remembers about verifying from inside a VPC, per workspace: the instance
// chosen for each VPC (changeable), whether the user has seen the probe script, and the last
// verification of each endpoint (shown as "verified from i-… 2 min ago").
import * as vscode from 'vscode';
import type { WorkspaceStore } from './workspaceStore';

export interface LastVerification {
  instanceId: string;
  /** ISO time the probe's result came back. */
  at: string;
  pathProven: boolean;
  /** The sentences of what was proven (no secrets: host, IPs, ports, tool). */
  proven: string[];
}

/** One per extension (on ExtensionServices), so the status bar and the trees hear of each new proof. */
export class VantageMemory implements vscode.Disposable {
  private readonly recorded = new vscode.EventEmitter<string>();
  /** Fires with the endpoint id after a verification was recorded. */
  readonly onDidRecord = this.recorded.event;

  constructor(private readonly store: WorkspaceStore) {}

  dispose(): void {
    this.recorded.dispose();
  }

  instanceFor(vpcId: string): string | undefined {
    return this.store.get('vantageInstanceByVpc')?.[vpcId];
  }

  async rememberInstance(vpcId: string, instanceId: string): Promise<void> {
    await this.store.change('vantageInstanceByVpc', (all) => ({ ...all, [vpcId]: instanceId }));
  }

  scriptSeen(): boolean {
    return this.store.get('vantageScriptSeen') === true;
  }

  async markScriptSeen(): Promise<void> {
    await this.store.set('vantageScriptSeen', true);
  }

  lastVerification(endpointId: string): LastVerification | undefined {
    return this.store.get('vantageLastVerified')?.[endpointId];
  }

  async recordVerification(endpointId: string, verification: LastVerification): Promise<void> {
    await this.store.change('vantageLastVerified', (all) => ({ ...all, [endpointId]: verification }));
    this.recorded.fire(endpointId);
  }
}

/** "verified from i-0ab12… 2 min ago" (or "path not proven from …"). */
export function describeLastVerification(last: LastVerification, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(last.at)) / 60_000));
  const when = minutes === 0 ? 'just now' : minutes < 60 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
  return `${last.pathProven ? 'verified' : 'not proven'} from ${last.instanceId} ${when}`;
}
