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

/** A state change of one polled endpoint (watched or followed), between two polls of this session. */
export interface EndpointStateChange {
  endpointId: string;
  from: WatchState;
  to: WatchState;
}

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
  private readonly stateChanged = new vscode.EventEmitter<EndpointStateChange>();
  /** Each change of state seen by a poll (not a describe error), so open results can mark themselves stale. */
  readonly onDidChangeEndpointState = this.stateChanged.event;
  /** Endpoints polled for someone (a Diagnose panel) without being on the watch list: memory only. */
  private readonly followed = new Map<string, { entry: WatchedEndpoint; holders: number }>();
  private readonly scheduler: PollScheduler;
  private statusById = new Map<string, EndpointStatus>();
  /** The last state a poll of this session read for each endpoint (a failed describe keeps it). */
  private readonly lastKnown = new Map<string, WatchState>();
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
    if (!this.followed.has(endpointId)) this.lastKnown.delete(endpointId);
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

  /** Polls `entry` with the watched ones (no notification, nothing saved) until the result is disposed. */
  follow(entry: WatchedEndpoint): vscode.Disposable {
    const id = entry.endpointId;
    this.followed.set(id, { entry, holders: (this.followed.get(id)?.holders ?? 0) + 1 });
    if (!this.statusById.has(id)) this.pollSoon(1000);
    return new vscode.Disposable(() => {
      const held = this.followed.get(id);
      if (!held) return;
      if (held.holders > 1) this.followed.set(id, { ...held, holders: held.holders - 1 });
      else {
        this.followed.delete(id);
        if (!this.isWatched(id)) {
          this.statusById.delete(id);
          this.lastKnown.delete(id);
        }
      }
    });
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

  /** The watch list, then the followed endpoints that are not on it. */
  private pollTargets(): WatchedEndpoint[] {
    const watched = this.entries();
    const ids = new Set(watched.map((e) => e.endpointId));
    return [...watched, ...[...this.followed.values()].map((f) => f.entry).filter((e) => !ids.has(e.endpointId))];
  }

  private pollSoon(delayMs: number): void {
    this.clearTimer();
    if (!this.pollTargets().length || !this.focused) return;
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
    const targets = this.pollTargets();
    if (!targets.length) return;
    const entries = this.entries();
    const core = this.services.core.get();
    const polled = await pollWatched(
      targets,
      (profile, region, ids) => core.describeEndpoints(this.services.aws.clients(profile, region).ec2, ids),
      (err) => this.services.redact(classifyAwsError(err).message),
    );
    // Before the first poll of this session, the last saved state stands in (a new endpoint: pending).
    const previous = new Map(entries.map((e) => [e.endpointId, this.statusById.get(e.endpointId)?.state ?? ((e.lastState as WatchState | undefined) ?? 'pending')]));
    const changes = stateChanges(this.lastKnown, polled);
    for (const s of polled) if (s.state !== 'error') this.lastKnown.set(s.entry.endpointId, s.state);
    this.statusById = new Map(polled.map((s) => [s.entry.endpointId, s]));
    // Only the watch list notifies and is saved; followed endpoints just report their changes.
    const watchedIds = new Set(entries.map((e) => e.endpointId));
    const statuses = polled.filter((s) => watchedIds.has(s.entry.endpointId));
    for (const s of statuses) {
      if (s.state === 'error' && previous.get(s.entry.endpointId) !== 'error') this.services.log.warn(`Endpoint ${s.entry.endpointId}: ${s.reason}`);
    }
    this.changed.fire();
    for (const change of changes) this.stateChanged.fire(change);
    for (const t of detectTransitions(previous, statuses)) void this.notify(t);
    await this.saveLastStates(statuses);
    const delay = this.scheduler.nextDelayMs({ watched: targets.length, anyUnsettled: polled.some((s) => isUnsettled(s.state)), focused: this.focused });
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
    this.stateChanged.dispose();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

/** What changed since the last state read in this session; a failed describe is no change of state. */
function stateChanges(before: ReadonlyMap<string, WatchState>, after: readonly EndpointStatus[]): EndpointStateChange[] {
  const changes: EndpointStateChange[] = [];
  for (const s of after) {
    const from = before.get(s.entry.endpointId);
    if (from && from !== s.state && s.state !== 'error') changes.push({ endpointId: s.entry.endpointId, from, to: s.state });
  }
  return changes;
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
