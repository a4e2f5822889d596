// Reads the ticks of the extension's walkthrough, the way a developer sees them on its page.
import type { Page } from 'playwright-core';
import * as sel from '../harness/selectors';
import { runPaletteCommand } from '../harness/workbench';

/**
 * Opens the walkthrough and reads each step's aria-checked until they match `expected` or 20 s
 * pass; returns the last reading, for the caller to assert.
 */
export async function readWalkthroughChecks(page: Page, expected: Record<string, string>): Promise<Record<string, string | null>> {
  await runPaletteCommand(page, 'Welcome: Open Walkthrough...');
  await page.locator(sel.quickInputRows, { hasText: /Connect privately to PlanetScale Postgres/ }).first().click();
  const step = (id: string) => page.locator(`button.getting-started-step[data-step-id$="#${id}"], button.getting-started-step[data-step-id="${id}"]`).first();
  await step('awsProfile').waitFor({ state: 'attached', timeout: 60_000 });
  const ids = Object.keys(expected);
  // The steps already true as the walkthrough opens tick a moment after it is shown.
  const checked: Record<string, string | null> = {};
  const deadline = Date.now() + 20_000;
  do {
    for (const id of ids) checked[id] = await step(id).getAttribute('aria-checked');
    if (JSON.stringify(checked) === JSON.stringify(expected)) break;
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < deadline);
  return checked;
}
