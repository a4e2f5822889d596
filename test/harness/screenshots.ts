// Screenshots kept as test artifacts: test-output/<suite>/NN-<step>.png, numbered in the order taken.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { testOutputDir } from './paths';

export interface ScreenshotRecorder {
  readonly dir: string;
  /** Saves the page as the next NN-<step>.png and returns its path. */
  capture(page: Page, step: string): Promise<string>;
  /** Copies a file into the suite's output folder (e.g. a written .env) and returns its path. */
  keepFile(source: string, name: string): string;
}

/** A recorder for one suite; `clean` removes the suite's earlier artifacts first. */
export function screenshotRecorder(suite: string, options: { clean?: boolean } = {}): ScreenshotRecorder {
  const dir = path.join(testOutputDir, suite);
  if (options.clean ?? true) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let count = 0;
  return {
    dir,
    async capture(page: Page, step: string): Promise<string> {
      count += 1;
      const file = path.join(dir, `${String(count).padStart(2, '0')}-${slug(step)}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    keepFile(source: string, name: string): string {
      const target = path.join(dir, name);
      fs.copyFileSync(source, target);
      return target;
    },
  };
}

function slug(step: string): string {
  return step.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'step';
}
