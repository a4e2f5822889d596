// Debian's Chromium driven by playwright-core (no browser download), quiet and offline.
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { makeTempDir } from './tempDir';

const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium binary: CHROMIUM_PATH, else Debian's (the real binary, not its shell launcher). */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
  const found = candidates.find((p): p is string => !!p && fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: install the Debian package "chromium" or set CHROMIUM_PATH.');
  return found;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Messages the page logged (console errors included), for failure reports. */
  consoleMessages: string[];
  close(): Promise<void>;
}

export interface BrowserOptions {
  viewport?: { width: number; height: number };
  headless?: boolean;
}

/** Launches Chromium with a fresh profile and opens one page. */
export async function launchBrowser(options: BrowserOptions = {}): Promise<BrowserSession> {
  const tmp = makeTempDir('chromium');
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(tmp.sub('profile'), {
      executablePath: chromiumPath(),
      headless: options.headless ?? !process.env.HEADED,
      args: QUIET_FLAGS,
      // Its own HOME too: Chromium keeps crash-report folders under ~/.config otherwise.
      env: { ...process.env, HOME: tmp.sub('home') },
      viewport: options.viewport ?? { width: 1400, height: 900 },
      timeout: 60_000,
    });
  } catch (err) {
    tmp.remove();
    throw err;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  // The workbench is heavy for a 2-core machine: give actions room before calling them stuck.
  page.setDefaultTimeout(60_000);
  const consoleMessages: string[] = [];
  page.on('console', (msg) => consoleMessages.push(`[${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (err) => consoleMessages.push(`[pageerror] ${err.message}`));
  return {
    context,
    page,
    consoleMessages,
    async close() {
      await context.close().catch(() => undefined);
      tmp.remove();
    },
  };
}

export type { Browser, Page };
