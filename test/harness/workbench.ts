// A code-server workbench in Chromium, ready for Playwright: the base of the end-to-end tests.
import type { Page } from 'playwright-core';
import { launchBrowser, type BrowserOptions, type BrowserSession } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import * as sel from './selectors';

export interface WorkbenchSession {
  server: CodeServer;
  browser: BrowserSession;
  page: Page;
  close(): Promise<void>;
}

export type WorkbenchOptions = CodeServerOptions & BrowserOptions & { loadTimeoutMs?: number };

/** Starts code-server, opens the workbench on `folder` and waits until it is interactive. */
export async function openWorkbench(options: WorkbenchOptions): Promise<WorkbenchSession> {
  const server = await startCodeServer(options);
  let browser: BrowserSession | undefined;
  try {
    browser = await launchBrowser(options);
    const { page } = browser;
    const timeout = options.loadTimeoutMs ?? 120_000;
    await page.goto(server.url, { waitUntil: 'domcontentloaded', timeout });
    await page.locator(sel.workbench).waitFor({ state: 'visible', timeout });
    await page.locator(`${sel.workbench} .part.activitybar`).waitFor({ state: 'visible', timeout });
    const session = browser;
    return {
      server,
      browser: session,
      page,
      async close() {
        await session.close();
        await server.stop();
      },
    };
  } catch (err) {
    await browser?.close();
    await server.stop();
    throw err;
  }
}

/** Clicks a view container's activity-bar icon and waits for its side bar. */
export async function openViewContainer(page: Page, containerTitle: string, timeout = 60_000): Promise<void> {
  const item = page.locator(sel.activityBarItem(containerTitle));
  await item.waitFor({ state: 'visible', timeout });
  await item.click();
  // Move off the icon so its hover tooltip does not cover the side bar in screenshots.
  await page.mouse.move(700, 450);
  await page.locator(sel.sideBarTitle, { hasText: new RegExp(escapeRegExp(containerTitle), 'i') }).waitFor({ timeout });
}

/** Waits until a view shows something of its own: tree rows or its welcome content. */
export async function waitForViewContent(page: Page, viewName: string, timeout = 60_000): Promise<void> {
  const content = page.locator(`${sel.treeRows(viewName)}, ${sel.welcomeContent(viewName)}`);
  await content.first().waitFor({ state: 'visible', timeout });
  // Let a running load finish so screenshots show the settled view (a stuck one is not an error here).
  await page
    .locator(`${sel.viewPane(viewName)} .monaco-progress-container.active`)
    .waitFor({ state: 'hidden', timeout: 15_000 })
    .catch(() => undefined);
}

/** Runs a command by its palette label (e.g. "PlanetScale PrivateLink: Refresh"). */
export async function runPaletteCommand(page: Page, label: string, timeout = 30_000): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator(sel.quickInputBox);
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(`>${label}`);
  await page.locator(sel.quickInputRows, { hasText: label }).first().waitFor({ timeout });
  await page.keyboard.press('Enter');
}

/** Opens the notification center and returns the text of each notification with its severity. */
export async function readNotifications(page: Page): Promise<Array<{ severity: 'error' | 'warning' | 'info'; text: string }>> {
  await runPaletteCommand(page, 'Notifications: Show Notifications');
  const center = page.locator(sel.notificationCenter);
  await center.waitFor({ state: 'visible', timeout: 10_000 });
  const rows = center.locator(sel.notificationRows);
  const result: Array<{ severity: 'error' | 'warning' | 'info'; text: string }> = [];
  for (const row of await rows.all()) {
    const icon = (await row.locator('.notification-list-item-icon').getAttribute('class')) ?? '';
    const severity = icon.includes('codicon-error') ? 'error' : icon.includes('codicon-warning') ? 'warning' : 'info';
    result.push({ severity, text: (await row.innerText()).trim() });
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
