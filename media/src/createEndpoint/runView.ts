// Renders a create run: the streamed steps, then how it ended — what exists, what was undone,
// what was left (with the command that removes it), or which permissions are missing.
import type { ApplyProgress, LeftBehindResource, StepStatus } from '../../../src/aws/createEndpoint/applyTypes';
import type { CreateOutcome, ErrorView, FormAction, RunView } from '../../../src/webviews/protocol/createEndpointProtocol';
import { button, progressRing } from '../toolkit';
import { h } from './dom';

export interface RunActions {
  runAction(action: FormAction): void;
  copyCleanup(): void;
}

const STATUS_WORDS: Record<StepStatus, string> = {
  running: 'in progress',
  done: 'done',
  failed: 'failed',
  undoing: 'undoing',
  undone: 'undone',
  skipped: 'skipped',
};

const STATUS_GLYPHS: Record<StepStatus, string> = {
  running: '…',
  done: '✓',
  failed: '✗',
  undoing: '↶',
  undone: '↶',
  skipped: '–',
};

const PHASE_TEXT = {
  validating: 'Checking the form…',
  dryRun: 'Checking permissions with a dry run (nothing is created yet)…',
  applying: 'Creating…',
  finished: '',
} as const;

/** The latest event per step, in first-seen order, so a step shows once with its current status. */
function latestByStep(events: ApplyProgress[]): ApplyProgress[] {
  const order: string[] = [];
  const latest = new Map<string, ApplyProgress>();
  for (const e of events) {
    const key = e.stepId;
    if (!latest.has(key)) order.push(key);
    latest.set(key, e);
  }
  return order.map((k) => latest.get(k) as ApplyProgress);
}

export function renderRun(run: RunView, actions: RunActions): HTMLElement {
  const busy = run.phase !== 'finished';
  const steps = latestByStep(run.events).map((e) =>
    h(
      'li',
      { class: `step step-${e.status}`, 'data-step': e.stepId, 'data-status': e.status },
      h('span', { class: 'glyph', 'aria-hidden': 'true' }, STATUS_GLYPHS[e.status]),
      h('span', { class: 'sr-only' }, `${STATUS_WORDS[e.status]}: `),
      e.message,
      e.resourceId && !e.message.includes(e.resourceId) ? h('code', { class: 'resource' }, e.resourceId) : null,
    ),
  );
  return h(
    'div',
    { class: 'run', 'aria-busy': busy ? 'true' : 'false' },
    busy ? h('p', { class: 'row' }, progressRing('Working'), h('span', {}, PHASE_TEXT[run.phase])) : null,
    busy && run.cancelRequested ? h('p', { class: 'hint' }, 'Stopping the wait… The endpoint itself is not deleted.') : null,
    steps.length ? h('ol', { class: 'steps', id: 'run-steps' }, ...steps) : null,
    run.outcome ? renderOutcome(run.outcome, actions) : null,
  );
}

function actionButton(label: string, action: FormAction, actions: RunActions, secondary = false): HTMLElement {
  const b = button({ label, secondary, id: `action-${action}` });
  b.onClick(() => actions.runAction(action));
  return b.element;
}

function errorBlock(error: ErrorView, actions: RunActions): HTMLElement {
  return h(
    'div',
    { class: 'message error', role: 'alert' },
    h('p', {}, error.message),
    error.fix ? h('p', {}, h('strong', {}, 'Fix: '), error.fix) : null,
    error.iamAction ? h('p', {}, 'Missing permission: ', h('code', {}, error.iamAction)) : null,
    error.signIn ? h('div', { class: 'row' }, actionButton('Sign in again', 'signIn', actions)) : null,
  );
}

function leftBehindBlock(left: LeftBehindResource[], actions: RunActions): HTMLElement | null {
  if (!left.length) return null;
  const copy = button({ label: 'Copy removal commands', secondary: true, id: 'copy-cleanup' });
  copy.onClick(() => actions.copyCleanup());
  return h(
    'div',
    { class: 'left-behind' },
    h('h3', {}, 'Still in your account'),
    h(
      'ul',
      {},
      ...left.map((r) =>
        h(
          'li',
          { 'data-resource': r.id },
          h('code', {}, r.id),
          ` (${r.kind === 'vpcEndpoint' ? 'VPC endpoint' : 'security group'}, ${r.region}): ${r.reason}`,
          h('pre', {}, h('code', {}, r.removeCommand)),
        ),
      ),
    ),
    h('div', { class: 'row' }, copy.element),
  );
}

