// Renders the plan: the ordered steps (what each creates, its CLI, how it is undone), the cost,
// and the two exports with Copy / Open in editor.
import type { ExportFormat, PlanView } from '../../../src/webviews/protocol/createEndpointProtocol';
import { button } from '../toolkit';
import { h } from './dom';

export interface PlanActions {
  copy(format: ExportFormat): void;
  open(format: ExportFormat): void;
}

const EXPORT_LABELS: Record<'cli' | 'terraform', string> = { cli: 'AWS CLI script', terraform: 'Terraform' };

export function renderPlan(plan: PlanView, actions: PlanActions): HTMLElement {
  const steps = h(
    'ol',
    { class: 'plan-steps' },
    ...plan.steps.map((step, index) =>
      h(
        'li',
        { 'data-step': step.id },
        h('strong', {}, step.title),
        step.creates ? h('p', { class: 'hint' }, step.creates) : null,
        step.undo ? h('p', { class: 'hint' }, `If a later step fails: ${step.undo}.`) : null,
        h('details', {}, h('summary', {}, `AWS CLI for step ${index + 1}`), h('pre', {}, h('code', {}, step.cli))),
      ),
    ),
  );
  const notes = [
    plan.acceptanceRequired ? 'The service owner must accept the connection before it works; the extension waits for that.' : null,
    plan.privateDnsAfterAcceptance ? 'Private DNS is turned on after acceptance (AWS allows it only then).' : null,
  ].filter((n): n is string => n !== null);
  const exports = (['cli', 'terraform'] as const).map((format) => {
    const copy = button({ label: 'Copy', secondary: true, ariaLabel: `Copy ${EXPORT_LABELS[format]}`, id: `copy-${format}` });
    copy.onClick(() => actions.copy(format));
    const open = button({ label: 'Open in editor', secondary: true, ariaLabel: `Open ${EXPORT_LABELS[format]} in an editor`, id: `open-${format}` });
    open.onClick(() => actions.open(format));
    return h(
      'div',
      { class: 'export' },
      h('h3', {}, EXPORT_LABELS[format]),
      h('div', { class: 'row' }, copy.element, open.element),
      h('details', {}, h('summary', {}, `Show ${EXPORT_LABELS[format]}`), h('pre', { 'data-export': format }, h('code', {}, plan.exports[format]))),
    );
  });
  return h(
    'div',
    { class: 'plan', 'data-fingerprint': plan.fingerprint },
    steps,
    h('p', { class: 'cost', id: 'plan-cost' }, h('strong', {}, 'Cost: '), plan.cost.text),
    ...notes.map((n) => h('p', { class: 'hint' }, n)),
    h('div', { class: 'exports' }, ...exports),
  );
}
