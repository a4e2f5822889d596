// The Diagnose panel page: renders the host's view (target, client, the checks as they stream in,
// each fix), turns clicks into protocol requests, and keeps the last view in the webview state so
// a re-shown panel draws at once (the host re-sends it on `ready` anyway). Nothing here is secret:
// the host sends ids, rules, states and commands only.
import type { CheckId } from '../../../src/diagnose/diagnoseTypes';
import type { DiagnoseHostMessage, DiagnoseView, DiagnoseWebviewMessage, PanelAction, StaleView } from '../../../src/webviews/protocol/diagnoseProtocol';
import { CHECK_IDS } from '../../../src/webviews/protocol/diagnoseProtocol';
import { button, progressRing } from '../toolkit';
import { fill, h } from '../createEndpoint/dom';
import { STATUS_WORD, checkCard } from './checkCard';
import type { HostChannel } from './hostChannel';

export interface PageState {
  view?: DiagnoseView;
  nextRequestId: number;
  notice?: string;
}

type Request = Extract<DiagnoseWebviewMessage, { requestId: number }>;
type RequestBody = Request extends infer R ? (R extends unknown ? Omit<R, 'requestId'> : never) : never;

const TOOLBAR: Array<{ action: PanelAction; label: string; ariaLabel?: string; secondary?: boolean }> = [
  { action: 'rerun', label: 'Run again' },
  { action: 'cancel', label: 'Stop', secondary: true, ariaLabel: 'Stop the running diagnosis' },
  { action: 'copyReport', label: 'Copy report', secondary: true, ariaLabel: 'Copy the report for a support ticket (secrets masked)' },
  { action: 'changeInputs', label: 'Change inputs…', secondary: true, ariaLabel: 'Change where to measure from, where the application runs, or the login' },
  { action: 'runReachability', label: 'Reachability Analyzer…', secondary: true, ariaLabel: 'Run AWS Reachability Analyzer (charged by AWS, asks first)' },
  { action: 'showLog', label: 'Show log', secondary: true },
];

export class DiagnosePage {
  private state: PageState;
  private readonly evidenceOpen = new Map<CheckId, boolean>();

  constructor(private readonly root: HTMLElement, private readonly host: HostChannel<PageState>) {
    const saved = host.loadState();
    this.state = { nextRequestId: Math.max(1, Number(saved?.nextRequestId) || 1), ...(saved?.view ? { view: saved.view } : {}) };
  }

  start(): void {
    this.host.onMessage((message) => this.receive(message));
    this.render();
    this.host.post({ type: 'ready' });
  }

  private receive(message: DiagnoseHostMessage): void {
    switch (message.type) {
      case 'state':
        if (message.state.target.endpointId !== this.state.view?.target.endpointId) this.evidenceOpen.clear();
        this.state = { ...this.state, view: message.state, notice: undefined };
        break;
      case 'actionDone':
        if (!message.ok) this.state = { ...this.state, notice: message.message ?? 'That did not complete; the notification and the log say why.' };
        break;
      case 'rejected':
        this.state = { ...this.state, notice: `The extension refused the request: ${message.reason}` };
        break;
    }
    this.host.saveState(this.state);
    this.render();
  }

  private request(body: RequestBody): void {
    const requestId = this.state.nextRequestId;
    this.state = { ...this.state, nextRequestId: requestId + 1 };
    this.host.saveState(this.state);
    this.host.post({ ...body, requestId } as Request);
  }

  private render(): void {
    // Re-rendering replaces the elements: keep keyboard focus where it was.
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
    const view = this.state.view;
    this.root.setAttribute('aria-busy', String(!view || view.phase === 'running'));
    if (!view) {
      fill(this.root, h('p', {}, 'Waiting for the diagnosis…'));
      return;
    }
    fill(this.root, ...this.header(view), this.toolbar(view), this.body(view), h('p', { class: 'notice', role: 'status' }, this.state.notice ?? view.notice ?? ''));
    if (focused) document.getElementById(focused)?.focus();
  }

  private header(view: DiagnoseView): HTMLElement[] {
    const t = view.target;
    const facts = [`Endpoint ${t.endpointId}`, t.vpcId ? `VPC ${t.vpcId}` : undefined, t.region, `profile ${t.profile}`].filter(Boolean).join(' · ');
    const branch = [t.branch ? `Branch ${t.branch}` : undefined, t.privateHost ? `Private Host ${t.privateHost}` : 'no Private Host (DNS and TLS name checks skipped)'].filter(Boolean).join(' · ');
    return [
      h('h1', {}, 'Diagnose private connection'),
      h('p', { class: 'facts' }, facts),
      h('p', { class: 'facts' }, branch),
      h('p', { class: 'facts' }, `Client: ${view.client.join(', ') || 'not given'}${view.loginChecked ? ' · login checked' : ' · login not checked'}`),
      h('p', { class: 'facts vantage' }, `Measured from: ${view.vantage}`),
      ...(view.stale ? [this.staleBanner(view.stale)] : []),
      this.banner(view),
    ];
  }

