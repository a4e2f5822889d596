// Ticks the walkthrough's steps from what has really happened (a profile in use, a token stored,
// an endpoint created and available, a verified .env written, a diagnosis run), not from a command
// merely being started, and at activation for what was already true before the walkthrough opened
// (opening it activates the extension: VS Code adds onWalkthrough:<id> itself).
import * as vscode from 'vscode';
import type { AwsSession } from '../services/awsSession';
import type { EndpointWatcher } from '../services/endpointWatcher';
import type { ExtensionServices } from '../services/extensionServices';
import { readWatchedEndpoints } from '../services/watchedEndpointIds';
import { MANAGED_ENV_KEYS_KEY } from '../services/workspaceStateKeys';

/** The context keys the walkthrough's `completionEvents` (`onContext:`) read, in step order. */
export const WALKTHROUGH_CONTEXT = {
  profileReady: 'planetscalePrivateLink.walkthrough.profileReady',
  tokenStored: 'planetscalePrivateLink.walkthrough.tokenStored',
  endpointCreated: 'planetscalePrivateLink.walkthrough.endpointCreated',
  endpointAvailable: 'planetscalePrivateLink.walkthrough.endpointAvailable',
  envWritten: 'planetscalePrivateLink.walkthrough.envWritten',
  diagnosed: 'planetscalePrivateLink.walkthrough.diagnosed',
} as const;

const DIAGNOSED_KEY = 'planetscalePrivateLink.walkthrough.diagnosed';

export class WalkthroughProgress implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly services: ExtensionServices, private readonly watcher: Pick<EndpointWatcher, 'onDidChange' | 'statuses' | 'entries'>) {
    this.subscriptions = [
      services.aws.onDidChange(() => void this.refresh()),
      services.planetscale.onDidChange(() => void this.refresh()),
      watcher.onDidChange(() => void this.refresh()),
    ];
  }

  /** Sets every step's key from the current state; a step once true stays ticked (VS Code keeps it). */
  async refresh(): Promise<void> {
    const state = this.services.context.workspaceState;
    const watched = readWatchedEndpoints(state);
    const managed = state.get<Record<string, string[]>>(MANAGED_ENV_KEYS_KEY) ?? {};
    const facts: Record<keyof typeof WALKTHROUGH_CONTEXT, boolean> = {
      profileReady: await profileReady(this.services.aws),
      tokenStored: (await this.services.planetscale.tokens.get().catch(() => undefined)) !== undefined,
      endpointCreated: watched.length > 0,
      endpointAvailable: watched.some((e) => e.lastState === 'available') || this.watcher.statuses().some((s) => s.state === 'available'),
      envWritten: Object.values(managed).some((keys) => keys.length > 0),
      diagnosed: state.get<boolean>(DIAGNOSED_KEY) === true,
    };
    for (const [step, key] of Object.entries(WALKTHROUGH_CONTEXT) as Array<[keyof typeof WALKTHROUGH_CONTEXT, string]>) {
      await vscode.commands.executeCommand('setContext', key, facts[step]);
    }
  }

  /** The Write Connection String command's run: once it settles, the written keys say what happened. */
  async afterWrite(run: unknown): Promise<unknown> {
    try {
      return await run;
    } finally {
      await this.refresh();
    }
  }

  /** The Diagnose command's run: a diagnosis that produced a result ticks the step. */
  async afterDiagnose(run: unknown): Promise<unknown> {
    const result = await run;
    if (result) {
      await this.services.context.workspaceState.update(DIAGNOSED_KEY, true);
      await this.refresh();
    }
    return result;
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

async function profileReady(aws: AwsSession): Promise<boolean> {
  try {
    const listing = await aws.listProfiles();
    const chosen = aws.chosenProfile(listing);
    return chosen !== undefined && listing.profiles.some((p) => p.name === chosen);
  } catch {
    // A malformed AWS config is shown in the AWS view; the step simply stays open.
    return false;
  }
}
