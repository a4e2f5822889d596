// The journey on a laptop (issue 15): this machine is outside every VPC (the sandbox's laptop
// vantage: its resolver does not see the private zone, the endpoint's forwarders find no route
// from it), as most users are. The packaged extension in code-server, driven through Chromium,
// set up as the demo is (sandbox settings, token in the environment): the explorer's first view →
// Create Endpoint in app-vpc through the form → available in the status bar → Write Connection
// String: "Verify from an Instance", app-instance preselected, the probe script shown and
// accepted, the login over the public host, the confirmation naming both legs → .env written →
// the branch's endpoint and the status bar say "verified from i-…". Screenshots:
// test-output/journey-laptop/NN-<step>.png; the written file, password masked: written.env.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { sandboxSettings, type SandboxInfo } from '../harness/editorEnvironment';
import { eventually } from '../harness/eventually';
import * as sel from '../harness/selectors';
import { openViewContainer, waitForViewContent } from '../harness/workbench';
import { awaitCreatedEndpoint, createFinished, fillCreateEndpointFormForAppVpc } from './createEndpointForm';
import { emulatedEndpoints, laptopEnv, type EmulatedEndpoint } from './journeyEnvironment';
import { CONTAINER, journeyHooks, readWrittenDatabaseUrl, SERVICE, STATUS_ITEM_ID } from './journeySession';
import { maskSecrets, resolveThroughDnsServer } from './privateConnection';
import { expandRow, notificationsShown, statusBarText, treeRow, treeRowTexts, widenSideBar } from './workbenchParts';
import { writeFromLaptop, type LaptopWrite } from './writeSteps';

