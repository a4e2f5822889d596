// Both panels survive a window reload in the real workbench (code-server in Chromium, the packaged
// extension, the sandbox behind the user's settings): the Create Endpoint form comes back with what
// was typed and chosen, the Diagnose panel with its last results, marked as from before the reload
// and offering Re-run. The reload is the browser's own (what Developer: Reload Window does in a
// web workbench): VS Code restores the panels through the extension's WebviewPanelSerializers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { sandboxSettings, type SandboxInfo } from '../harness/editorEnvironment';
import { packagedVsixPath } from '../harness/paths';
import { startTestSandbox, type RunningSandbox } from '../harness/sandbox';
import { screenshotRecorder } from '../harness/screenshots';
import * as sel from '../harness/selectors';
import { makeTempDir, type TempDir } from '../harness/tempDir';
import { openViewContainer, openWorkbench, runPaletteCommand, waitForViewContent, type WorkbenchSession } from '../harness/workbench';
import { chooseDropdownOption, dropdownSelectedText, webviewContent } from '../journey/createEndpointForm';
import { journeyEnv } from '../journey/journeyEnvironment';
import { pickQuickItem, pickQuickItemTitled, pressEnter, typeIntoInputBox, waitForInputBox } from '../journey/quickInput';
import { expandRow, runContextMenuEntry, treeRow } from '../journey/workbenchParts';
import { createAppEndpoint } from '../exthost/support/sandboxEc2';

const CONTAINER = 'PlanetScale PrivateLink';
const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60001';
const NAME_TAG = 'reload-test-endpoint';

async function fieldValue(form: FrameLocator, id: string): Promise<string> {
  return form.locator(`vscode-text-field#${id}`).evaluate((el) => (el as HTMLInputElement).value);
}

/**
 * Developer: Reload Window, and waits until the workbench is interactive again. (A bare
 * page.reload() does not wait for the workbench to save its state: the open editors are lost.)
 */
async function reloadWindow(page: Page): Promise<void> {
  // Let the page's last setState reach the workbench first.
  await page.waitForTimeout(1000);
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 120_000 });
  await runPaletteCommand(page, 'Developer: Reload Window');
  await navigated;
  await page.locator(`${sel.workbench} .part.activitybar`).waitFor({ state: 'visible', timeout: 120_000 });
}

