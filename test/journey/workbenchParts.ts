// Workbench parts the journey needs beyond the harness: tree rows by label, context menus, the
// side bar width (so screenshots show whole rows), the status bar item's history, and the
// notification center.
import type { Locator, Page } from 'playwright-core';
import * as sel from '../harness/selectors';
import { runPaletteCommand } from '../harness/workbench';

/** The row of a view's tree whose label is exactly `label`. */
export function treeRow(page: Page, view: string, label: string): Locator {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator(sel.treeRows(view)).filter({ has: page.locator(sel.treeRowLabel, { hasText: exact }) });
}

/** Label and description of each row of a view, as shown. */
export async function treeRowTexts(page: Page, view: string): Promise<Array<{ label: string; description: string }>> {
  return page.locator(sel.treeRows(view)).evaluateAll((rows) =>
    rows.map((row) => ({
      label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
      description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
    })),
  );
}

/** Expands a collapsed tree row by clicking it (VS Code trees expand on click). */
export async function expandRow(row: Locator, timeout = 60_000): Promise<void> {
  await row.waitFor({ state: 'visible', timeout });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await row.and(row.page().locator('[aria-expanded="true"]')).waitFor({ timeout });
}

/** Drags the side bar's edge so that tree rows and their descriptions fit in screenshots. */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width + 1, y, { steps: 10 });
  await page.mouse.up();
  await page.mouse.move(box.x + width + 300, y);
}

/** Right-clicks `row` and clicks the context-menu entry labelled `entry`. */
export async function runContextMenuEntry(page: Page, row: Locator, entry: string, beforeClick?: () => Promise<unknown>): Promise<void> {
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-item', { has: page.locator('.action-label', { hasText: entry }) });
  await item.first().waitFor({ state: 'visible' });
  // The menu fades in: let that finish so a screenshot shows it solid.
  await page.waitForFunction(
    "(() => { const m = document.querySelector('.context-view'); return !!m && m.getAnimations({ subtree: true }).every((a) => a.playState !== 'running'); })()",
  );
  if (beforeClick) await beforeClick();
  await item.first().click();
}

/** The text of the status bar item contributed by an extension (empty when it is not shown). */
export async function statusBarText(page: Page, itemId: string): Promise<string> {
  const item = page.locator(sel.statusBarItem(itemId));
  if (!(await item.count())) return '';
  return (await item.first().innerText()).trim();
}

/**
 * Records every text the status bar item shows from now on (a MutationObserver in the page), so a
 * short-lived state such as "pending" is not missed between two checks.
 */
export async function recordStatusBarItem(page: Page, itemId: string): Promise<void> {
  // A string, not a function: tsx would wrap inner functions in a helper the page does not have.
  await page.evaluate(`(() => {
    const id = ${JSON.stringify(itemId)};
    const history = (window.__journeyStatus = []);
    const read = () => {
      const el = document.getElementById(id);
      const text = el && el.offsetParent !== null ? (el.textContent || '').trim() : '';
      if (!history.length || history[history.length - 1].text !== text) history.push({ at: Date.now(), text });
    };
    read();
    const bar = document.querySelector('.part.statusbar');
    if (bar) new MutationObserver(read).observe(bar, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
}

/** What the recorded status bar item showed, in order (an empty text: not shown). */
export async function statusBarHistory(page: Page): Promise<string[]> {
  return page.evaluate(() => ((window as unknown as { __journeyStatus?: Array<{ text: string }> }).__journeyStatus ?? []).map((h) => h.text));
}

export interface ShownNotification {
  severity: 'error' | 'warning' | 'info';
  text: string;
}

/**
 * Opens the notification center (with the smoke-test driver on, notifications are read there, not
 * as toasts), waits until one matches `waitFor` if given, reads them all, runs `whileOpen` (e.g. a
 * screenshot) and closes the center again.
 */
export async function notificationsShown(
  page: Page,
  options: { waitFor?: RegExp; timeout?: number; whileOpen?: () => Promise<unknown> } = {},
): Promise<ShownNotification[]> {
  await runPaletteCommand(page, 'Notifications: Show Notifications');
  const center = page.locator(sel.notificationCenter);
  await center.waitFor({ state: 'visible', timeout: 30_000 });
  if (options.waitFor) {
    await center.locator(sel.notificationRows, { hasText: options.waitFor }).first().waitFor({ timeout: options.timeout ?? 60_000 }).catch(() => undefined);
  }
  // Read every row in one step: a row can go (a progress notification ends) between two reads.
  const result: ShownNotification[] = await center.locator(sel.notificationRows).evaluateAll((rows) =>
    rows.map((row) => {
      const icon = row.querySelector('.notification-list-item-icon')?.getAttribute('class') ?? '';
      const severity = icon.includes('codicon-error') ? 'error' : icon.includes('codicon-warning') ? 'warning' : 'info';
      return { severity, text: ((row as HTMLElement).innerText ?? '').trim() } as const;
    }),
  );
  if (options.whileOpen) await options.whileOpen();
  await runPaletteCommand(page, 'Notifications: Hide Notifications');
  await center.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  return result;
}

export interface ShownDialog {
  message: string;
  detail: string;
  buttons: string[];
}

/**
 * Waits for the modal dialog whose text matches and reads its message, detail and buttons. (A
 * message given without a detail may be shown in the detail's place: the message is the part that
 * matches, the detail the rest.)
 */
export async function waitForDialog(page: Page, message: RegExp, timeout = 120_000): Promise<ShownDialog> {
  const dialog = page.locator(sel.dialogBox, { hasText: message });
  await dialog.waitFor({ state: 'visible', timeout }).catch(async (err: Error) => {
    const open = await page.locator(sel.dialogBox).allInnerTexts().catch(() => []);
    throw new Error(`no dialog matching ${message} within ${timeout} ms; dialogs shown: ${JSON.stringify(open)} (${err.message.split('\n')[0]})`);
  });
  const parts = (await dialog.locator(`${sel.dialogMessage}, ${sel.dialogDetail}`).allInnerTexts()).map((p) => p.trim()).filter(Boolean);
  const index = Math.max(0, parts.findIndex((p) => message.test(p)));
  return {
    message: parts[index] ?? '',
    detail: parts.filter((_, i) => i !== index).join('\n'),
    buttons: (await dialog.locator(sel.dialogButton).allInnerTexts()).map((b) => b.trim()),
  };
}

/** Clicks the button of the dialog showing `message` and waits until that dialog has gone. */
export async function answerDialog(page: Page, message: RegExp, button: string): Promise<void> {
  const dialog = page.locator(sel.dialogBox, { hasText: message });
  await dialog.locator(sel.dialogButton, { hasText: new RegExp(`^${button.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
}
