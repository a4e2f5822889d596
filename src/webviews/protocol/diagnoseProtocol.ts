// The messages between the Diagnose results panel and its host, both ways. The page starts with
// `ready`; the host answers with the whole view (`state`), and sends it again whenever it changes
// (a check finished, a fix applied), so a panel that was hidden and reloaded gets everything back.
// Requests carry a `requestId` that the host's `actionDone` repeats. Types only (and constants):
// the extension bundle and the browser bundle both import this file.
import type { CheckId, CheckStatus } from '../../diagnose/diagnoseTypes';
import type { ActionDoneMessage, ReadyMessage, RejectedMessage } from './sharedMessages';

export const DIAGNOSE_VIEW_TYPE = 'planetscalePrivateLink.diagnose';

export const CHECK_IDS: readonly CheckId[] = ['endpointState', 'vpcDns', 'securityGroups', 'networkAcls', 'dnsAnswers', 'connectivity', 'reachabilityAnalyzer'];

export interface FixView {
  description: string;
  /** The exact AWS CLI command(s), one per line. */
  cliCommand: string;
  /** True when the extension can make the change itself (after a confirmation). */
  applicable: boolean;
  /** What applying it changes, one line each (shown before the confirmation). */
  changes: string[];
}

export interface CheckView {
  id: CheckId;
  title: string;
  status: CheckStatus;
  summary: string;
  evidence: string[];
  fix?: FixView;
}

export interface TargetView {
  endpointId: string;
  region: string;
  profile: string;
  vpcId?: string;
  /** `<org>/<db>/<branch>` when the diagnosis is for a branch. */
  branch?: string;
  privateHost?: string;
}

export type RunPhase = 'running' | 'done' | 'cancelled' | 'error';

export const RUN_PHASES: readonly RunPhase[] = ['running', 'done', 'cancelled', 'error'];

/**
 * Why the results shown no longer describe the endpoint: the window reloaded since (the panel came
 * back from its saved state), or the endpoint changed state or was deleted after they were taken.
 */
export type StaleView = { reason: 'reload' } | { reason: 'stateChanged'; state: string } | { reason: 'deleted' };

/** Everything the panel shows. Ids, rules, states and commands only: never a password or token. */
export interface DiagnoseView {
  target: TargetView;
  /** The client the rules were evaluated for, one line per group or CIDR. */
  client: string[];
  /** Where DNS and connections are measured: "this machine …" or "as seen from i-… (name) in subnet-… …". */
  vantage: string;
  phase: RunPhase;
  /** Checks so far, in the runner's order (streamed while running). */
  checks: CheckView[];
  overall?: CheckStatus;
  startedAt?: string;
  durationMs?: number;
  /** Whether a password was given (else login and query were not tried). */
  loginChecked: boolean;
  /** The check whose fix is being applied. */
  applying?: CheckId;
  /** Set when the run itself failed (not a check): plain words, already redacted. */
  error?: string;
  /** A short status line, e.g. "Applied: sg-…: allowed inbound tcp 6432 from sg-…". */
  notice?: string;
  /** Set once these results are out of date (the page shows a banner with Re-run). */
  stale?: StaleView;
}

// ---------------------------------------------------------------------------------------------
// Webview → host

export type PanelAction = 'rerun' | 'cancel' | 'copyReport' | 'changeClient' | 'changeInputs' | 'runReachability' | 'showLog';

export type DiagnoseWebviewMessage =
  | ReadyMessage
  /** Toolbar actions: run again, stop, copy the redacted report, change the client (or any input: measure from, client, login), opt into Reachability Analyzer, open the log. */
  | { type: 'action'; requestId: number; action: PanelAction }
  /** Copy one check's CLI command (the host copies its own text, not the page's). */
  | { type: 'copyFix'; requestId: number; checkId: CheckId }
  /** Apply one check's fix after the host's modal confirmation, then diagnose again. */
  | { type: 'applyFix'; requestId: number; checkId: CheckId };

export type DiagnoseWebviewMessageType = DiagnoseWebviewMessage['type'];

// ---------------------------------------------------------------------------------------------
// Host → webview

export type DiagnoseHostMessage =
  | { type: 'state'; state: DiagnoseView }
  | ActionDoneMessage
  /** The host refused a message (unknown type, wrong field types, no such fix). */
  | RejectedMessage;
