// The controls the sections rebuild from AWS data (subnet radios, group boxes, inline buttons):
// kept in one list so disabling the form reaches them too, rebuilt only when their data changed.
import type { ErrorView } from '../../../src/webviews/protocol/createEndpointProtocol';
import { button, type Control } from '../toolkit';
import { h } from './dom';

export class DynamicControls {
  private controls: Control[] = [];
  private keys: Record<string, string> = {};
  private disabled = false;

  constructor(private readonly signIn: () => void) {}

  /** Applies `disabled` to the fixed controls given and to every rebuilt one. */
  setDisabled(fixed: Control[], disabled: boolean): void {
    this.disabled = disabled;
    this.applyDisabled(fixed);
  }

  applyDisabled(fixed: Control[]): void {
    for (const control of [...fixed, ...this.controls]) control.setDisabled(this.disabled);
  }

  /** Runs `build` only when `key` differs from the last one for `name` (rebuilding would reset focus and choices). */
  rebuild(name: string, key: string, build: () => void): void {
    if (this.keys[name] === key) return;
    this.keys[name] = key;
    build();
  }

  add(control: Control): void {
    this.controls.push(control);
  }

  /** Forgets the controls inside an area about to be refilled. */
  forgetIn(area: HTMLElement): void {
    this.controls = this.controls.filter((c) => !area.contains(c.element));
  }

  button(id: string, label: string, onClick: () => void): HTMLElement {
    const b = button({ id, label, secondary: true });
    b.onClick(onClick);
    b.setDisabled(this.disabled);
    this.controls = this.controls.filter((c) => c.element.id !== id);
    this.controls.push(b);
    return b.element;
  }

  /** An AWS error next to its field; expired or missing credentials get "Sign in again". */
  errorLine(error: ErrorView, signInId: string): HTMLElement {
    return h(
      'div',
      { class: 'issue-block' },
      h('p', { class: 'issue error', role: 'alert' }, error.message, error.fix ? ` ${error.fix}` : ''),
      error.signIn ? this.button(signInId, 'Sign in again', () => this.signIn()) : null,
    );
  }
}
