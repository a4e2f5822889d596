// The whole journey in the real workbench: the packaged extension in code-server, driven through
// Chromium like a developer would, against the sandbox (EC2 emulator, PlanetScale stand-in,
// Postgres/PgBouncer with TLS, the VPC's DNS). From a fresh folder with only the sandbox settings:
// welcome buttons → trees → Create endpoint form → status bar → Write Connection String to .env →
// psql connects with what was written → Restrict to Private Connections… (the public host refuses,
// the database ends private only). Screenshots: test-output/journey/NN-<step>.png; the written
// file, password masked: test-output/journey/written.env.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import type { Page } from 'playwright-core';
import type { SandboxInfo } from '../harness/editorEnvironment';
import { eventually } from '../harness/eventually';
import * as sel from '../harness/selectors';
import { openViewContainer, waitForViewContent } from '../harness/workbench';
import { awaitCreatedEndpoint, createFinished, fillCreateEndpointFormForAppVpc } from './createEndpointForm';
import { emulatedEndpoints, journeyEnv, journeyUserSettings } from './journeyEnvironment';
import { CONTAINER, journeyHooks, readWrittenDatabaseUrl, SERVICE, STATUS_ITEM_ID, welcomeText } from './journeySession';
import { sandboxControlPost } from '../harness/sandboxControl';
import { maskSecrets, psqlWithHostaddr, resolveThroughDnsServer } from './privateConnection';
import { userActions } from './userActions';
import {
  pickQuickItem,
  pressEnter,
  typeIntoInputBox,
  waitForInputBox,
  waitForQuickInputClosed,
  waitForQuickPick,
} from './quickInput';
import {
  expandRow,
  notificationsShown,
  recordStatusBarItem,
  runContextMenuEntry,
  statusBarHistory,
  statusBarText,
  treeRow,
  treeRowTexts,
  widenSideBar,
} from './workbenchParts';
import { chooseWriteInputs } from './writeSteps';
import { readWalkthroughChecks } from './walkthroughCheck';

const ROLE_PLACEHOLDER = 'Database role the application logs in with';
/** Issue 18 item 5: at most this many clicks and confirmed entries from the first view to a verified .env. */
const ACTION_AIM = 8;
/** How long new endpoints stay pending: long enough for the status bar to show it. */
const ENDPOINT_DELAY_MS = 5000;