function undoneBlock(undone: Array<{ kind: string; id: string }>): HTMLElement | null {
  if (!undone.length) return null;
  return h('div', { class: 'undone' }, h('h3', {}, 'Undone'), h('ul', {}, ...undone.map((u) => h('li', {}, `Deleted ${u.kind === 'vpcEndpoint' ? 'VPC endpoint' : 'security group'} `, h('code', {}, u.id)))));
}

function renderOutcome(outcome: CreateOutcome, actions: RunActions): HTMLElement {
  switch (outcome.kind) {
    case 'revived':
      return h(
        'div',
        { class: `message ${outcome.interrupted ? 'warning' : 'success'}`, role: 'status', id: 'outcome', 'data-outcome': outcome.interrupted ? 'interrupted' : 'revived' },
        h('p', {}, outcome.message),
        outcome.endpointId
          ? h('p', {}, 'Endpoint ', h('code', { id: 'created-endpoint-id' }, outcome.endpointId), outcome.state ? h('span', {}, ', state ', h('strong', { id: 'created-endpoint-state' }, outcome.state), '.') : '.')
          : null,
        h(
          'div',
          { class: 'row' },
          outcome.interrupted ? actionButton('Resume…', 'resumeCreation', actions) : actionButton('Write connection string to .env', 'writeConnectionString', actions),
          actionButton('Show log', 'showLog', actions, true),
        ),
      );
    case 'invalid':
      return h('div', { class: 'message error', role: 'alert', id: 'outcome', 'data-outcome': 'invalid' }, h('p', {}, 'Some fields need attention; see the messages next to them. Nothing was created.'));
    case 'error':
      return h('div', { id: 'outcome', 'data-outcome': 'error' }, errorBlock(outcome.error, actions), h('p', {}, 'Nothing was created.'));
    case 'preflightFailed': {
      const p = outcome.preflight;
      // The missing permissions are listed on their own; the other blocking problems below them.
      const blocking = p.problems.filter((x) => x.severity === 'error' && x.code !== 'MissingPermissions');
      return h(
        'div',
        { class: 'message error', role: 'alert', id: 'outcome', 'data-outcome': 'preflightFailed' },
        h('p', {}, outcome.message),
        p.missingPermissions.length
          ? h('div', {}, h('p', {}, 'Missing IAM permissions (ask an administrator to allow them):'), h('ul', { id: 'missing-permissions' }, ...p.missingPermissions.map((a) => h('li', {}, h('code', {}, a)))))
          : null,
        blocking.length ? h('ul', { id: 'blocking-problems' }, ...blocking.map((x) => h('li', {}, x.message, x.fix && x.fix !== x.message ? h('em', {}, ` ${x.fix}`) : null))) : null,
      );
    }
    case 'applied': {
      const r = outcome.result;
      if (r.outcome === 'succeeded') {
        return h(
          'div',
          { class: 'message success', role: 'status', id: 'outcome', 'data-outcome': 'succeeded' },
          h('p', {}, r.message),
          h('p', {}, 'Endpoint ', h('code', { id: 'created-endpoint-id' }, r.endpointId), ' with security group ', h('code', {}, r.securityGroupId), `, state ${r.state}.`),
          h('div', { class: 'row' }, actionButton('Write connection string to .env', 'writeConnectionString', actions), actionButton('Show log', 'showLog', actions, true)),
        );
      }
      if (r.outcome === 'failed') {
        return h(
          'div',
          { id: 'outcome', 'data-outcome': 'failed' },
          errorBlock({ message: r.message, fix: r.error.fix, code: r.error.code, iamAction: r.error.iamAction, signIn: r.error.credentials }, actions),
          undoneBlock(r.undone),
          leftBehindBlock(r.leftBehind, actions) ?? h('p', {}, 'Nothing is left in your account from this run.'),
        );
      }
      return h(
        'div',
        { class: 'message warning', role: 'status', id: 'outcome', 'data-outcome': r.outcome },
        h('p', {}, r.message),
        r.endpointId
          ? h('p', {}, r.outcome === 'cancelled' ? 'You stopped the waiting; the endpoint was not deleted. The status bar keeps following it.' : 'Waiting timed out; the endpoint was not deleted. The status bar keeps following it.')
          : h('p', {}, 'Stopped before the endpoint was created.'),
        undoneBlock(r.undone),
        leftBehindBlock(r.leftBehind, actions),
      );
    }
  }
}
