// The page's whole state, as kept across hiding the panel (vscode.setState). It holds what the
// user entered and a copy of what the host sent; none of it is secret (ids, names, CIDRs, plans).
import type { ValidationIssue } from '../../../src/aws/createEndpoint/endpointRequest';
import type { CreateOutcome, HostSnapshot } from '../../../src/webviews/protocol/createEndpointProtocol';
import type { RunReference } from '../../../src/webviews/protocol/createEndpointRevival';
import { emptyValues, type FormValues } from './formValues';

export type PendingKind = 'context' | 'verify' | 'vpc' | 'dns' | 'plan' | 'create' | 'cancel';

export interface PageState {
  values: FormValues;
  snapshot?: HostSnapshot;
  /** Fields the user has edited (dotted EndpointField names); their errors show at once. */
  touched: string[];
  /** Set by a Create attempt: every error shows, touched or not. */
  showAll: boolean;
  nextRequestId: number;
  /** The latest request of each kind; answers to older ones are dropped. */
  pending: Partial<Record<PendingKind, number>>;
  /** Issues the host found when asked for a plan (it may know more than the page). */
  hostIssues: ValidationIssue[];
  /** A short status line ("Copied the AWS CLI script"). */
  notice?: string;
  /** The last run started here, so that after a window reload the host can find it again. */
  run?: RunReference;
}

export function initialPageState(): PageState {
  return { values: emptyValues(), touched: [], showAll: false, nextRequestId: 1, pending: {}, hostIssues: [] };
}

/** A saved state from an older page version may lack fields: fill them in. */
export function restorePageState(saved: Partial<PageState> | undefined): PageState {
  const fresh = initialPageState();
  if (!saved || typeof saved !== 'object') return fresh;
  return {
    ...fresh,
    ...saved,
    values: { ...fresh.values, ...(saved.values ?? {}) },
    touched: Array.isArray(saved.touched) ? saved.touched : [],
    // A page loaded again gets no answer to what the last one asked (except a create, which the
    // host's snapshot re-attaches while it runs): ask again rather than wait forever.
    pending: saved.pending?.create !== undefined ? { create: saved.pending.create } : {},
    hostIssues: Array.isArray(saved.hostIssues) ? saved.hostIssues : [],
    nextRequestId: Math.max(1, Number(saved.nextRequestId) || 1),
    run: saved.run && typeof saved.run === 'object' && Number.isSafeInteger(saved.run.requestId) ? saved.run : undefined,
  };
}

/** The endpoint a finished run leaves (none when it failed and was undone, or stopped before). */
export function endpointOfOutcome(outcome: CreateOutcome): string | undefined {
  if (outcome.kind === 'revived') return outcome.endpointId;
  if (outcome.kind !== 'applied' || outcome.result.outcome === 'failed') return undefined;
  return outcome.result.endpointId || undefined;
}
