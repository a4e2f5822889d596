// Ticks the walkthrough's steps from what really happened — a profile in use (chosen, or already
// configured), a token present, an endpoint created and available, a verified .env written, a
// diagnosis run — through context keys that the steps' `onContext:` completion events read. The
// keys are set at activation from the state as it is, and again whenever that state changes.
//
// Why two pulse keys besides each fact: VS Code's walkthrough service is created lazily (when a
// walkthrough is first shown) and, for an `onContext:` event whose expression is already true as
// it registers the steps, it only notes the event as "seen this session" without ticking the
// step, and a seen event never ticks later. So each step also completes on "fact && pulse": the
// pulse keys are false except for a moment after each refresh and after an editor tab opens (the
// walkthrough is an editor), so the expression is false at registration and turns true right
// after, which ticks the step. Two pulses one after the other, in case a registration falls
// inside the first one.
import * as vscode from 'vscode';
import type { AwsSession } from './awsSession';
import type { EndpointWatcher } from './endpointWatcher';
import type { ExtensionServices } from './extensionServices';
import { readWatchedEndpoints } from './watchedEndpointIds';
import { WALKTHROUGH_CONTEXT, WALKTHROUGH_PULSES, type WalkthroughFact, type WalkthroughFacts } from './walkthroughKeys';

export { WALKTHROUGH_CONTEXT, type WalkthroughFacts } from './walkthroughKeys';

type Watcher = Pick<EndpointWatcher, 'onDidChange' | 'statuses' | 'entries'>;

export class WalkthroughProgress implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private current: WalkthroughFacts | undefined;
  private running: Promise<void> = Promise.resolve();
  /**
   * The two facts that cost I/O (the AWS config files, secret storage), read again only after the
   * events that can change them: the watcher and the store fire on every poll and write.
   */
  private profileFact: Promise<boolean> | undefined;
  private tokenFact: Promise<boolean> | undefined;

  constructor(private readonly services: ExtensionServices, private readonly watcher: Watcher) {
    const profileChanged = () => {
      this.profileFact = undefined;
      void this.refresh();
    };
    this.subscriptions = [
      services.aws.onDidChange(profileChanged),
      services.planetscale.onDidChange(() => {
        this.tokenFact = undefined;
        void this.refresh();
      }),
      watcher.onDidChange(() => void this.refresh()),
      services.store.onDidSet((k) => {
        if (k === 'managedEnvKeys' || k === 'diagnosisRun' || k === 'createdEndpoints' || k === 'watchedEndpoints') void this.refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('planetscalePrivateLink.aws')) profileChanged();
      }),
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        if (e.opened.length) this.running = this.running.then(() => this.pulse());
      }),
    ];
  }

  /** The facts as last given to the context keys (undefined before the first refresh). */
  facts(): WalkthroughFacts | undefined {
    return this.current && { ...this.current };
  }

  /** Sets every step's key from the state as it is now; refreshes run one after the other. */
  refresh(): Promise<void> {
    this.running = this.running.then(() => this.apply()).catch((err: unknown) => {
      this.services.log.warn(`Walkthrough progress: ${err instanceof Error ? err.message : String(err)}`);
    });
    return this.running;
  }

  private async apply(): Promise<void> {
    const store = this.services.store;
    const facts: WalkthroughFacts = {
      profileReady: await (this.profileFact ??= profileReady(this.services.aws)),
      tokenStored: await (this.tokenFact ??= this.services.planetscale.tokens.get().then((t) => t !== undefined, () => false)),
      endpointCreated: readWatchedEndpoints(store).length > 0,
      endpointAvailable: this.watcher.statuses().some((s) => s.state === 'available') || this.watcher.entries().some((e) => e.lastState === 'available'),
      envWritten: Object.values(store.get('managedEnvKeys') ?? {}).some((keys) => keys.length > 0),
      diagnosed: store.get('diagnosisRun') === true,
    };
    const changed = !this.current || (Object.keys(facts) as WalkthroughFact[]).some((f) => facts[f] !== this.current![f]);
    for (const fact of Object.keys(facts) as WalkthroughFact[]) {
      if (!this.current || this.current[fact] !== facts[fact]) await setContext(WALKTHROUGH_CONTEXT[fact], facts[fact]);
    }
    this.current = facts;
    if (changed) await this.pulse();
  }

  private async pulse(): Promise<void> {
    for (const key of WALKTHROUGH_PULSES) {
      await setContext(key, true);
      await setContext(key, false);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

function setContext(key: string, value: boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
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
