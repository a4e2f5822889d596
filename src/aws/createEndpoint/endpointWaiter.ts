// Follows one endpoint's state with backoff until it reaches a target. Every EC2 state is handled
// explicitly (waiters that only know pending/available break on pendingAcceptance or partial), a
// NotFound right after create is retried for a moment (EC2 is eventually consistent), and the
// clock is a parameter so tests and the UI control time.
import type { EC2Client } from '@aws-sdk/client-ec2';
import { classifyAwsError } from '../awsErrors';
import { describeEndpoints } from '../ec2Queries';
import type { EndpointState, InterfaceEndpoint } from '../types';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** `accepted` = the service owner accepted (the endpoint left pendingAcceptance). */
export type WaitTarget = 'available' | 'accepted' | 'deleted';

export interface WaitOptions {
  target: WaitTarget;
  clock?: Clock;
  signal?: AbortSignal;
  /** First delay between checks; grows by `backoff` up to `maxDelayMs`, reset on a state change. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  backoff?: number;
  /** Give up waiting (the endpoint is left as it is) after this long. */
  timeoutMs?: number;
  /** How long a NotFound right after create counts as "not visible yet". */
  notFoundGraceMs?: number;
  /** Consecutive transient errors (network, throttling beyond the SDK's retries) tolerated. */
  maxTransientErrors?: number;
  /** Called when the state changes (and on the first answer). */
  onState?: (state: EndpointState, endpoint: InterfaceEndpoint | undefined, explanation: string) => void;
}

export type WaitResult =
  | { outcome: 'reached'; state: EndpointState; endpoint?: InterfaceEndpoint }
  /** A state from which the target cannot be reached (failed, rejected, deleted …). */
  | { outcome: 'unreachable'; state: EndpointState; endpoint?: InterfaceEndpoint; reason: string }
  | { outcome: 'notFound'; reason: string }
  | { outcome: 'cancelled' | 'timedOut'; state?: EndpointState; endpoint?: InterfaceEndpoint }
  | { outcome: 'error'; error: unknown; state?: EndpointState };

type Verdict = { kind: 'reached' } | { kind: 'wait' } | { kind: 'unreachable'; reason: string };

/** What a state means for a target. Exhaustive over EndpointState, so a new state fails to compile. */
export function judgeState(state: EndpointState, target: WaitTarget): Verdict {
  if (target === 'deleted') {
    // After DeleteVpcEndpoints every state but `deleted` is "not yet".
    return state === 'deleted' ? { kind: 'reached' } : { kind: 'wait' };
  }
  switch (state) {
    case 'available':
      return { kind: 'reached' };
    case 'pending':
      return target === 'accepted' ? { kind: 'reached' } : { kind: 'wait' };
    case 'pendingAcceptance':
      return { kind: 'wait' };
    case 'failed':
      return { kind: 'unreachable', reason: 'AWS could not create the endpoint (state failed).' };
    case 'rejected':
      return { kind: 'unreachable', reason: 'The service owner rejected the connection (state rejected).' };
    case 'expired':
      return { kind: 'unreachable', reason: 'The connection request expired before the service owner accepted it (state expired).' };
    case 'partial':
      return { kind: 'unreachable', reason: 'The endpoint is only partly working: some of its subnets failed (state partial).' };
    case 'deleting':
    case 'deleted':
      return { kind: 'unreachable', reason: `The endpoint is being deleted or was deleted (state ${state}).` };
    case 'unknown':
      // A state this version does not know: keep following, bounded by the timeout.
      return { kind: 'wait' };
  }
}

/** One line for the user about a state while waiting. */
export function explainState(state: EndpointState): string {
  switch (state) {
    case 'pendingAcceptance':
      return 'waiting for the service owner (PlanetScale) to accept the connection';
    case 'pending':
      return 'AWS is creating the endpoint network interfaces (usually one to several minutes)';
    case 'available':
      return 'available';
    case 'deleting':
      return 'being deleted';
    case 'deleted':
      return 'deleted';
    case 'failed':
      return 'failed';
    case 'rejected':
      return 'rejected by the service owner';
    case 'expired':
      return 'expired (not accepted in time)';
    case 'partial':
      return 'partly available';
    case 'unknown':
      return 'in a state this extension does not know';
  }
}

export async function waitForEndpoint(ec2: EC2Client, endpointId: string, options: WaitOptions): Promise<WaitResult> {
  const clock = options.clock ?? systemClock;
  const { signal, target } = options;
  const initial = options.initialDelayMs ?? 2_000;
  const maxDelay = options.maxDelayMs ?? 15_000;
  const backoff = options.backoff ?? 1.5;
  const started = clock.now();
  const deadline = started + (options.timeoutMs ?? 20 * 60_000);
  const grace = options.notFoundGraceMs ?? 30_000;
  const maxTransient = options.maxTransientErrors ?? 5;
  let delay = initial;
  let lastState: EndpointState | undefined;
  let lastEndpoint: InterfaceEndpoint | undefined;
  let transientErrors = 0;

  for (;;) {
    if (signal?.aborted) return { outcome: 'cancelled', state: lastState, endpoint: lastEndpoint };
    let endpoint: InterfaceEndpoint | undefined;
    try {
      // Filter-based lookup: a vanished id is simply absent instead of failing the call.
      endpoint = (await describeEndpoints(ec2, [endpointId], { signal })).found.get(endpointId);
      transientErrors = 0;
    } catch (err) {
      if (signal?.aborted) return { outcome: 'cancelled', state: lastState, endpoint: lastEndpoint };
      const kind = classifyAwsError(err).kind;
      if ((kind === 'network' || kind === 'throttled') && ++transientErrors <= maxTransient) {
        await clock.sleep(delay, signal);
        delay = Math.min(maxDelay, delay * backoff);
        continue;
      }
      return { outcome: 'error', error: err, state: lastState };
    }
    if (endpoint === undefined) {
      if (target === 'deleted') return { outcome: 'reached', state: 'deleted' };
      // A deleted endpoint disappears from Describe after a while; after we saw it, that is final.
      if (lastState !== undefined || clock.now() - started >= grace) {
        return {
          outcome: 'notFound',
          reason: lastState !== undefined ? `Endpoint ${endpointId} disappeared (it was ${lastState}); it was probably deleted.` : `Endpoint ${endpointId} does not exist in this region.`,
        };
      }
    } else {
      lastEndpoint = endpoint;
      if (endpoint.state !== lastState) {
        lastState = endpoint.state;
        delay = initial;
        options.onState?.(endpoint.state, endpoint, explainState(endpoint.state));
      }
      const verdict = judgeState(endpoint.state, target);
      if (verdict.kind === 'reached') return { outcome: 'reached', state: endpoint.state, endpoint };
      if (verdict.kind === 'unreachable') return { outcome: 'unreachable', state: endpoint.state, endpoint, reason: verdict.reason };
    }

    if (clock.now() + delay > deadline) return { outcome: 'timedOut', state: lastState, endpoint: lastEndpoint };
    await clock.sleep(delay, signal);
    delay = Math.min(maxDelay, delay * backoff);
  }
}
