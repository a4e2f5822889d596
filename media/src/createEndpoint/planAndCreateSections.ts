// The page's last two sections: the Plan (or what the form still needs before there is one) and
// Create, with its Create / Stop waiting buttons, the notice line and the run's progress.
import type { ValidationIssue } from '../../../src/aws/createEndpoint/endpointRequest';
import type { ExportFormat, FormAction, HostSnapshot } from '../../../src/webviews/protocol/createEndpointProtocol';
import { button } from '../toolkit';
import { fill, h } from './dom';
import { renderPlan } from './planView';
import { renderRun } from './runView';

/** What the buttons in these sections ask the page for. */
export interface PlanAndCreateActions {
  create(): void;
  cancel(): void;
  copy(format: ExportFormat): void;
  open(format: ExportFormat): void;
  runAction(action: FormAction): void;
}

/** What the sections show, taken from the page state on each render. */
export interface PlanAndCreateView {
  snapshot: HostSnapshot | undefined;
  issues: ValidationIssue[];
  planPending: boolean;
  running: boolean;
  notice: string | undefined;
}

export class PlanAndCreateSections {
  private readonly planArea = h('div', { id: 'plan-area', 'aria-live': 'polite' });
  private readonly runArea = h('div', { id: 'run-area', 'aria-live': 'polite' });
  private readonly notice = h('p', { class: 'notice', id: 'notice', role: 'status' });
  private readonly createButton = button({ id: 'create', label: 'Create endpoint' });
  private readonly cancelButton = button({ id: 'cancel', label: 'Stop waiting', secondary: true, ariaLabel: 'Stop waiting (the endpoint is not deleted)' });

  constructor(private readonly actions: PlanAndCreateActions) {
    this.createButton.onClick(() => actions.create());
    this.cancelButton.onClick(() => actions.cancel());
  }

  elements(): HTMLElement[] {
    return [
      h('section', { id: 'plan-section', 'aria-labelledby': 'plan-title' }, h('h2', { id: 'plan-title' }, 'Plan'), this.planArea),
      h(
        'section',
        { id: 'create-section', 'aria-labelledby': 'create-title' },
        h('h2', { id: 'create-title' }, 'Create'),
        h('p', { class: 'hint' }, 'A dry run checks your permissions first; nothing is created if one is missing. If a step fails, what was created is removed again.'),
        h('div', { class: 'row' }, this.createButton.element, this.cancelButton.element),
        this.notice,
        this.runArea,
      ),
    ];
  }

  render({ snapshot, issues, planPending, running, notice }: PlanAndCreateView): void {
    const errors = issues.filter((i) => i.severity === 'error').length;
    if (snapshot?.plan && !errors) {
      if (this.planArea.dataset.fingerprint !== snapshot.plan.fingerprint) {
        fill(this.planArea, renderPlan(snapshot.plan, { copy: (f) => this.actions.copy(f), open: (f) => this.actions.open(f) }));
        this.planArea.dataset.fingerprint = snapshot.plan.fingerprint;
      }
    } else {
      delete this.planArea.dataset.fingerprint;
      const open = issues.filter((i) => i.severity === 'error');
      fill(
        this.planArea,
        h('p', { class: 'hint', id: 'plan-pending' }, planPending || !errors ? 'Building the plan…' : 'The plan appears once the form is complete. Still needed:'),
        !planPending && errors ? h('ul', { class: 'hint', id: 'plan-missing' }, ...open.map((i) => h('li', {}, i.message))) : null,
      );
    }

    // Once an endpoint exists, a second click must not start a second run.
    const outcome = snapshot?.run?.outcome;
    const created = (outcome?.kind === 'applied' && outcome.result.outcome === 'succeeded') || (outcome?.kind === 'revived' && !outcome.interrupted);
    // An interrupted run is resumed (adopt or delete), not created a second time beside it.
    const interrupted = outcome?.kind === 'revived' && outcome.interrupted;
    this.createButton.setDisabled(running || !snapshot || created || interrupted);
    this.createButton.setLabel(created ? 'Endpoint created' : 'Create endpoint');
    this.cancelButton.element.hidden = !running;
    this.cancelButton.setDisabled(snapshot?.run?.cancelRequested === true);
    this.notice.textContent = notice ?? '';
    const run = snapshot?.run;
    fill(this.runArea, run ? renderRun(run, { runAction: (a) => this.actions.runAction(a), copyCleanup: () => this.actions.copy('cleanup') }) : null);
  }
}
