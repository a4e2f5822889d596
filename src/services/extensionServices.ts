import type * as vscode from 'vscode';
import type { CommandRunner } from '../commands/commandRunner';
import type { LazyCore } from '../lazyCore';
import type { Announcements } from './announcements';
import type { AwsSession } from './awsSession';
import type { PlanetScaleSession } from './planetscaleSession';
import type { SecretRedactor } from './secretRedactor';
import type { WorkspaceSettingsConsent } from './workspaceSettingsConsent';
import type { VantageMemory } from './vantageMemory';
import type { WorkspaceStore } from './workspaceStore';

/** What every feature module receives from activate(): built once, passed down, never global. */
export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  /** The only reader and writer of workspace state (typed keys, validated on read). */
  readonly store: WorkspaceStore;
  readonly log: vscode.LogOutputChannel;
  readonly runner: CommandRunner;
  readonly core: LazyCore;
  readonly aws: AwsSession;
  readonly planetscale: PlanetScaleSession;
  /** Masks secrets (tokens, passwords, keys) in any text bound for a log or message. */
  readonly redact: (text: string) => string;
  /** Register secrets (passwords, tokens) met at run time so they are masked everywhere. */
  readonly redactor: SecretRedactor;
  /** Keeps one event to one notification when two paths observe it. */
  readonly announcements: Announcements;
  /** The user's answers on workspace settings that redirect credentials; pass it to readSettings. */
  readonly settingsConsent: WorkspaceSettingsConsent;
  /** Verifications from instances inside a VPC: chosen instance per VPC, last proof per endpoint. */
  readonly vantage: VantageMemory;
}
