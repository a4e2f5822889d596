// The workbench's quick input (quick picks and input boxes) as a user drives it: wait for the
// prompt the extension shows, read its items, click one, or type and press Enter.
import type { Locator, Page } from 'playwright-core';
import { quickInput } from '../harness/selectors';
import { userActions } from './userActions';

const titleSel = `${quickInput} .quick-input-title`;
const inputSel = `${quickInput} .quick-input-box input`;
const rowSel = `${quickInput} .quick-input-list .monaco-list-row`;
/** An item's label (its detail line below is another icon label). */
const labelSel = '.quick-input-list-rows > .quick-input-list-row:first-child .label-name';

function escapeCss(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Waits for the quick pick whose input shows `placeholder` and returns its item rows. */
export async function waitForQuickPick(page: Page, placeholder: string, timeout = 60_000): Promise<Locator> {
  await page.locator(`${inputSel}[placeholder="${escapeCss(placeholder)}"]`).waitFor({ state: 'visible', timeout });
  const rows = page.locator(rowSel);
  await rows.first().waitFor({ state: 'visible', timeout });
  return rows;
}

/** Clicks the item labelled `label` of the quick pick titled `title` (for a pick whose placeholder states the current answer). */
export async function pickQuickItemTitled(page: Page, title: string, label: RegExp, timeout = 60_000): Promise<void> {
  await page.locator(titleSel, { hasText: title }).waitFor({ state: 'visible', timeout });
  const row = page.locator(rowSel).filter({ has: page.locator(labelSel, { hasText: label }) }).first();
  await row.waitFor({ state: 'visible', timeout });
  userActions.record('entry', `${title} → ${label.source}`);
  await row.click();
}

/** The labels of the visible items (without codicons), in order. */
export async function quickPickLabels(page: Page): Promise<string[]> {
  return page.locator(`${rowSel} ${labelSel}`).evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
}

/** Accessible names of the visible items (label, description, detail), in order. */
export async function quickPickItemNames(page: Page): Promise<string[]> {
  return page.locator(rowSel).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** Clicks the item whose label matches, in the quick pick showing `placeholder`. */
export async function pickQuickItem(page: Page, placeholder: string, label: RegExp, timeout = 60_000): Promise<void> {
  const rows = await waitForQuickPick(page, placeholder, timeout);
  const row = rows.filter({ has: page.locator(labelSel, { hasText: label }) }).first();
  await row.waitFor({ state: 'visible', timeout });
  userActions.record('entry', `${placeholder} → ${label.source}`);
  await row.click();
}

export interface InputBoxState {
  title: string;
  prompt: string;
  /** The input's type: "password" when the box masks what is typed. */
  type: string;
}

/** Waits for the input box whose title contains `title` and describes it. */
export async function waitForInputBox(page: Page, title: string, timeout = 60_000): Promise<InputBoxState> {
  await page.locator(titleSel, { hasText: title }).waitFor({ state: 'visible', timeout });
  const input = page.locator(inputSel);
  await input.waitFor({ state: 'visible', timeout });
  return {
    title: (await page.locator(titleSel).innerText()).trim(),
    prompt: (await page.locator(`${quickInput} .quick-input-message`).innerText()).trim(),
    type: (await input.getAttribute('type')) ?? '',
  };
}

/**
 * Types into the open input box without pressing Enter. A secret never reaches an error message:
 * Playwright's call log would repeat the typed text, so failures are rethrown without it.
 */
export async function typeIntoInputBox(page: Page, value: string, options: { secret?: boolean } = {}): Promise<void> {
  const input = page.locator(inputSel);
  try {
    await input.fill(value);
  } catch (err) {
    if (!options.secret) throw err;
    const message = (err as Error).message.split(value).join('***');
    throw new Error(`typing into the input box failed: ${message.replace(/fill\(".*?"\)/g, 'fill(***)')}`);
  }
}

export async function pressEnter(page: Page, what = 'Enter'): Promise<void> {
  userActions.record('entry', what);
  await page.keyboard.press('Enter');
}

/** Waits until no quick input is showing. */
export async function waitForQuickInputClosed(page: Page, timeout = 60_000): Promise<void> {
  await page.locator(quickInput).waitFor({ state: 'hidden', timeout });
}

/** The accessible name of the item the quick pick has focused (what Enter accepts). */
export async function focusedQuickItemName(page: Page): Promise<string> {
  const focused = page.locator(`${rowSel}.focused`);
  await focused.first().waitFor({ state: 'visible' });
  return (await focused.first().getAttribute('aria-label')) ?? '';
}
