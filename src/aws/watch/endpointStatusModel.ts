// Pure model of the status bar: the state of each watched endpoint, the worst one, transitions.
import type { EndpointState, InterfaceEndpoint } from '../types';
import type { WatchedEndpoint } from './watchedEndpoint';

/** An endpoint state, or `missing` (EC2 no longer knows the id) or `error` (we could not ask). */
export type WatchState = EndpointState | 'missing' | 'error';

export interface EndpointStatus {
  entry: WatchedEndpoint;
  state: WatchState;
  endpoint?: InterfaceEndpoint;
  /** Why the state is `error` or `unknown`, in plain words (e.g. expired credentials). */
  reason?: string;
  checkedAt?: Date;
}

/** Higher is worse; the status bar shows the worst state of all watched endpoints. */
const SEVERITY: Record<WatchState, number> = {
  available: 0,
  pending: 2,
  deleting: 2,
  pendingAcceptance: 3,
  unknown: 4,
  error: 4,
  deleted: 5,
  missing: 5,
  failed: 6,
  rejected: 6,
  expired: 6,
  partial: 6,
};

export function severity(state: WatchState): number {
  return SEVERITY[state];
}

/** States that change on their own soon, so they are polled often. */
export function isUnsettled(state: WatchState): boolean {
  return state === 'pending' || state === 'pendingAcceptance' || state === 'deleting';
}

export type StatusTone = 'ok' | 'busy' | 'warning' | 'error';

export interface StatusSummary {
  state: WatchState;
  tone: StatusTone;
  /** Codicon name, e.g. `loading~spin`. */
  icon: string;
  text: string;
  rows: StatusRow[];
}

export interface StatusRow {
  endpointId: string;
  vpcId: string;
  serviceName: string;
  zones: string;
  state: WatchState;
  stateLabel: string;
  reason?: string;
  lastChecked?: Date;
}

const LABELS: Record<WatchState, string> = {
  available: 'available',
  pending: 'pending',
  pendingAcceptance: 'pending acceptance',
  deleting: 'deleting',
  deleted: 'deleted',
  missing: 'missing',
  failed: 'failed',
  rejected: 'rejected',
  expired: 'expired',
  partial: 'partial',
  unknown: 'unknown',
  error: 'unknown',
};

const TONE_ICON: Record<WatchState, [StatusTone, string]> = {
  available: ['ok', 'pass'],
  pending: ['busy', 'loading~spin'],
  deleting: ['busy', 'loading~spin'],
  pendingAcceptance: ['warning', 'clock'],
  unknown: ['warning', 'question'],
  error: ['warning', 'question'],
  deleted: ['warning', 'circle-slash'],
  missing: ['warning', 'circle-slash'],
  failed: ['error', 'error'],
  rejected: ['error', 'error'],
  expired: ['error', 'error'],
  partial: ['error', 'error'],
};

export function stateLabel(state: WatchState): string {
  return LABELS[state];
}

/** The worst state wins the item; every endpoint gets a row in the tooltip. */
export function summarize(statuses: readonly EndpointStatus[]): StatusSummary | undefined {
  if (!statuses.length) return undefined;
  const worst = statuses.reduce((a, b) => (severity(b.state) > severity(a.state) ? b : a));
  const [tone, icon] = TONE_ICON[worst.state];
  const count = statuses.length > 1 ? ` (${statuses.length})` : '';
  return {
    state: worst.state,
    tone,
    icon,
    text: `PrivateLink: ${stateLabel(worst.state)}${count}`,
    rows: statuses.map((s) => ({
      endpointId: s.entry.endpointId,
      vpcId: s.entry.vpcId,
      serviceName: s.entry.serviceName,
      zones: zonesOf(s.endpoint),
      state: s.state,
      stateLabel: stateLabel(s.state),
      reason: s.reason,
      lastChecked: s.checkedAt,
    })),
  };
}

/** AZs from the endpoint's zonal DNS names (`vpce-…-us-east-1a.vpce-svc-…`), else its subnets. */
export function zonesOf(endpoint: InterfaceEndpoint | undefined): string {
  if (!endpoint) return '–';
  const zones = [...new Set(endpoint.dnsEntries.map((d) => /^vpce-[0-9a-z]+-[0-9a-z]+-([a-z]{2}(?:-[a-z]+)+-\d[a-z])\./.exec(d.dnsName)?.[1]).filter((z): z is string => !!z))];
  return zones.length ? zones.sort().join(', ') : endpoint.subnetIds.join(', ') || '–';
}

export type TransitionKind = 'becameAvailable' | 'becameBroken' | 'deletedAsAsked';

export interface Transition {
  entry: WatchedEndpoint;
  from: WatchState;
  to: WatchState;
  kind: TransitionKind;
}

const BROKEN: ReadonlySet<WatchState> = new Set(['failed', 'rejected', 'expired', 'deleted', 'missing']);

/**
 * Transitions worth a notification, each reported once: into `available` from an unsettled
 * state, and into a broken state from any other. Errors of polling are never transitions.
 */
export function detectTransitions(previous: ReadonlyMap<string, WatchState>, next: readonly EndpointStatus[]): Transition[] {
  const out: Transition[] = [];
  for (const s of next) {
    const from = previous.get(s.entry.endpointId);
    if (from === undefined || from === s.state || s.state === 'error' || s.state === 'unknown') continue;
    if (s.state === 'available' && isUnsettled(from)) out.push({ entry: s.entry, from, to: s.state, kind: 'becameAvailable' });
    else if (BROKEN.has(s.state) && !BROKEN.has(from)) {
      out.push({ entry: s.entry, from, to: s.state, kind: s.entry.deleting && (s.state === 'deleted' || s.state === 'missing') ? 'deletedAsAsked' : 'becameBroken' });
    }
  }
  return out;
}
