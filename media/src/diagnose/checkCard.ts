// One check as the panel shows it: status icon and word (colour is never the only signal), title,
// summary, the evidence (open when something is wrong), and the fix with its exact AWS CLI
// command, a Copy button and, when the extension can make the change, an Apply button.
import type { CheckStatus } from '../../../src/diagnose/diagnoseTypes';
import type { CheckView } from '../../../src/webviews/protocol/diagnoseProtocol';
import { button } from '../toolkit';
import { h } from '../createEndpoint/dom';

export const STATUS_WORD: Record<CheckStatus, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', skipped: 'Skipped' };
export const STATUS_ICON: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✕', skipped: '–' };

export interface CheckActions {
  copyFix(checkId: CheckView['id']): void;
  applyFix(checkId: CheckView['id']): void;
}

export interface CardOptions {
  index: number;
  /** A fix is being applied (this one or another): Apply buttons wait. */
  busy: boolean;
  applyingThis: boolean;
  /** False for results restored after a reload: the host has no result of its own to copy from. */
  canCopy: boolean;
  /** The user's own open/closed choice for the evidence, kept across re-renders. */
  evidenceOpen?: boolean;
  onToggleEvidence(open: boolean): void;
}

export function checkCard(check: CheckView, options: CardOptions, actions: CheckActions): HTMLElement {
  const titleId = `check-${check.id}-title`;
  const card = h(
    'li',
    { class: `check status-${check.status}`, id: `check-${check.id}`, 'aria-labelledby': titleId },
    h(
      'div',
      { class: 'check-head' },
      h('span', { class: 'status-icon', 'aria-hidden': 'true' }, STATUS_ICON[check.status]),
      h('h2', { id: titleId }, `${options.index}. ${check.title}`),
      h('span', { class: 'status-word' }, STATUS_WORD[check.status]),
    ),
    h('p', { class: 'summary' }, check.summary),
  );
  if (check.evidence.length) {
    const details = h(
      'details',
      { open: options.evidenceOpen ?? (check.status === 'fail' || check.status === 'warn') },
      h('summary', {}, `What was checked (${check.evidence.length})`),
      h('ul', { class: 'evidence' }, ...check.evidence.map((line) => h('li', {}, line))),
    );
    details.addEventListener('toggle', () => options.onToggleEvidence(details.open));
    card.append(details);
  }
  if (check.fix) card.append(fixSection(check, options, actions));
  return card;
}

function fixSection(check: CheckView, options: CardOptions, actions: CheckActions): HTMLElement {
  const fix = check.fix!;
  const commandId = `fix-${check.id}-command`;
  const copy = button({ id: `copy-${check.id}`, label: 'Copy command', secondary: true, ariaLabel: `Copy the AWS CLI command that fixes ${check.title}` });
  copy.setDisabled(!options.canCopy);
  copy.onClick(() => actions.copyFix(check.id));
  const row = h('div', { class: 'row' }, copy.element);
  if (fix.applicable) {
    const apply = button({ id: `apply-${check.id}`, label: options.applyingThis ? 'Applying…' : 'Apply fix…', ariaLabel: `Apply the fix for ${check.title} (asks first)` });
    apply.setDisabled(options.busy);
    apply.onClick(() => actions.applyFix(check.id));
    row.prepend(apply.element);
  }
  return h(
    'section',
    { class: 'fix', 'aria-label': `Fix for ${check.title}` },
    h('h3', {}, 'Fix'),
    h('p', {}, fix.description),
    fix.changes.length ? h('ul', { class: 'changes' }, ...fix.changes.map((c) => h('li', {}, c))) : null,
    h('pre', { id: commandId, tabindex: '0', 'aria-label': 'AWS CLI command' }, h('code', {}, fix.cliCommand)),
    row,
  );
}
