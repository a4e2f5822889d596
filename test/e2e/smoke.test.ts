// The packaged extension in a real workbench: installed from the .vsix into code-server, opened in
// Chromium on an empty folder with no AWS configuration and no PlanetScale token.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { noAwsConfigEnv } from '../harness/editorEnvironment';
import { packagedVsixPath, projectRoot } from '../harness/paths';
import { screenshotRecorder } from '../harness/screenshots';
import * as sel from '../harness/selectors';
import { makeTempDir, type TempDir } from '../harness/tempDir';
import { openViewContainer, openWorkbench, readNotifications, waitForViewContent, type WorkbenchSession } from '../harness/workbench';

interface Manifest {
  publisher: string;
  name: string;
  version: string;
  contributes: {
    viewsContainers: { activitybar: Array<{ id: string; title: string }> };
    viewsWelcome: Array<{ view: string; when?: string; contents: string }>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as Manifest;
const containerTitle = 'PlanetScale PrivateLink';

/** The first button label ("[label](command:...)") of the welcome entry shown in `state`. */
function welcomeButton(view: string, state: string): string {
  const entry = manifest.contributes.viewsWelcome.find((w) => w.view === view && (w.when ?? '').includes(state));
  assert.ok(entry, `no viewsWelcome entry for ${view} when ${state}`);
  const button = /\[([^\]]+)\]\(command:/.exec(entry.contents);
  assert.ok(button, `the welcome content of ${view} (${state}) has no command button`);
  return button[1];
}

describe('e2e smoke: the packaged extension in code-server', function () {
  this.timeout(180_000);
  let tmp: TempDir;
  let session: WorkbenchSession;
  const shots = screenshotRecorder('e2e');

  before(async () => {
    const vsix = packagedVsixPath();
    assert.ok(fs.existsSync(vsix), `${vsix} is missing: run "npm run package" first`);
    tmp = makeTempDir('e2e-smoke');
    session = await openWorkbench({ folder: tmp.sub('workspace'), installVsix: vsix, env: noAwsConfigEnv(tmp.path) });
  });

  after(async () => {
    await session?.close();
    tmp?.remove();
  });

  it('installs the .vsix into the extensions folder', () => {
    const installed = fs.readdirSync(session.server.extensionsDir);
    const expected = `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase();
    assert.ok(installed.some((d) => d.toLowerCase() === expected), `installed: ${installed.join(', ')}`);
  });

  it('opens its activity-bar container with the AWS and PlanetScale views', async () => {
    const { page } = session;
    assert.equal(manifest.contributes.viewsContainers.activitybar[0].title, containerTitle);
    await openViewContainer(page, containerTitle);
    await page.locator(sel.viewPaneHeader('AWS')).waitFor({ state: 'visible' });
    await page.locator(sel.viewPaneHeader('PlanetScale')).waitFor({ state: 'visible' });
    await waitForViewContent(page, 'AWS');
    await waitForViewContent(page, 'PlanetScale');
    await shots.capture(page, 'activity-bar');
    assert.ok(fs.existsSync(path.join(shots.dir, '01-activity-bar.png')));
  });

  it('shows the set-up welcome content in both views when nothing is configured', async () => {
    const { page } = session;
    const aws = page.locator(sel.welcomeContent('AWS'));
    await aws.getByRole('button', { name: welcomeButton('planetscalePrivateLink.awsExplorer', 'noProfiles') }).waitFor({ timeout: 30_000 });
    const planetscale = page.locator(sel.welcomeContent('PlanetScale'));
    await planetscale
      .getByRole('button', { name: welcomeButton('planetscalePrivateLink.planetscaleExplorer', 'noToken') })
      .waitFor({ timeout: 30_000 });
  });

  it('raises no error or warning notification', async () => {
    const notifications = await readNotifications(session.page);
    // A clean workbench raises none of its own, so any error or warning here is a finding.
    assert.deepEqual(notifications.filter((n) => n.severity !== 'info'), []);
  });
});
