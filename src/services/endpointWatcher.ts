import * as vscode from 'vscode';
import { classifyAwsError } from '../aws/awsErrors';
import { EndpointStatus, Transition, WatchState, detectTransitions, isUnsettled } from '../aws/watch/endpointStatusModel';
import { PollIntervals, PollScheduler } from '../aws/watch/pollScheduler';
import { pollWatched } from '../aws/watch/watchPoll';
import type { WatchedEndpoint } from '../aws/watch/watchedEndpoint';
import { availableEvent } from './announcements';
import type { ExtensionServices } from './extensionServices';
import { affects, readSettings } from './settings';
import { WATCHED_LISTS, readWatchedEndpoints } from './watchedEndpointIds';
import type { WorkspaceStore } from './workspaceStore';
import { Commands } from '../commands/commandIds';

/**
 * Follows the endpoints this workspace uses: one batched describe per profile and region, on the
 * scheduler's rhythm; notifies on transitions only. State lives in workspace state, so a window
 * reload resumes watching (and following a deletion).
 */
export class EndpointWatcher implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly transitioned = new vscode.EventEmitter<Transition>();
  /** Each transition that raised a notification (tests count them). */
  readonly onDidNotify = this.transitioned.event;
  private readonly scheduler: PollScheduler;
  private statusById = new Map<string, EndpointStatus>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private focused: boolean;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly services: ExtensionServices, intervals?: PollIntervals) {
    this.scheduler = new PollScheduler(intervals ?? intervalsFromSettings());
    this.focused = vscode.window.state.focused;
    this.subscriptions.push(
      vscode.window.onDidChangeWindowState((s) => {
        const wasFocused = this.focused;
        this.focused = s.focused;
        if (s.focused && !wasFocused) this.pollSoon(0);
        else if (!s.focused) this.clearTimer();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!intervals && affects(e, 'polling')) this.scheduler.setIntervals(intervalsFromSettings());
      }),
    );
    // Not at activation itself: the first poll loads the AWS SDK bundle.
    if (this.entries().length) this.pollSoon(1000);
  }

  entries(): WatchedEndpoint[] {
    return readWatchedEndpoints(this.state);
  }

  statuses(): EndpointStatus[] {
    return this.entries().map((entry) => this.statusById.get(entry.endpointId) ?? { entry, state: 'pending' as WatchState, reason: 'not checked yet' });
  }

  isWatched(endpointId: string): boolean {
    return this.entries().some((e) => e.endpointId === endpointId);
  }

  async watch(entry: WatchedEndpoint): Promise<void> {
    await this.update('watchedEndpoints', (list) => [...list.filter((e) => e.endpointId !== entry.endpointId), entry]);
    this.scheduler.reset();
    this.pollSoon(0);
  }

  async unwatch(endpointId: string): Promise<void> {
    await this.update('watchedEndpoints', (list) => list.filter((e) => e.endpointId !== endpointId));
    await this.update('createdEndpoints', (list) => list.filter((e) => e.endpointId !== endpointId));
    this.statusById.delete(endpointId);
    this.changed.fire();
    if (!this.entries().length) this.clearTimer();
  }

  async markDeleting(endpointId: string): Promise<void> {
    for (const key of WATCHED_LISTS) {
      await this.update(key, (list) => list.map((e) => (e.endpointId === endpointId ? { ...e, deleting: true } : e)));
    }
    this.scheduler.reset();
    this.pollSoon(0);
  }

  /** Polls now (refresh button, focus regained) and waits for the result. */
  async refreshNow(): Promise<void> {
    this.clearTimer();
    await this.poll();
  }

  private get state(): WorkspaceStore {
    return this.services.store;
  }

  private async update(key: (typeof WATCHED_LISTS)[number], change: (list: WatchedEndpoint[]) => WatchedEndpoint[]): Promise<void> {
    await this.state.change(key, (list) => change(list ?? []));
    this.changed.fire();
  }

  private pollSoon(delayMs: number): void {
    this.clearTimer();
    if (!this.entries().length || !this.focused) return;
    this.timer = setTimeout(() => void this.poll(), delayMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const entries = this.entries();
    if (!entries.length) return;
    const core = this.services.core.get();
    const statuses = await pollWatched(
      entries,
      (profile, region, ids) => core.describeEndpoints(this.services.aws.clients(profile, region).ec2, ids),
      (err) => this.services.redact(classifyAwsError(err).message),
    );
    // Before the first poll of this session, the last saved state stands in (a new endpoint: pending).
    const previous = new Map(entries.map((e) => [e.endpointId, this.statusById.get(e.endpointId)?.state ?? ((e.lastState as WatchState | undefined) ?? 'pending')]));
    this.statusById = new Map(statuses.map((s) => [s.entry.endpointId, s]));
    for (const s of statuses) {
      if (s.state === 'error' && previous.get(s.entry.endpointId) !== 'error') this.services.log.warn(`Endpoint ${s.entry.endpointId}: ${s.reason}`);
    }
    this.changed.fire();
    for (const t of detectTransitions(previous, statuses)) void this.notify(t);
    await this.saveLastStates(statuses);
    const delay = this.scheduler.nextDelayMs({ watched: entries.length, anyUnsettled: statuses.some((s) => isUnsettled(s.state)), focused: this.focused });
    if (delay !== undefined) this.pollSoon(delay);
  }

  private async saveLastStates(statuses: EndpointStatus[]): Promise<void> {
    const seen = new Map(statuses.filter((s) => s.state !== 'error').map((s) => [s.entry.endpointId, s.state]));
    for (const key of WATCHED_LISTS) {
      const list = this.state.get(key) ?? [];
      if (list.some((e) => seen.has(e.endpointId) && e.lastState !== seen.get(e.endpointId))) {
        await this.state.set(key, list.map((e) => (seen.has(e.endpointId) ? { ...e, lastState: seen.get(e.endpointId) } : e)));
      }
    }
  }

  private async notify(t: Transition): Promise<void> {
    this.transitioned.fire(t);
    const id = t.entry.endpointId;
    if (t.kind === 'deletedAsAsked') {
      await this.unwatch(id);
      this.services.log.info(`Endpoint ${id} is deleted.`);
      return;
    }
    if (t.kind === 'becameAvailable') {
      this.services.log.info(`Endpoint ${id} is available.`);
      if (!this.services.announcements.claim(availableEvent(id))) return;
      const pick = await vscode.window.showInformationMessage(`PrivateLink endpoint ${id} is available.`, 'Write .env');
      if (pick) await vscode.commands.executeCommand(Commands.writeConnectionString, entryArgument(t.entry));
      return;
    }
    this.services.log.warn(`Endpoint ${id} went from ${t.from} to ${t.to}.`);
    this.services.announcements.release(availableEvent(id));
    const pick = await vscode.window.showWarningMessage(`PrivateLink endpoint ${id} is ${t.to === 'missing' ? 'gone' : t.to}.`, 'Diagnose');
    if (pick) await vscode.commands.executeCommand(Commands.diagnose, { payload: { kind: 'watched', entry: t.entry } });
  }

  dispose(): void {
    this.clearTimer();
    this.changed.dispose();
    this.transitioned.dispose();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

/** A command argument for the branch a watched endpoint was created for, when known. */
export function entryArgument(entry: WatchedEndpoint): unknown {
  return entry.branch
    ? { payload: { kind: 'branch', ...entry.branch, production: false, serviceName: entry.serviceName, privateHost: entry.privateHost, region: entry.region } }
    : undefined;
}

function intervalsFromSettings(): PollIntervals {
  const s = readSettings();
  return { pendingSeconds: s.pollPendingSeconds, maxPendingSeconds: s.pollMaxPendingSeconds, stableSeconds: s.pollStableSeconds };
}