const PUBLIC_HOST = 'us-east-1.pg.psdb.cloud';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('laptop journey: from the first view to a .env written after the private path was proven from inside the VPC', function () {
  this.timeout(240_000);
  const journey = journeyHooks({ suite: 'journey-laptop', sandboxOptions: { vantage: 'laptop' }, env: laptopEnv, userSettings: sandboxSettings });
  let info: SandboxInfo;
  let page: Page;
  let privateHost = '';
  let endpoint: EmulatedEndpoint | undefined;
  let instanceId = '';
  /** Every text the user was shown during the write (dialogs and notifications), for the secret check. */
  const shownTexts: string[] = [];
  const capture = (step: string): Promise<string> => journey.capture(step);
  const envFile = (): string => path.join(journey.workspace, '.env');

  before(() => {
    ({ info, page } = journey);
  });

  it('1. the first view: both trees at once, app-vpc with no endpoint, acme → orders → main with its Private Host', async () => {
    assert.equal(info.vantage, 'laptop');
    await openViewContainer(page, CONTAINER, 120_000);
    await widenSideBar(page, 520);
    await treeRow(page, 'AWS', 'app-vpc').waitFor({ timeout: 120_000 });
    await waitForViewContent(page, 'AWS');
    const aws = await treeRowTexts(page, 'AWS');
    assert.deepEqual(aws.slice(0, 2).map((r) => r.label), [info.awsProfile, 'us-east-1'], JSON.stringify(aws));
    assert.match(aws.find((r) => r.label === 'app-vpc')!.description, /^vpc-[0-9a-f]{17} · 127\.\d+\.0\.0\/16 · 0 endpoints$/);

    await expandRow(treeRow(page, 'PlanetScale', 'orders'));
    await expandRow(treeRow(page, 'PlanetScale', 'main'));
    await treeRow(page, 'PlanetScale', 'Private Service Name').waitFor({ timeout: 60_000 });
    const rows = await treeRowTexts(page, 'PlanetScale');
    privateHost = rows.find((r) => r.label === 'Private Host')!.description;
    assert.match(privateHost, /^[a-z0-9]+\.private-pg\.psdb\.cloud$/);
    assert.equal(rows.find((r) => r.label === 'Private Service Name')!.description, SERVICE);
    assert.ok(rows.some((r) => /No endpoint serves this branch/.test(r.label)), JSON.stringify(rows));
    await page.mouse.move(300, 840);
    await capture('explorer-first-view');
  });

  it('2. Create Endpoint from the branch: the form creates the endpoint in app-vpc (subnets in 1a and 1b, a new group from app-servers, private DNS)', async () => {
    assert.ok(privateHost, 'needs the Private Host read in step 1');
    const form = await fillCreateEndpointFormForAppVpc(journey, {
      row: treeRow(page, 'PlanetScale', 'main'),
      path: `${info.planetscaleOrg}/orders/main`,
      privateHost,
      serviceName: SERVICE,
    });
    await form.locator('vscode-button#create').click();
    const finished = createFinished(form);
    await form.locator('#create-section').scrollIntoViewIfNeeded();
    await capture('creating-endpoint');
    const endpointId = await awaitCreatedEndpoint(journey, form, finished);

    endpoint = (await emulatedEndpoints(info, 'us-east-1')).find((e) => e.endpointId === endpointId);
    assert.ok(endpoint, `${endpointId} is not in the EC2 emulator`);
    assert.equal(endpoint.state, 'available');
    assert.equal(endpoint.serviceName, SERVICE);
    assert.equal(endpoint.privateDnsEnabled, true);
    assert.deepEqual(endpoint.interfaces.map((i) => i.availabilityZone).sort(), ['us-east-1a', 'us-east-1b']);
  });

  it('3. the status bar shows the endpoint available, while this machine still cannot resolve the Private Host to it', async () => {
    assert.ok(endpoint, 'needs the endpoint created in step 2');
    await page.locator(sel.statusBarItem(STATUS_ITEM_ID), { hasText: /available/i }).waitFor({ timeout: 120_000 });
    assert.match(await statusBarText(page, STATUS_ITEM_ID), /PrivateLink: available/);
    await capture('status-bar-available');
    // Outside the VPC: the sandbox DNS (this machine's resolver) does not answer with the endpoint.
    const answers = await resolveThroughDnsServer(privateHost, info.dnsServer).catch(() => [] as string[]);
    const interfaceIps = endpoint.interfaces.map((i) => i.ip);
    assert.deepEqual(answers.filter((ip) => interfaceIps.includes(ip)), [], `${privateHost} resolves here to the endpoint: ${answers.join(', ')}`);
  });

  it('4. Write Connection String: verified from app-instance (probe script shown and accepted), login over the public host, the confirmation names both legs, .env written', async () => {
    assert.ok(endpoint, 'needs the endpoint created in step 2');
    assert.equal(fs.existsSync(envFile()), false, 'the workspace starts without a .env');
    const shown: LaptopWrite = await writeFromLaptop(journey, treeRow(page, 'PlanetScale', 'main'));
    shownTexts.push(...[shown.outside, shown.script, shown.confirmation].flatMap((d) => [d.message, d.detail]), ...shown.instances);

    assert.match(shown.outside.message, new RegExp(`^This machine is outside ${endpoint.vpcId}: ${escapeRegExp(privateHost)} does not resolve here`));
    assert.match(shown.instances[0], /app-instance/, JSON.stringify(shown.instances));
    assert.match(shown.preselected, /app-instance/, `app-instance is preselected: ${shown.preselected}`);
    instanceId = shown.preselected.match(/\bi-[0-9a-f]+\b/)?.[0] ?? '';
    assert.ok(instanceId, `the instance pick names the instance id: ${shown.preselected}`);

    assert.ok(shown.script.message.startsWith(`Run this read-only probe as root on app-instance (${instanceId}) through Systems Manager?`), shown.script.message);
    assert.match(shown.script.message, /It holds no secret/);
    assert.ok(shown.script.detail.includes(privateHost), 'the script shown is the probe of the Private Host');
    for (const ip of endpoint.interfaces.map((i) => i.ip)) assert.ok(shown.script.detail.includes(ip), `the probe compares the answers with ${ip}`);

    // Exactly what was proven, and by which leg.
    assert.match(
      shown.confirmation.message,
      new RegExp(`^Private path proven from ${instanceId} \\(DNS, TCP, TLS on 5432/6432\\); login and query proven over the public host ${escapeRegExp(PUBLIC_HOST)} from this machine \\(verify-full, role [^,]+, database postgres\\)\\. Write the connection string\\?$`),
    );
    assert.doesNotMatch(shown.confirmation.message, /not proven/);

    await eventually(() => (fs.existsSync(envFile()) ? true : undefined), '.env to be written', 120_000);
    const written = new RegExp(
      `Private path proven from ${instanceId} \\(DNS, TCP, TLS on 5432/6432\\); login and query proven over the public host ${escapeRegExp(PUBLIC_HOST)} from this machine; wrote DATABASE_URL to (orders-app/)?\\.env\\.`,
    );
    const notifications = await notificationsShown(page, { waitFor: written, whileOpen: () => capture('written-notification') });
    shownTexts.push(...notifications.map((n) => n.text));
    const texts = notifications.map((n) => `${n.severity}: ${maskSecrets(n.text, journey.secrets())}`);
    assert.ok(notifications.some((n) => n.severity === 'info' && written.test(n.text)), texts.join('\n'));
    assert.ok(!notifications.some((n) => /Verified the private connection/.test(n.text)), `no claim of a login over the private path: ${texts.join('\n')}`);
    assert.deepEqual(notifications.filter((n) => n.severity === 'error').map((n) => maskSecrets(n.text, journey.secrets())), [], 'no error notification');
  });

  it('5. the .env parses with DATABASE_URL on the Private Host; the password is never shown; the sandbox saw the probe and the public login', async () => {
    assert.ok(instanceId && fs.existsSync(envFile()), 'needs the .env written in step 4');
    const { url } = readWrittenDatabaseUrl(journey, privateHost);
    const password = decodeURIComponent(url.password);
    for (const shownText of shownTexts) assert.ok(!shownText.includes(password) && !shownText.includes(url.password), 'a dialog or notification showed the password');

    // What the sandbox saw: the probe went through Run Command, the role logged in over the public host.
    assert.ok((journey.sandbox.ssm.callCounts()['ssm:SendCommand'] ?? 0) >= 1, JSON.stringify(journey.sandbox.ssm.callCounts()));
    const decisions = journey.sandbox.publicAccess.decisions();
    const user = decodeURIComponent(url.username);
    assert.ok(decisions.some((d) => d.user === user && d.allowed && d.port === 6432), JSON.stringify(decisions.map((d) => ({ user: d.user, allowed: d.allowed, port: d.port }))));
  });

  it('6. the branch\'s endpoint and the status bar tooltip say "verified from i-…"', async () => {
    assert.ok(instanceId && endpoint, 'needs the write of step 4');
    const verified = new RegExp(`^available · ${endpoint.vpcId} · us-east-1 · verified from ${instanceId} (just now|\\d+ min ago)$`);
    await expandRow(treeRow(page, 'PlanetScale', 'main'));
    const row = await eventually(async () => {
      const rows = await treeRowTexts(page, 'PlanetScale');
      return rows.find((r) => r.label.startsWith('Endpoint ') && verified.test(r.description));
    }, `the branch's endpoint row to say "verified from ${instanceId}"`, 60_000);
    assert.match(row.label, /^Endpoint /);
    // Wide enough for the whole description in the screenshot.
    await widenSideBar(page, 960);
    await page.mouse.move(1200, 840);
    await capture('branch-endpoint-verified-from-instance');

    await page.locator(sel.statusBarItem(STATUS_ITEM_ID)).hover();
    const tooltip = page.locator('.workbench-hover, .monaco-hover', { hasText: `private path verified from ${instanceId}` });
    await tooltip.first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await tooltip.first().innerText(), new RegExp(`${endpoint.endpointId}: private path verified from ${instanceId}`));
    await capture('status-bar-tooltip-verified-from-instance');
    await page.mouse.move(300, 840);
  });
});