  /** Out-of-date results say so first, with their own Re-run (a button, so Tab reaches it). */
  private staleBanner(stale: StaleView): HTMLElement {
    const since = stale.reason === 'reload' ? 'the window was reloaded' : stale.reason === 'deleted' ? 'the endpoint was deleted' : `the endpoint became ${stale.state}`;
    const rerun = button({ id: 'stale-rerun', label: 'Re-run', ariaLabel: 'Re-run the diagnosis now' });
    rerun.onClick(() => this.request({ type: 'action', action: 'rerun' }));
    return h(
      'div',
      { class: 'banner stale status-warn', id: 'stale-banner', role: 'status', 'data-reason': stale.reason },
      h('span', { class: 'status-icon', 'aria-hidden': 'true' }, '⟲'),
      h('span', { class: 'stale-text' }, `These results are from before ${since}.`),
      rerun.element,
    );
  }

  private banner(view: DiagnoseView): HTMLElement {
    if (view.phase === 'running') {
      const done = view.checks.length;
      return h('div', { class: 'banner running', role: 'status' }, progressRing('Diagnosing'), h('span', {}, `Checking… ${done} of ${CHECK_IDS.length} done`));
    }
    if (view.phase === 'error') return h('div', { class: 'banner status-fail', role: 'alert' }, `The diagnosis could not run: ${view.error ?? 'unknown error'}`);
    if (view.phase === 'cancelled') return h('div', { class: 'banner status-skipped', role: 'status' }, 'Stopped before the end; the checks below are those that finished.');
    const failed = view.checks.filter((c) => c.status === 'fail');
    const warned = view.checks.filter((c) => c.status === 'warn');
    const overall = view.overall ?? 'skipped';
    const text = failed.length
      ? `${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.map((c) => c.title).join(', ')}. The fix is under each.`
      : warned.length
        ? `No check failed; ${warned.length} warning${warned.length === 1 ? '' : 's'}: ${warned.map((c) => c.title).join(', ')}.`
        : 'Every check passed.';
    const when = view.startedAt ? ` (${new Date(view.startedAt).toLocaleTimeString()}, ${((view.durationMs ?? 0) / 1000).toFixed(1)} s)` : '';
    return h('div', { class: `banner status-${overall}`, role: 'status' }, h('strong', {}, `${STATUS_WORD[overall]}: `), `${text}${when}`);
  }

  private toolbar(view: DiagnoseView): HTMLElement {
    const running = view.phase === 'running';
    const bar = h('div', { class: 'row toolbar', role: 'toolbar', 'aria-label': 'Diagnosis actions' });
    for (const item of TOOLBAR) {
      if (item.action === 'cancel' && !running) continue;
      const control = button({ id: `action-${item.action}`, label: item.label, secondary: item.secondary, ariaLabel: item.ariaLabel });
      // A restored view has no result behind it to copy: Re-run first.
      const noReport = view.phase !== 'done' || view.stale?.reason === 'reload';
      const disabled = (running && item.action !== 'cancel' && item.action !== 'showLog') || (item.action === 'copyReport' && noReport) || view.applying !== undefined;
      control.setDisabled(disabled && item.action !== 'showLog');
      control.onClick(() => this.request({ type: 'action', action: item.action }));
      bar.append(control.element);
    }
    return bar;
  }

  private body(view: DiagnoseView): HTMLElement {
    // Out-of-date results offer no fix to apply: what they found may not hold any more.
    const busy = view.applying !== undefined || view.phase === 'running' || view.stale !== undefined;
    return h(
      'ol',
      { class: 'checks', 'aria-label': 'Checks, in order' },
      ...view.checks.map((check, i) =>
        checkCard(
          check,
          {
            index: i + 1,
            busy,
            applyingThis: view.applying === check.id,
            canCopy: view.stale?.reason !== 'reload',
            evidenceOpen: this.evidenceOpen.get(check.id),
            onToggleEvidence: (open) => this.evidenceOpen.set(check.id, open),
          },
          {
            copyFix: (checkId) => this.request({ type: 'copyFix', checkId }),
            applyFix: (checkId) => this.request({ type: 'applyFix', checkId }),
          },
        ),
      ),
    );
  }
}
