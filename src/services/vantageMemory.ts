// What the extension remembers about verifying from inside a VPC, per workspace: the instance
// chosen for each VPC (changeable), whether the user has seen the probe script, and the last
// verification of each endpoint (shown as "verified from i-… 2 min ago").
import * as vscode from 'vscode';

const INSTANCE_BY_VPC = 'planetscalePrivateLink.vantage.instanceByVpc';
const SCRIPT_SEEN = 'planetscalePrivateLink.vantage.scriptSeen';
const LAST_VERIFIED = 'planetscalePrivateLink.vantage.lastVerified';

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

  constructor(private readonly state: vscode.Memento) {}

  dispose(): void {
    this.recorded.dispose();
  }

  instanceFor(vpcId: string): string | undefined {
    return this.state.get<Record<string, string>>(INSTANCE_BY_VPC)?.[vpcId];
  }

  async rememberInstance(vpcId: string, instanceId: string): Promise<void> {
    await this.state.update(INSTANCE_BY_VPC, { ...this.state.get<Record<string, string>>(INSTANCE_BY_VPC), [vpcId]: instanceId });
  }

  scriptSeen(): boolean {
    return this.state.get<boolean>(SCRIPT_SEEN) === true;
  }

  async markScriptSeen(): Promise<void> {
    await this.state.update(SCRIPT_SEEN, true);
  }

  lastVerification(endpointId: string): LastVerification | undefined {
    return this.state.get<Record<string, LastVerification>>(LAST_VERIFIED)?.[endpointId];
  }

  async recordVerification(endpointId: string, verification: LastVerification): Promise<void> {
    await this.state.update(LAST_VERIFIED, { ...this.state.get<Record<string, LastVerification>>(LAST_VERIFIED), [endpointId]: verification });
    this.recorded.fire(endpointId);
  }
}

/** "verified from i-0ab12… 2 min ago" (or "path not proven from …"). */
export function describeLastVerification(last: LastVerification, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(last.at)) / 60_000));
  const when = minutes === 0 ? 'just now' : minutes < 60 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
  return `${last.pathProven ? 'verified' : 'not proven'} from ${last.instanceId} ${when}`;
}
