// Status colours in the webviews meet WCAG AA (4.5:1 for text) in VS Code's default light, dark
// and high-contrast themes: the Create Endpoint form is opened in each theme and the computed
// colour of every status style is measured against the page's computed background.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { FrameLocator } from 'playwright-core';
import { noAwsConfigEnv } from '../harness/editorEnvironment';
import { packagedVsixPath } from '../harness/paths';
import { webviewInnerFrame, webviewOuterFrame } from '../harness/selectors';
import { makeTempDir, type TempDir } from '../harness/tempDir';
import { openViewContainer, openWorkbench, runPaletteCommand, waitForViewContent, type WorkbenchSession } from '../harness/workbench';

const THEMES = ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast', 'Default High Contrast Light'];

/** Each status style as the pages write it: the Diagnose panel's words and the form's lines. */
const STYLES: Record<string, string> = {
  'pass (Diagnose)': '<span class="status-pass"><span class="status-word">Pass</span></span>',
  'warning (Diagnose)': '<span class="status-warn"><span class="status-word">Warning</span></span>',
  'error (Diagnose)': '<span class="status-fail"><span class="status-word">Failed</span></span>',
  'skipped (Diagnose)': '<span class="status-skipped"><span class="status-word">Skipped</span></span>',
  'pass (form)': '<p class="ok">Verified</p>',
  'warning (form)': '<p class="issue warning">Only one subnet</p>',
  'error (form)': '<p class="issue error">Choose a VPC</p>',
};

type Rgba = [number, number, number, number];

function parseColour(css: string): Rgba {
  const m = /rgba?\(([^)]+)\)/.exec(css);
  assert.ok(m, `not an rgb() colour: ${css}`);
  const [r, g, b, a = '1'] = m[1].split(/[\s,/]+/).filter(Boolean);
  return [Number(r), Number(g), Number(b), Number(a)];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast of a (possibly translucent) text colour over an opaque background. */
function contrast(text: Rgba, background: Rgba): number {
  const a = text[3];
  const seen: Rgba = [0, 1, 2].map((i) => text[i] * a + background[i] * (1 - a)) as unknown as Rgba;
  const [hi, lo] = [luminance(seen), luminance(background)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

async function measure(form: FrameLocator): Promise<{ background: string; colours: Record<string, string> }> {
  return form.locator('body').evaluate((body, styles) => {
    const host = document.createElement('div');
    host.id = 'contrast-probes';
    document.body.append(host);
    const colours: Record<string, string> = {};
    for (const [name, html] of Object.entries(styles)) {
      const wrap = document.createElement('div');
      wrap.innerHTML = html;
      host.append(wrap);
      const text = wrap.querySelector('.status-word') ?? wrap.firstElementChild!;
      colours[name] = getComputedStyle(text).color;
    }
    host.remove();
    return { background: getComputedStyle(body).backgroundColor, colours };
  }, STYLES);
}

/** The palette can open before it lists a freshly activated extension's commands: try again. */
async function openCreateForm(session: WorkbenchSession): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await runPaletteCommand(session.page, 'PlanetScale PrivateLink: Create PrivateLink Endpoint', 15_000);
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
      await session.page.keyboard.press('Escape');
    }
  }
}

describe('e2e: status colours are legible in every default theme', function () {
  this.timeout(600_000);
  let tmp: TempDir;

  before(() => {
    assert.ok(fs.existsSync(packagedVsixPath()), `${packagedVsixPath()} is missing: run "npm run package" first`);
    tmp = makeTempDir('e2e-contrast');
  });
  after(() => tmp?.remove());

  for (const theme of THEMES) {
    it(`meets 4.5:1 for each status in ${theme}`, async () => {
      let session: WorkbenchSession | undefined;
      try {
        session = await openWorkbench({
          folder: tmp.sub(`workspace-${theme.replace(/\W+/g, '-')}`),
          installVsix: packagedVsixPath(),
          env: noAwsConfigEnv(tmp.sub(`home-${theme.replace(/\W+/g, '-')}`)),
          userSettings: { 'workbench.colorTheme': theme },
        });
        // The container activates the extension, so its commands are in the palette.
        await openViewContainer(session.page, 'PlanetScale PrivateLink');
        await waitForViewContent(session.page, 'AWS');
        await openCreateForm(session);
        const form = session.page.frameLocator(webviewOuterFrame).last().frameLocator(webviewInnerFrame);
        await form.locator('#create-endpoint-form').waitFor({ timeout: 120_000 });
        const { background, colours } = await measure(form);
        const bg = parseColour(background);
        assert.equal(bg[3], 1, `the page background is opaque (${background})`);
        const ratios = Object.fromEntries(Object.entries(colours).map(([name, c]) => [name, Number(contrast(parseColour(c), bg).toFixed(2))]));
        const low = Object.entries(ratios).filter(([, r]) => r < 4.5);
        assert.deepEqual(low, [], `below 4.5:1 on ${background} in ${theme}: ${JSON.stringify({ ratios, colours })}`);
      } finally {
        await session?.close();
      }
    });
  }
});
