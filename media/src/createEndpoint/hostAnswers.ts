// Applies the host's answers to the page state, dropping any that answer a request other than the
// latest of its kind (request ids), and keeps the copy of the host's snapshot up to date.
import type { HostSnapshot, HostToWebviewMessage, RunView } from '../../../src/webviews/protocol/createEndpointProtocol';
import { endpointOfOutcome, type PageState, type PendingKind } from './pageState';

/** What an answer may need of the page beyond the state: the steps that also send requests. */
export interface AnswerSteps {
  applySnapshot(snapshot: HostSnapshot): void;
  maybeApplyVpcDefaults(): void;
}

/** Applies one message; false when it was stale and changed nothing (no save, no render). */
export function applyHostMessage(state: PageState, message: HostToWebviewMessage, steps: AnswerSteps): boolean {
  switch (message.type) {
    case 'snapshot':
      if (message.requestId !== undefined && !settle(state, 'context', message.requestId)) return false;
      steps.applySnapshot(message.state);
      break;
    case 'serviceVerified':
      if (!settle(state, 'verify', message.requestId)) return false;
      patchSnapshot(state, { service: message.service, serviceError: message.error });
      steps.maybeApplyVpcDefaults();
      break;
    case 'vpcLoaded': {
      const fromDns = settle(state, 'dns', message.requestId);
      if (!fromDns && !settle(state, 'vpc', message.requestId)) return false;
      patchSnapshot(state, { vpcDetails: message.details ?? state.snapshot?.vpcDetails, vpcDetailsError: message.error });
      steps.maybeApplyVpcDefaults();
      break;
    }
    case 'planned':
      if (!settle(state, 'plan', message.requestId)) return false;
      state.hostIssues = message.issues;
      patchSnapshot(state, { plan: message.plan });
      break;
    case 'progress': {
      if (state.pending.create !== message.requestId) return false;
      const run = currentRun(state, message.requestId);
      run.phase = message.phase;
      if (message.event) run.events = [...run.events, message.event];
      if (message.event?.stepId === 'createEndpoint' && message.event.status === 'done' && message.event.resourceId && state.run?.requestId === message.requestId) {
        state.run = { ...state.run, endpointId: message.event.resourceId };
      }
      patchSnapshot(state, { run });
      break;
    }
    case 'createFinished': {
      if (!settle(state, 'create', message.requestId)) return false;
      const run = currentRun(state, message.requestId);
      patchSnapshot(state, { run: { ...run, phase: 'finished', outcome: message.outcome } });
      if (state.run?.requestId === message.requestId) {
        const endpointId = endpointOfOutcome(message.outcome);
        state.run = { requestId: state.run.requestId, ...(state.run.fingerprint ? { fingerprint: state.run.fingerprint } : {}), ...(endpointId ? { endpointId } : {}) };
      }
      if (message.outcome.kind === 'invalid') {
        state.hostIssues = message.outcome.issues;
        state.showAll = true;
      }
      break;
    }
    case 'actionDone':
      settle(state, 'cancel', message.requestId);
      if (message.message) state.notice = message.message;
      if (message.requestId === state.pending.cancel) markCancelRequested(state);
      break;
    case 'rejected':
      state.notice = `The extension refused a request: ${message.reason}`;
      for (const kind of Object.keys(state.pending) as PendingKind[]) if (state.pending[kind] === message.requestId) delete state.pending[kind];
      break;
  }
  return true;
}

/** Changes the copy of the host's snapshot (none yet: nothing to change). */
export function patchSnapshot(state: PageState, patch: Partial<HostSnapshot>): void {
  if (!state.snapshot) return;
  state.snapshot = { ...state.snapshot, ...patch };
}

/** True when the answer is to the latest request of its kind (then that request is done). */
function settle(state: PageState, kind: PendingKind, requestId: number): boolean {
  if (state.pending[kind] !== requestId) return false;
  delete state.pending[kind];
  return true;
}

function currentRun(state: PageState, requestId: number): RunView {
  const run = state.snapshot?.run;
  return run && run.requestId === requestId ? { ...run } : { requestId, phase: 'validating', events: [], cancelRequested: false };
}

function markCancelRequested(state: PageState): void {
  const run = state.snapshot?.run;
  if (run && run.phase !== 'finished') patchSnapshot(state, { run: { ...run, cancelRequested: true } });
}
