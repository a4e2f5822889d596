// The Create Endpoint webview (media/src/createEndpoint) as a user fills it in: its controls are
// webview-ui-toolkit elements, so choices are made by clicking them and read from their ARIA state.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { webviewInnerFrame, webviewOuterFrame } from '../harness/selectors';
import { userActions } from './userActions';

/** The content frame of the most recently shown webview. */
export function webviewContent(page: Page): FrameLocator {
  return page.frameLocator(webviewOuterFrame).last().frameLocator(webviewInnerFrame);
}

/** Opens a `vscode-dropdown` and clicks the option whose text matches. */
export async function chooseDropdownOption(form: FrameLocator, dropdownId: string, option: RegExp): Promise<void> {
  const dropdown = form.locator(`vscode-dropdown#${dropdownId}`);
  await dropdown.locator('vscode-option', { hasText: option }).first().waitFor({ state: 'attached' });
  userActions.record('click', `open ${dropdownId}`);
  await dropdown.click();
  userActions.record('click', `choose ${option.source}`);
  await dropdown.locator('vscode-option', { hasText: option }).first().click();
}

/** The text the dropdown shows as chosen. */
export async function dropdownSelectedText(form: FrameLocator, dropdownId: string): Promise<string> {
  return form.locator(`vscode-dropdown#${dropdownId}`).evaluate((el) => {
    const selected = el.querySelector('vscode-option[aria-selected="true"]') ?? el.querySelector('vscode-option[selected]');
    return (selected?.textContent ?? '').trim();
  });
}

/** Whether a toolkit radio or checkbox is checked, from its ARIA state. */
export async function isChecked(control: Locator): Promise<boolean> {
  return (await control.getAttribute('aria-checked')) === 'true';
}

export async function isDisabled(control: Locator): Promise<boolean> {
  return (await control.getAttribute('aria-disabled')) === 'true';
}

/** Clicks a radio or checkbox unless it is already checked, then waits until it is. */
export async function ensureChecked(control: Locator, timeout = 30_000): Promise<void> {
  await control.waitFor({ state: 'visible', timeout });
  if (!(await isChecked(control))) {
    userActions.record('click', `check ${(await control.innerText()).trim()}`);
    await control.click();
  }
  await control.and(control.page().locator('[aria-checked="true"]')).waitFor({ timeout }).catch(async () => {
    throw new Error(`${await control.innerText()} did not become checked`);
  });
}

/** The radio of the subnet labelled `subnetName` in an Availability Zone's group. */
export function subnetRadio(form: FrameLocator, zone: string, subnetName: string): Locator {
  return form.locator(`vscode-radio-group#subnets-${zone} vscode-radio`, { hasText: subnetName });
}

/** The "client security group" checkbox of the group named `groupName`. */
export function sourceGroupCheckbox(form: FrameLocator, groupName: string): Locator {
  return form.locator('#source-groups vscode-checkbox', { hasText: new RegExp(`^${groupName} — sg-`) });
}

/** Ids of the plan's steps, in order. */
export async function planStepIds(form: FrameLocator): Promise<string[]> {
  return form.locator('#plan-area .plan-steps > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-step') ?? ''));
}

/** The latest status of each step of the running (or finished) create, by step id. */
export async function runStepStatuses(form: FrameLocator): Promise<Record<string, string>> {
  return form.locator('#run-steps > li').evaluateAll((items) =>
    Object.fromEntries(items.map((li) => [li.getAttribute('data-step') ?? '', li.getAttribute('data-status') ?? ''])),
  );
}
