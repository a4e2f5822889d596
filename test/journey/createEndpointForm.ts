// The Create Endpoint webview (media/src/createEndpoint) as a user fills it in: its controls are
// webview-ui-toolkit elements, so choices are made by clicking them and read from their ARIA state.
// Below them, the journeys' one way through the form: a new endpoint for acme/orders/main in app-vpc.
import assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { webviewInnerFrame, webviewOuterFrame } from '../harness/selectors';
import { eventually } from '../harness/eventually';
import { maskSecrets } from './privateConnection';
import { userActions } from './userActions';

/** The content frame of the most recently shown webview. */
export function webviewContent(page: Page): FrameLocator {
  return page.frameLocator(webviewOuterFrame).last().frameLocator(webviewInnerFrame);
}

/** Opens a `vscode-dropdown` and clicks the option whose text matches (two counted actions). */
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

/** What the journeys' Create Endpoint steps need of the running journey. */
export interface FormJourney {
  page: Page;
  capture(step: string): Promise<unknown>;
  secrets(): string[];
}

/**
 * From the branch row's inline action to the plan: the form names the branch and its Private
 * Host, the prefilled service name is retyped and verified (zones 1a and 1b), app-vpc is
 * preselected with DNS on, one subnet in each of 1a and 1b (1c not offered), a new security group
 * admitting app-servers, private DNS on, and the plan with its four steps and cost. Returns the
 * form, ready to create.
 */
export async function fillCreateEndpointFormForAppVpc(
  journey: FormJourney,
  branch: { row: Locator; path: string; privateHost: string; serviceName: string },
): Promise<FrameLocator> {
  const { page, capture } = journey;
  await branch.row.hover();
  await userActions.click('Create PrivateLink Endpoint… on the branch', branch.row.getByRole('button', { name: 'Create PrivateLink Endpoint…' }));
  const form = webviewContent(page);
  await form.locator('#create-endpoint-form').waitFor({ timeout: 120_000 });
  await page.locator('.tabs-container .tab', { hasText: 'Create PrivateLink Endpoint' }).waitFor();
  await form.locator('#origin', { hasText: branch.path }).waitFor();
  assert.ok((await form.locator('#origin').innerText()).includes(branch.privateHost), 'the form names the branch and its Private Host');
  // The service name comes from the branch; the user verifies it.
  const serviceName = await form.locator('vscode-text-field#serviceName').evaluate((el) => (el as HTMLInputElement).value);
  assert.equal(serviceName, branch.serviceName, 'the Private Service Name is prefilled from the branch');
  // Select all and retype, as a user pasting by hand would: no keystroke may be lost (the
  // workbench's own Select All must not come back into the page while the user types). Not part
  // of the counted path (userActions.ts): the form verifies the prefilled name by itself, so this
  // retyping and the Verify click below only check typing into the form.
  const serviceField = form.locator('vscode-text-field#serviceName input');
  await serviceField.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(branch.serviceName, { delay: 100 });
  assert.equal(await form.locator('vscode-text-field#serviceName').evaluate((el) => (el as HTMLInputElement).value), branch.serviceName, 'every typed character is kept');
  await form.locator('vscode-button#verify-service').click();
  await form.locator('#service-zones', { hasText: /^us-east-1a, us-east-1b$/ }).waitFor({ timeout: 60_000 });
  assert.match(await form.locator('#service-facts').innerText(), /\*\.private-pg\.psdb\.cloud[\s\S]*not required/);
  await page.mouse.move(300, 840);
  await capture('create-form-service-verified');

  // app-vpc is preselected, the only non-default VPC with DNS support and hostnames on: no click.
  const appVpc = /^app-vpc — vpc-[0-9a-f]{17} — 127\.\d+\.0\.0\/16/;
  let shown = '';
  await eventually(async () => (appVpc.test((shown = await dropdownSelectedText(form, 'vpcId'))) ? true : undefined), 'app-vpc to be preselected', 60_000).catch(() => {
    throw new Error(`app-vpc is not preselected; the VPC dropdown shows "${shown}"`);
  });
  await form.locator('#vpc-dns.ok').waitFor({ timeout: 60_000 });
  await ensureChecked(subnetRadio(form, 'us-east-1a', 'app-vpc-us-east-1a'));
  await ensureChecked(subnetRadio(form, 'us-east-1b', 'app-vpc-us-east-1b'));
  const zoneC = subnetRadio(form, 'us-east-1c', 'app-vpc-us-east-1c');
  assert.equal(await isDisabled(zoneC), true, 'us-east-1c is not offered by the service');
  assert.equal(await isChecked(zoneC), false);
  await form.locator('#subnet-section').scrollIntoViewIfNeeded();
  await capture('create-form-vpc-and-subnets');

  await ensureChecked(form.locator('vscode-radio-group#sgMode vscode-radio[value="create"]'));
  await ensureChecked(form.locator('vscode-radio-group#sourceKind vscode-radio[value="securityGroups"]'));
  await ensureChecked(sourceGroupCheckbox(form, 'app-servers'));
  assert.equal(await form.locator('vscode-text-field#groupName').evaluate((el) => (el as HTMLInputElement).value), 'PScalePrivateLinkEndpointSG');
  assert.equal(await isChecked(form.locator('vscode-checkbox#privateDns')), true, 'private DNS is on');
  await form.locator('#sg-section').scrollIntoViewIfNeeded();
  await capture('create-form-security-group');

  await form.locator('#plan-area .plan').waitFor({ timeout: 60_000 });
  assert.deepEqual(await planStepIds(form), ['createSecurityGroup', 'authorizeIngress', 'createEndpoint', 'waitAvailable']);
  assert.match(await form.locator('#plan-cost').innerText(), /about \$14\.60 a month for 2 Availability Zones/);
  const planText = await form.locator('#plan-area').innerText();
  assert.match(planText, /TCP 5432 and 6432 from security group sg-[0-9a-f]{17}/);
  const disclosures = await form.locator('#plan-area summary').allInnerTexts();
  assert.equal(new Set(disclosures).size, disclosures.length, `each disclosure has its own name: ${disclosures.join(' | ')}`);
  await form.locator('#plan-section').scrollIntoViewIfNeeded();
  await capture('create-form-plan');
  return form;
}

