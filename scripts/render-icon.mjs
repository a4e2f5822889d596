#!/usr/bin/env node
// Renders scripts/assets/icon.svg to media/icon.png (128x128) with Debian's Chromium.
// Run by hand after editing the SVG; the PNG is committed (the marketplace icon must be a PNG).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'scripts/assets/icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: fs.existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator('svg').screenshot({ path: path.join(root, 'media/icon.png'), omitBackground: true });
await browser.close();
console.log('media/icon.png written');
