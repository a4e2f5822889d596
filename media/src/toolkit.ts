// The one module that knows the webview component library. Upstream archived
// @vscode/webview-ui-toolkit in January 2025; forms build their controls only through the small
// factories below (tag names, properties and event names stay in here), so moving to
// @vscode-elements/elements means rewriting this file and nothing else.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeRadio,
  vsCodeRadioGroup,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

/** Registers the custom elements the forms use; call once per page, before building controls. */
export function registerComponents(): void {
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDivider(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeRadio(),
    vsCodeRadioGroup(),
    vsCodeTextArea(),
    vsCodeTextField(),
  );
}

/** What a form sees of any control: its element, and no library specifics. */
export interface Control {
  readonly element: HTMLElement;
  setDisabled(disabled: boolean): void;
  /** Marks the control invalid for assistive technology (the message itself is shown beside it). */
  setInvalid(invalid: boolean): void;
  focus(): void;
}

export interface ValueControl extends Control {
  value: string;
  /** Fires on every user edit (typing, picking). */
  onChange(listener: (value: string) => void): void;
}

export interface CheckControl extends Control {
  checked: boolean;
  onChange(listener: (checked: boolean) => void): void;
}

export interface ButtonControl extends Control {
  onClick(listener: () => void): void;
  setLabel(label: string): void;
}

export interface Choice {
  value: string;
  label: string;
  disabled?: boolean;
}

type Props = Record<string, unknown>;

function create(tag: string, attributes: Record<string, string | undefined> = {}, text?: string): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

function base(element: HTMLElement): Control {
  return {
    element,
    setDisabled: (disabled) => element.toggleAttribute('disabled', disabled),
    setInvalid: (invalid) => (invalid ? element.setAttribute('aria-invalid', 'true') : element.removeAttribute('aria-invalid')),
    focus: () => element.focus(),
  };
}

function valueControl(element: HTMLElement, events: string[]): ValueControl {
  const props = element as unknown as Props;
  return {
    ...base(element),
    get value() {
      return String(props.value ?? '');
    },
    set value(v: string) {
      if (props.value !== v) props.value = v;
    },
    onChange(listener) {
      for (const event of events) element.addEventListener(event, () => listener(String(props.value ?? '')));
    },
  };
}

export interface TextFieldOptions {
  id: string;
  label: string;
  value?: string;
  placeholder?: string;
  /** Id of the element holding the hint or error text for this field. */
  describedBy?: string;
  multiline?: boolean;
}

/** A labelled single-line (or multi-line) text input. */
export function textField(options: TextFieldOptions): ValueControl {
  const element = create(options.multiline ? 'vscode-text-area' : 'vscode-text-field', {
    id: options.id,
    placeholder: options.placeholder,
    'aria-describedby': options.describedBy,
    ...(options.multiline ? { rows: '3', resize: 'vertical' } : {}),
  });
  element.append(create('span', {}, options.label));
  (element as unknown as Props).value = options.value ?? '';
  return valueControl(element, ['input']);
}

export interface DropdownOptions {
  id: string;
  /** Accessible name; the visible label is a <label for=id> the caller places. */
  label: string;
  choices: Choice[];
  value?: string;
  describedBy?: string;
}

export interface DropdownControl extends ValueControl {
  setChoices(choices: Choice[], value?: string): void;
}

/** A single-choice list. */
export function dropdown(options: DropdownOptions): DropdownControl {
  const element = create('vscode-dropdown', { id: options.id, 'aria-label': options.label, 'aria-describedby': options.describedBy });
  const control = valueControl(element, ['change']);
  const setChoices = (choices: Choice[], value?: string) => {
    element.replaceChildren(
      ...choices.map((c) => {
        const option = create('vscode-option', { value: c.value }, c.label);
        if (c.disabled) option.setAttribute('disabled', '');
        if (c.value === value) option.setAttribute('selected', '');
        return option;
      }),
    );
    // The select picks up slotted options on the next frame; set the value after that.
    if (value !== undefined) requestAnimationFrame(() => (control.value = value));
  };
  setChoices(options.choices, options.value);
  return Object.assign(control, { setChoices });
}

export interface CheckboxOptions {
  id: string;
  label: string;
  checked?: boolean;
  describedBy?: string;
  value?: string;
}

export function checkbox(options: CheckboxOptions): CheckControl {
  const element = create('vscode-checkbox', { id: options.id, 'aria-describedby': options.describedBy, value: options.value }, options.label);
  const props = element as unknown as Props;
  props.checked = options.checked ?? false;
  return {
    ...base(element),
    get checked() {
      return props.checked === true;
    },
    set checked(v: boolean) {
      if (props.checked !== v) props.checked = v;
    },
    onChange(listener) {
      element.addEventListener('change', () => listener(props.checked === true));
    },
  };
}

export interface RadioGroupOptions {
  id: string;
  /** Visible legend of the group. */
  label: string;
  choices: Choice[];
  value?: string;
  vertical?: boolean;
  describedBy?: string;
}

/** Mutually exclusive choices with a visible label. */
export function radioGroup(options: RadioGroupOptions): ValueControl {
  const element = create('vscode-radio-group', {
    id: options.id,
    orientation: options.vertical ? 'vertical' : 'horizontal',
    'aria-describedby': options.describedBy,
  });
  element.append(create('label', { slot: 'label' }, options.label));
  for (const c of options.choices) {
    const radio = create('vscode-radio', { value: c.value }, c.label);
    if (c.disabled) radio.setAttribute('disabled', '');
    if (c.value === options.value) radio.setAttribute('checked', '');
    element.append(radio);
  }
  const control = valueControl(element, ['change']);
  if (options.value !== undefined) control.value = options.value;
  return control;
}

export interface ButtonOptions {
  id?: string;
  label: string;
  secondary?: boolean;
  /** Accessible name when it differs from the visible label (e.g. "Copy AWS CLI script"). */
  ariaLabel?: string;
}

export function button(options: ButtonOptions): ButtonControl {
  const element = create(
    'vscode-button',
    { id: options.id, appearance: options.secondary ? 'secondary' : 'primary', 'aria-label': options.ariaLabel },
    options.label,
  );
  return {
    ...base(element),
    onClick(listener) {
      element.addEventListener('click', () => {
        if (!element.hasAttribute('disabled')) listener();
      });
    },
    setLabel(label) {
      element.textContent = label;
    },
  };
}

/** A busy indicator with an accessible name. */
export function progressRing(label: string): HTMLElement {
  return create('vscode-progress-ring', { 'aria-label': label });
}

export function divider(): HTMLElement {
  return create('vscode-divider', { role: 'separator' });
}
