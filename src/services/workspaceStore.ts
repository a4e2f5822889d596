// The one owner of what the extension keeps in VS Code's workspace and global state. Every key is
// declared here once, with the validator that reads it: a value written by an older version (or
// edited by hand) in another shape is dropped, never trusted. Other modules read and write
// through a store; none touches a Memento key directly. The store keeps no copy: the Memento is
// the truth, so every window and test sees the same value.
import type * as vscode from 'vscode';
import { readClientLocation, type ClientLocation } from '../diagnose/clientLocation';
import {
  consentRecord, creationInProgress, lastVerification, listOf, managedEnvKeys, mapOf, stringList, stringValue, trueValue,
  vantageChoice, verifiedPrivatePath, watchedEndpoint, type Validator,
} from './stateShapes';

interface StateKey<T> {
  /** The Memento key; changing it loses what users have stored. */
  readonly name: string;
  readonly read: Validator<T>;
}

const key = <T>(name: string, read: Validator<T>): StateKey<T> => ({ name, read });
const clientLocation: Validator<ClientLocation> = readClientLocation;

/** Workspace state: what this workspace created, watches, verified and was told. */
export const WORKSPACE_KEYS = {
  /** Endpoints created from this workspace (the status bar watches them). */
  createdEndpoints: key('planetscalePrivateLink.createdEndpoints', listOf(watchedEndpoint)),
  /** Endpoints pinned to the status bar. */
  watchedEndpoints: key('planetscalePrivateLink.watchedEndpoints', listOf(watchedEndpoint)),
  /** Runs of Create Endpoint not finished yet (a reload finds them). */
  creationsInProgress: key('planetscalePrivateLink.creationInProgress', listOf(creationInProgress)),
  /** The .env keys the extension wrote, per file URI. */
  managedEnvKeys: key('planetscalePrivateLink.managedEnvKeys', managedEnvKeys),
  verifiedPrivatePaths: key('planetscalePrivateLink.verifiedPrivatePaths', listOf(verifiedPrivatePath)),
  workspaceSettingsConsent: key('planetscalePrivateLink.workspaceSettingsConsent', consentRecord),
  vantageInstanceByVpc: key('planetscalePrivateLink.vantage.instanceByVpc', mapOf(stringValue)),
  vantageScriptSeen: key('planetscalePrivateLink.vantage.scriptSeen', trueValue),
  vantageLastVerified: key('planetscalePrivateLink.vantage.lastVerified', mapOf(lastVerification)),
  /** Diagnose answers: the client's location per region/VPC, Private Host and user per endpoint, analyzer source per region/VPC. */
  diagnoseClientLocations: key('planetscalePrivateLink.diagnose.clientLocations', mapOf(clientLocation)),
  diagnosePrivateHosts: key('planetscalePrivateLink.diagnose.privateHosts', mapOf(stringValue)),
  /** Per endpoint; '' = the user chose to check the network only. */
  diagnoseUsers: key('planetscalePrivateLink.diagnose.users', mapOf(stringValue)),
  /** Per region/VPC: measure from this machine or from the instance remembered in vantageInstanceByVpc. */
  diagnoseVantages: key('planetscalePrivateLink.diagnose.vantages', mapOf(vantageChoice)),
  diagnoseReachabilitySources: key('planetscalePrivateLink.diagnose.reachabilitySources', mapOf(stringValue)),
  /** A diagnosis ran to a result in this workspace (the walkthrough's last step). */
  diagnosisRun: key('planetscalePrivateLink.diagnose.ran', trueValue),
  /** Tree items the user left expanded, per tree (`aws`, `planetscale`), so a reload opens them again. */
  treeExpanded: key('planetscalePrivateLink.treeExpanded', mapOf(stringList)),
};

/** Global state: the AWS profile and regions picked in the explorer (across workspaces). */
export const GLOBAL_KEYS = {
  chosenProfile: key('planetscalePrivateLink.chosenProfile', stringValue),
  chosenRegions: key('planetscalePrivateLink.chosenRegions', stringList),
};

type Schema = Record<string, StateKey<unknown>>;
type ValueOf<K> = K extends StateKey<infer T> ? T : never;
export type StateMemento = Pick<vscode.Memento, 'get' | 'update'>;

export class StateStore<S extends Schema> {
  private readonly listeners = new Set<(k: keyof S) => void>();

  constructor(
    private readonly memento: StateMemento,
    private readonly schema: S,
  ) {}

  /** Called after each `set` of this store (not for changes made by another window). */
  onDidSet(listener: (k: keyof S) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The stored value in today's shape, or undefined (absent, or in a shape not trusted). */
  get<K extends keyof S>(k: K): ValueOf<S[K]> | undefined {
    const entry = this.schema[k];
    return entry.read(this.memento.get<unknown>(entry.name)) as ValueOf<S[K]> | undefined;
  }

  /** Stores the value; undefined removes the key. */
  async set<K extends keyof S>(k: K, value: ValueOf<S[K]> | undefined): Promise<void> {
    await this.memento.update(this.schema[k].name, value);
    for (const listener of [...this.listeners]) listener(k);
  }

  /** Read, change, write: `change` sees the validated value (undefined when absent or dropped). */
  async change<K extends keyof S>(k: K, change: (current: ValueOf<S[K]> | undefined) => ValueOf<S[K]> | undefined): Promise<void> {
    await this.set(k, change(this.get(k)));
  }
}

export type WorkspaceStore = StateStore<typeof WORKSPACE_KEYS>;
export type GlobalStore = StateStore<typeof GLOBAL_KEYS>;

export const workspaceStore = (memento: StateMemento): WorkspaceStore => new StateStore(memento, WORKSPACE_KEYS);
export const globalStore = (memento: StateMemento): GlobalStore => new StateStore(memento, GLOBAL_KEYS);