describe('journey: from a fresh editor to a verified private connection string', function () {
  this.timeout(240_000);
  const journey = journeyHooks({ suite: 'journey', env: journeyEnv, userSettings: journeyUserSettings });
  let info: SandboxInfo;
  let page: Page;
  let workspace: string;
  let privateHost = '';
  let endpointId = '';
  /** Whether the status bar showed the endpoint as pending while the form waited for it. */
  let statusPendingDuringWait = false;
  const secrets = (): string[] => journey.secrets();
  const capture = (step: string): Promise<string> => journey.capture(step);

  before(() => {
    userActions.start();
    ({ info, page, workspace } = journey);
  });

  it('1. the welcome buttons choose the sandbox AWS profile and set the PlanetScale service token', async () => {
    await openViewContainer(page, CONTAINER, 120_000);
    await widenSideBar(page, 520);
    const aws = page.locator(sel.welcomeContent('AWS'));
    const planetscale = page.locator(sel.welcomeContent('PlanetScale'));
    const chooseProfile = aws.getByRole('button', { name: 'Choose AWS Profile' });
    const setToken = planetscale.getByRole('button', { name: 'Set PlanetScale Service Token' });
    await chooseProfile.waitFor({ timeout: 120_000 });
    await setToken.waitFor({ timeout: 120_000 });
    // The sandbox has profiles but none called "default": the view asks to choose one.
    assert.ok((await aws.innerText()).includes(welcomeText('planetscalePrivateLink.awsExplorer', 'noProfileChosen')), await aws.innerText());
    assert.ok((await planetscale.innerText()).includes(welcomeText('planetscalePrivateLink.planetscaleExplorer', 'noToken')));
    await capture('welcome');

    // The sandbox's config holds one profile: the click chooses it, with no list of one to pick from.
    await userActions.click('Choose AWS Profile', chooseProfile);
    await treeRow(page, 'AWS', info.awsProfile).waitFor({ timeout: 120_000 });
    assert.equal(await page.locator(sel.quickInputBox).first().isVisible(), false, 'no quick pick for the only profile');
    await treeRow(page, 'AWS', 'us-east-1').waitFor({ timeout: 120_000 });
    await capture('aws-profile-chosen');

    await userActions.click('Set PlanetScale Service Token', setToken);
    const idBox = await waitForInputBox(page, 'PlanetScale service token (1/2)');
    assert.match(idBox.prompt, /Service token ID/);
    await typeIntoInputBox(page, info.planetscaleTokenId);
    await capture('service-token-id');
    await pressEnter(page, 'service token ID');
    const tokenBox = await waitForInputBox(page, 'PlanetScale service token (2/2)');
    assert.equal(tokenBox.type, 'password', 'the service token is typed into a masked input');
    await typeIntoInputBox(page, info.planetscaleToken, { secret: true });
    await capture('service-token-masked');
    await pressEnter(page, 'service token');
    await waitForQuickInputClosed(page);
    await treeRow(page, 'PlanetScale', info.planetscaleOrg).waitFor({ timeout: 120_000 });
  });

  it('2. the trees show profile → us-east-1 → VPCs, and acme → orders → main with Private Host and Private Service Name', async () => {
    await treeRow(page, 'AWS', 'app-vpc').waitFor({ timeout: 120_000 });
    await waitForViewContent(page, 'AWS');
    const aws = await treeRowTexts(page, 'AWS');
    assert.deepEqual(aws.slice(0, 2).map((r) => r.label), [info.awsProfile, 'us-east-1'], JSON.stringify(aws));
    assert.match(aws[0].description, /123456789012/);
    assert.match(aws[1].description, /3 VPCs/);
    const vpcs = aws.slice(2);
    assert.deepEqual(vpcs.map((r) => r.label).sort(), ['app-vpc', 'default', 'legacy-vpc']);
    assert.match(vpcs.find((r) => r.label === 'app-vpc')!.description, /^vpc-[0-9a-f]{17} · 127\.\d+\.0\.0\/16 · 0 endpoints$/);

    // orders, acme's only Postgres database in the AWS explorer's region, starts open: no click.
    await treeRow(page, 'PlanetScale', 'main').waitFor({ timeout: 60_000 });
    assert.equal(await treeRow(page, 'PlanetScale', 'orders').getAttribute('aria-expanded'), 'true', 'orders starts expanded');
    // The path needs no expanded branch (Create and Write are buttons on the row itself, and the
    // form and the write read the Private Service Name from PlanetScale): expanding main here only
    // lets the journey assert its Private Host and Private Service Name.
    await userActions.inspect('read main\'s Private Host and Private Service Name', () => expandRow(treeRow(page, 'PlanetScale', 'main')));
    await treeRow(page, 'PlanetScale', 'Private Service Name').waitFor({ timeout: 60_000 });
    const rows = await treeRowTexts(page, 'PlanetScale');
    const labels = rows.map((r) => r.label);
    assert.deepEqual(labels.slice(0, 5), [info.planetscaleOrg, 'analytics', 'orders', 'main', 'Private Host'], JSON.stringify(rows));
    privateHost = rows.find((r) => r.label === 'Private Host')!.description;
    assert.match(privateHost, /^[a-z0-9]+\.private-pg\.psdb\.cloud$/);
    assert.equal(rows.find((r) => r.label === 'Private Service Name')!.description, SERVICE);
    assert.match(rows.find((r) => r.label === 'main')!.description, /production/);
    await page.mouse.move(300, 840);
    await capture('explorer-trees');
  });

  it('3. Create endpoint from the branch: verify the service, app-vpc, subnets in 1a and 1b, a new group from app-servers, plan, create', async () => {
    const form = await fillCreateEndpointFormForAppVpc(journey, {
      row: treeRow(page, 'PlanetScale', 'main'),
      path: `${info.planetscaleOrg}/orders/main`,
      privateHost,
      serviceName: SERVICE,
    });

    await sandboxControlPost(info.controlUrl, 'endpoint-delay', { ms: ENDPOINT_DELAY_MS });
    await recordStatusBarItem(page, STATUS_ITEM_ID);
    await userActions.click('Create', form.locator('vscode-button#create'));
    // The endpoint exists and AWS reports it pending: the form waits for it.
    await form.locator('#run-steps > li[data-step="waitAvailable"][data-status="running"]').waitFor({ timeout: 120_000 });
    await form.locator('#create-section').scrollIntoViewIfNeeded();
    await capture('creating-endpoint-pending');

    // While the form still waits, the status bar should follow the new endpoint (checked in 4a).
    const finished = createFinished(form);
    const pending = page
      .locator(sel.statusBarItem(STATUS_ITEM_ID), { hasText: /pending/i })
      .waitFor({ timeout: 180_000 })
      .then(() => 'pending' as const, () => 'not shown' as const);
    statusPendingDuringWait = (await Promise.race([pending, finished])) === 'pending';
    await capture('status-bar-pending');
    endpointId = await awaitCreatedEndpoint(journey, form, finished);

    // What "AWS" now holds.
    const endpoint = (await emulatedEndpoints(info, 'us-east-1')).find((e) => e.endpointId === endpointId);
    assert.ok(endpoint, `${endpointId} is not in the EC2 emulator`);
    assert.equal(endpoint.state, 'available');
    assert.equal(endpoint.serviceName, SERVICE);
    assert.equal(endpoint.privateDnsEnabled, true);
    assert.deepEqual(endpoint.interfaces.map((i) => i.availabilityZone).sort(), ['us-east-1a', 'us-east-1b']);
    assert.equal(endpoint.tags['planetscale-privatelink:branch'], `${info.planetscaleOrg}/orders/main`);
  });

  it('4a. the status bar shows the new endpoint as pending while AWS creates it', async () => {
    assert.ok(endpointId, 'needs the endpoint created in step 3');
    const history = await statusBarHistory(page);
    assert.ok(
      statusPendingDuringWait,
      `the status bar item ${STATUS_ITEM_ID} did not show "pending" while the form waited for the endpoint; from Create on it showed ${JSON.stringify(history)} (empty: not shown)`,
    );
  });

  it('4b. the status bar turns to available without any action', async () => {
    assert.ok(endpointId, 'needs the endpoint created in step 3');
    const item = page.locator(sel.statusBarItem(STATUS_ITEM_ID), { hasText: /available/i });
    const shown = await item.waitFor({ timeout: 120_000 }).then(() => true, () => false);
    await capture('status-bar-available');
    const history = await statusBarHistory(page);
    assert.ok(shown, `the status bar item ${STATUS_ITEM_ID} did not show "available" within 120 s; it showed ${JSON.stringify(history)} (empty: not shown)`);
    const firstPending = history.findIndex((t) => /pending/i.test(t));
    const firstAvailable = history.findIndex((t) => /available/i.test(t));
    assert.ok(firstPending === -1 || firstPending < firstAvailable, JSON.stringify(history));
    assert.match(await statusBarText(page, STATUS_ITEM_ID), /PrivateLink: available/);
    // The form's run and the status-bar watcher both see the endpoint arrive: one notification.
    const arrival = (n: { text: string }) => n.text.includes(endpointId!) && /is available/.test(n.text);
    const notifications = await notificationsShown(page, { waitFor: new RegExp(`${endpointId} is available`) });
    assert.equal(notifications.filter(arrival).length, 1, JSON.stringify(notifications.map((n) => n.text)));
  });

  it('5. Write Connection String to .env from the branch: a new read-write role, port 6432, a new .env, node-postgres', async () => {
    assert.ok(endpointId, 'needs the endpoint created in step 3');
    const envFile = path.join(workspace, '.env');
    assert.equal(fs.existsSync(envFile), false, 'the workspace starts without a .env');
    await chooseWriteInputs(journey, treeRow(page, 'PlanetScale', 'main'));

    // Verification (DNS → TCP → TLS → login → query) runs before anything is written.
    await eventually(() => (fs.existsSync(envFile) ? true : undefined), '.env to be written', 120_000);

    const success = /Verified the private connection \(127\.\d+\.[12]\.\d+:6432\) and wrote DATABASE_URL to orders-app\/\.env/;
    const notifications = await notificationsShown(page, { waitFor: success, whileOpen: () => capture('written-notification') });
    const texts = notifications.map((n) => `${n.severity}: ${maskSecrets(n.text, secrets())}`);
    assert.ok(notifications.some((n) => n.severity === 'info' && success.test(n.text)), texts.join('\n'));
    assert.deepEqual(notifications.filter((n) => n.severity === 'error').map((n) => maskSecrets(n.text, secrets())), [], 'no error notification during the journey');
    for (const secret of secrets()) assert.ok(!texts.join('\n').includes(secret), 'a notification shows a secret');
  });

  it('6. the .env holds DATABASE_URL and psql connects with it (verify-full, the sandbox CA, the address from the sandbox DNS)', async () => {
    const envFile = path.join(workspace, '.env');
    assert.ok(fs.existsSync(envFile), 'needs the .env written in step 5');
    const { databaseUrl, url } = readWrittenDatabaseUrl(journey, privateHost);

    const ips = await resolveThroughDnsServer(privateHost, info.dnsServer);
    const endpoint = (await emulatedEndpoints(info, 'us-east-1')).find((e) => e.endpointId === endpointId);
    assert.ok(endpoint, `${endpointId} is not in the EC2 emulator`);
    assert.deepEqual([...ips].sort(), endpoint.interfaces.map((i) => i.ip).sort(), 'the Private Host resolves to the endpoint interfaces');

    const result = await psqlWithHostaddr(databaseUrl, ips[0], 'select current_user');
    assert.equal(result.code, 0, `psql failed: ${result.stderr}`);
    assert.equal(result.stdout, decodeURIComponent(url.username));
    // The path ends here: a verified .env. What follows is not counted.
    userActions.close();

    // The endpoint in its VPC, next to the branch it serves.
    await expandRow(treeRow(page, 'AWS', 'app-vpc'));
    await treeRow(page, 'AWS', 'planetscale-orders-main').waitFor({ timeout: 60_000 });
    await page.mouse.move(300, 840);
    await capture('journey-done');
  });
  it('7. Restrict to Private Connections… on the database: the exact confirmation, both halves proven, the database ends private only', async () => {
    assert.ok(endpointId, 'needs the private path verified in step 5');
    await runContextMenuEntry(page, treeRow(page, 'PlanetScale', 'orders'), 'Restrict to Private Connections…', () => capture('database-context-menu'));
    const dialog = page.locator(sel.dialogBox);
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal((await dialog.locator(sel.dialogMessage).innerText()).trim(), `Restrict database ${info.planetscaleOrg}/orders to private connections?`);
    const detail = await dialog.locator(sel.dialogDetail).innerText();
    assert.match(detail, /This creates one IP restriction rule allowing 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16 for all roles and schemas\./);
    assert.match(detail, /It applies to every branch of the database\./);
    assert.match(detail, /It affects only new connections: connections that are open now stay open\./);
    assert.match(detail, /Existing rules it leaves alone: none\./);
    assert.match(detail, /Verified private path: branch main through /);
    await capture('restrict-confirmation');
    await dialog.locator(sel.dialogButton, { hasText: 'Restrict to Private Connections' }).click();

    // The role whose login proves both paths: a new read-only one (the step-5 password was not kept).
    await waitForQuickPick(page, ROLE_PLACEHOLDER, 120_000);
    await pickQuickItem(page, ROLE_PLACEHOLDER, /Create a new role/);
    await waitForQuickPick(page, 'Privileges of the new role');
    await pickQuickItem(page, 'Privileges of the new role', /^Read only$/);
    await waitForQuickInputClosed(page);

    const proven = /Database acme\/orders is private only\. Created the private-only rule; the private path still logs in; the public host refused this machine\./;
    const notifications = await notificationsShown(page, { waitFor: proven, timeout: 120_000, whileOpen: () => capture('private-only-notification') });
    const texts = notifications.map((n) => `${n.severity}: ${maskSecrets(n.text, secrets())}`);
    assert.ok(notifications.some((n) => n.severity === 'info' && proven.test(n.text)), texts.join('\n'));
    // Step 5's successful verification offered this very action.
    assert.ok(notifications.some((n) => /private path to acme\/orders is verified, but its public access is still open/.test(n.text)), texts.join('\n'));
    assert.deepEqual(notifications.filter((n) => n.severity === 'error').map((n) => maskSecrets(n.text, secrets())), [], 'no error notification');

    // The tree says so, and psql (an independent client) is refused on the public host.
    const orders = await eventually(async () => {
      const description = (await treeRowTexts(page, 'PlanetScale')).find((r) => r.label === 'orders')?.description;
      return description && /private only/.test(description) ? description : undefined;
    }, 'the orders database to show "private only"', 60_000);
    assert.match(orders, /· private only$/);
    const url = new URL(dotenv.parse(fs.readFileSync(path.join(workspace, '.env'), 'utf8')).DATABASE_URL);
    url.hostname = 'us-east-1.pg.psdb.cloud';
    url.port = '5432';
    const [publicIp] = await resolveThroughDnsServer(url.hostname, info.dnsServer);
    const refused = await psqlWithHostaddr(url.toString(), publicIp, 'select 1');
    assert.notEqual(refused.code, 0, 'psql logged in over the public host');
    assert.match(refused.stderr, /not allowed by the IP restrictions/);
    await page.mouse.move(300, 840);
    await capture('private-only');
  });

  it('8. the walkthrough ticks what really happened: profile, token, endpoint, available, .env; not Diagnose', async () => {
    const expected = { awsProfile: 'true', planetscaleToken: 'true', createEndpoint: 'true', waitAvailable: 'true', verifyAndWrite: 'true', diagnose: 'false' };
    const checked = await readWalkthroughChecks(page, expected);
    await capture('walkthrough');
    assert.deepEqual(checked, expected);
  });

  it(`9. the path from the first view to a verified .env takes at most ${ACTION_AIM} user actions`, () => {
    const { actions, inspections } = userActions;
    console.log(`User actions of the path: ${actions.length} (at most ${ACTION_AIM})\n  ${actions.join('\n  ')}\nNot counted, inspections the path does not need:\n  ${inspections.join('\n  ')}`);
    assert.ok(actions.length <= ACTION_AIM, `${actions.length} actions, more than ${ACTION_AIM}:\n${actions.join('\n')}`);
  });
});