/**
 * Waits for the run started by Create to finish, asserts every step succeeded and the button
 * cannot start a second run, and returns the new endpoint's id.
 */
export async function awaitCreatedEndpoint(journey: FormJourney, form: FrameLocator, finished: Promise<unknown>): Promise<string> {
  await finished;
  const outcome = form.locator('#outcome');
  assert.equal(await outcome.getAttribute('data-outcome'), 'succeeded', maskSecrets(await outcome.innerText(), journey.secrets()));
  const endpointId = (await form.locator('#created-endpoint-id').innerText()).trim();
  assert.match(endpointId, /^vpce-[0-9a-f]{17}$/);
  assert.deepEqual(await runStepStatuses(form), { createSecurityGroup: 'done', authorizeIngress: 'done', createEndpoint: 'done', waitAvailable: 'done' });
  const createButton = form.locator('vscode-button#create');
  assert.equal(await createButton.evaluate((el) => el.hasAttribute('disabled')), true, 'a second click cannot start a second run');
  assert.equal((await createButton.innerText()).trim(), 'Endpoint created');
  // The outcome can still be rendered anew (the status bar's watcher reports the same endpoint): retry.
  await eventually(() => outcome.scrollIntoViewIfNeeded({ timeout: 5_000 }).then(() => true), 'the outcome to scroll into view', 30_000);
  await journey.capture('endpoint-created');
  return endpointId;
}

/** The form's outcome (succeeded or failed) shown, after Create was clicked. */
export function createFinished(form: FrameLocator, timeout = 180_000): Promise<'finished'> {
  return form.locator('#outcome').waitFor({ timeout }).then(() => 'finished' as const);
}