describe('e2e: the panels come back after a window reload', function () {
  this.timeout(300_000);
  const shots = screenshotRecorder('e2e-reload');
  let tmp: TempDir;
  let sandbox: RunningSandbox;
  let info: SandboxInfo;
  let session: WorkbenchSession;
  let page: Page;
  let endpointId = '';

  before(async function () {
    this.timeout(480_000);
    const vsix = packagedVsixPath();
    assert.ok(fs.existsSync(vsix), `${vsix} is missing: run "node scripts/package.mjs" first`);
    tmp = makeTempDir('e2e-reload');
    const vsixCopy = path.join(tmp.path, path.basename(vsix));
    fs.copyFileSync(vsix, vsixCopy);
    sandbox = await startTestSandbox();
    info = sandbox.info;
    // The endpoint the Diagnose panel checks, made as the form would (the fixture reads the info from the env).
    process.env.PRIVATELINK_SANDBOX_INFO = JSON.stringify(info);
    ({ endpointId } = await createAppEndpoint({ groupName: 'PScaleReloadTestSG' }));
    session = await openWorkbench({
      folder: tmp.sub('workspace'),
      installVsix: vsixCopy,
      env: journeyEnv(info),
      userSettings: sandboxSettings(info),
      startTimeoutMs: 300_000,
      loadTimeoutMs: 300_000,
    });
    page = session.page;
    // The extension's contributions (its palette commands too) are there once its views are.
    await openViewContainer(page, CONTAINER);
    await waitForViewContent(page, 'AWS');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await page.screenshot({ path: path.join(shots.dir, `failed-${Date.now()}.png`) }).catch(() => undefined);
  });

  after(async () => {
    await session?.close();
    await sandbox?.stop();
    delete process.env.PRIVATELINK_SANDBOX_INFO;
    tmp?.remove();
  });

  it('the Create Endpoint form comes back with the service name, VPC and name tag entered before the reload', async () => {
    await runPaletteCommand(page, 'PlanetScale PrivateLink: Create PrivateLink Endpoint');
    let form = webviewContent(page);
    await form.locator('#create-endpoint-form').waitFor({ timeout: 120_000 });
    await form.locator('vscode-text-field#serviceName input').fill(SERVICE);
    await form.locator('vscode-button#verify-service').click();
    await form.locator('#service-zones', { hasText: /us-east-1a/ }).waitFor({ timeout: 60_000 });
    await chooseDropdownOption(form, 'vpcId', /^app-vpc — vpc-/);
    await form.locator('#vpc-dns.ok').waitFor({ timeout: 60_000 });
    await form.locator('vscode-text-field#nameTag input').fill(NAME_TAG);
    await form.locator('vscode-text-field#nameTag input').press('Tab');
    assert.equal(await fieldValue(form, 'nameTag'), NAME_TAG);
    await shots.capture(page, 'create-before-reload');

    await reloadWindow(page);
    await page.locator('.tabs-container .tab', { hasText: 'Create PrivateLink Endpoint' }).waitFor({ timeout: 120_000 });
    form = webviewContent(page);
    await form.locator('#create-endpoint-form').waitFor({ timeout: 120_000 });
    assert.equal(await fieldValue(form, 'serviceName'), SERVICE, 'the service name typed before the reload');
    assert.equal(await fieldValue(form, 'nameTag'), NAME_TAG, 'the name tag typed before the reload');
    // The host loads the VPC list again and the page re-selects the VPC it had.
    await form.locator('vscode-dropdown#vpcId vscode-option', { hasText: /^app-vpc — / }).first().waitFor({ state: 'attached', timeout: 60_000 });
    await form.locator('#vpc-dns.ok').waitFor({ timeout: 60_000 });
    assert.match(await dropdownSelectedText(form, 'vpcId'), /^app-vpc — vpc-/, 'the VPC chosen before the reload');
    await shots.capture(page, 'create-after-reload');
    await runPaletteCommand(page, 'View: Close All Editors');
  });

  it('a finished Diagnose panel comes back with its results, marked as from before the reload, with Re-run', async () => {
    // The side bar may have come back open from the reload before: clicking its icon would close it.
    if (!(await page.locator(sel.viewPaneHeader('AWS')).isVisible())) await openViewContainer(page, CONTAINER);
    await waitForViewContent(page, 'AWS');
    await expandRow(treeRow(page, 'AWS', 'app-vpc'));
    const row = treeRow(page, 'AWS', endpointId);
    await row.waitFor({ timeout: 60_000 });
    await runContextMenuEntry(page, row, 'Diagnose Private Connection…');
    await pickQuickItem(page, "The DNS and TLS checks need the branch's Private Host", /Skip/);
    // The application's group comes from the endpoint's rules, and without a Private Host there is
    // no login to check: Diagnose asks nothing more.
    let panel = webviewContent(page);
    await panel.locator('.banner[role="status"] strong').first().waitFor({ timeout: 120_000 });
    assert.equal(await panel.locator('li#check-securityGroups.status-fail').count(), 0, 'the group the endpoint\'s rules name is admitted');
    // Then for a client the endpoint's group does not admit, so a check fails with a fix to copy.
    await panel.locator('vscode-button#action-changeInputs').click();
    await pickQuickItem(page, 'Which answer to change? Each is remembered for this VPC or endpoint.', /Where the application runs/);
    await pickQuickItemTitled(page, 'where does the application run?', /CIDR ranges/);
    await waitForInputBox(page, 'client CIDR ranges');
    await typeIntoInputBox(page, '10.0.1.0/24');
    await pressEnter(page);
    // The run with the new client has finished (the page is no longer busy) with that check failed.
    await panel.locator('[aria-busy="false"] li#check-securityGroups.status-fail').waitFor({ timeout: 120_000 });
    const checksBefore = await panel.locator('li.check h2').allInnerTexts();
    assert.ok(checksBefore.length >= 6, `the diagnosis listed its checks: ${checksBefore.join(' | ')}`);
    assert.equal(await panel.locator('#stale-banner').count(), 0, 'fresh results are not marked stale');
    await shots.capture(page, 'diagnose-before-reload');

    await reloadWindow(page);
    await page.locator('.tabs-container .tab', { hasText: 'Diagnose Private Connection' }).waitFor({ timeout: 120_000 });
    panel = webviewContent(page);
    const stale = panel.locator('#stale-banner[data-reason="reload"]');
    await stale.waitFor({ timeout: 120_000 });
    assert.equal(await stale.getAttribute('role'), 'status');
    assert.match(await stale.innerText(), /from before the window was reloaded/);
    assert.deepEqual(await panel.locator('li.check h2').allInnerTexts(), checksBefore, 'the same checks as before the reload');
    assert.match(await panel.locator('.facts').first().innerText(), new RegExp(`Endpoint ${endpointId}`));
    // Nothing of a restored view can be applied or copied (the host has no result of its own yet).
    const copyButtons = panel.locator('li.check vscode-button[id^="copy-"]');
    assert.ok((await copyButtons.count()) > 0, 'the failed checks still show their fix');
    for (const b of await copyButtons.all()) assert.equal(await b.evaluate((el) => el.hasAttribute('disabled')), true, 'copying waits for a re-run');
    assert.equal(await panel.locator('li.check vscode-button[id^="apply-"]').count(), 0, 'no fix is offered to apply');
    // Re-run is a real button, reachable from the keyboard.
    const rerun = panel.locator('vscode-button#stale-rerun');
    await rerun.focus();
    assert.equal(await rerun.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)), true, 'Re-run takes keyboard focus');
    await shots.capture(page, 'diagnose-after-reload');
    // The AWS tree's items keep their ids, so VS Code expands again what was expanded.
    await treeRow(page, 'AWS', endpointId).waitFor({ timeout: 60_000 });
    assert.equal(await treeRow(page, 'AWS', 'app-vpc').getAttribute('aria-expanded'), 'true', 'app-vpc is still expanded after the reload');
  });
});
