// Write Connection String to .env as the journeys' user drives it, in one place, so a change of the
// command's prompts is followed here once: the inputs (a new read-write role, port 6432, a new
// .env, node-postgres) for both journeys, and on the laptop the rest of the way: verify from an
// instance, the preselected instance, the probe script shown and accepted, the public-host login,
// and the confirmation that names both legs.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import * as sel from '../harness/selectors';
import {
  focusedQuickItemName,
  pickQuickItem,
  pressEnter,
  quickPickItemNames,
  quickPickLabels,
  waitForQuickInputClosed,
  waitForQuickPick,
} from './quickInput';
import { answerDialog, runContextMenuEntry, waitForDialog, type ShownDialog } from './workbenchParts';

const ROLE_PLACEHOLDER = 'Database role the application logs in with';
const CLIENT_PLACEHOLDER = 'Detected node-postgres (pg); the variables and TLS parameters follow the client';
const INSTANCE_PLACEHOLDER = 'An Online Linux instance managed by Systems Manager';

interface WriteJourney {
  page: Page;
  capture(step: string): Promise<unknown>;
}

/**
 * From the branch row's context menu through the inputs: a new read-write role, port 6432 (PSBouncer),
 * a new .env (asked only when a .env* exists), node-postgres as detected. Returns once the quick
 * input has closed and verification runs.
 */
export async function chooseWriteInputs(journey: WriteJourney, branchRow: Locator): Promise<void> {
  const { page, capture } = journey;
  // From the tree, so a quick input closing hands focus back to the tree.
  await runContextMenuEntry(page, branchRow, 'Write Connection String to .env…', () => capture('branch-context-menu'));

  await waitForQuickPick(page, ROLE_PLACEHOLDER, 120_000);
  const roles = await quickPickLabels(page);
  assert.match(roles[0], /Create a new role/);
  assert.ok(roles.includes('postgres'), `the branch's existing role is offered: ${JSON.stringify(roles)}`);
  await capture('pick-role');
  await pickQuickItem(page, ROLE_PLACEHOLDER, /Create a new role/);

  await waitForQuickPick(page, 'Privileges of the new role');
  assert.deepEqual(await quickPickLabels(page), ['Read and write', 'Read only', 'Administrator']);
  await pickQuickItem(page, 'Privileges of the new role', /^Read and write$/);

  // The new role is only chosen here: it is created once DNS, TCP and TLS have passed.
  await waitForQuickPick(page, 'Port', 120_000);
  const ports = await quickPickLabels(page);
  assert.match(ports[0], /^6432 — PSBouncer/);
  await capture('pick-port');
  await pickQuickItem(page, 'Port', /^6432 — PSBouncer/);

  // The file is only asked for when a .env* exists; here "Create .env" is the one choice.
  const input = page.locator(`${sel.quickInputBox}[placeholder]`);
  await input.waitFor({ state: 'visible' });
  if (/\.env file in/.test((await input.getAttribute('placeholder')) ?? '')) {
    const placeholder = (await input.getAttribute('placeholder'))!;
    await pickQuickItem(page, placeholder, /Create \.env/);
  }
  await waitForQuickPick(page, CLIENT_PLACEHOLDER);
  const clients = await quickPickItemNames(page);
  assert.match(clients[0], /^node-postgres \(pg\).*detected.*package\.json: pg/, JSON.stringify(clients.slice(0, 3)));
  await capture('pick-client');
  await pickQuickItem(page, CLIENT_PLACEHOLDER, /^node-postgres \(pg\)$/);
  await waitForQuickInputClosed(page);
}

/** What the laptop's user was shown on the way to the write. */
export interface LaptopWrite {
  /** The question after this machine's DNS showed it is outside the VPC. */
  outside: ShownDialog;
  /** The instance pick's items and the one it had focused before any key was pressed. */
  instances: string[];
  preselected: string;
  /** The probe script's confirmation: message, and the script itself as its detail. */
  script: ShownDialog;
  /** The question before the write, naming what each leg proved. */
  confirmation: ShownDialog;
}

/**
 * The whole Write Connection String run on a laptop: the inputs, then "Verify from an Instance",
 * the preselected instance accepted with Enter, the probe script shown before its first run and
 * accepted, the public-host login leg, and "Write" on the confirmation. Screenshots at each prompt.
 */
export async function writeFromLaptop(journey: WriteJourney, branchRow: Locator): Promise<LaptopWrite> {
  const { page, capture } = journey;
  await chooseWriteInputs(journey, branchRow);

  // This machine's DNS does not show the endpoint: the private path can only be proven from inside.
  const outsideMessage = /This machine is outside vpc-/;
  const outside = await waitForDialog(page, outsideMessage);
  await capture('outside-the-vpc');
  await answerDialog(page, outsideMessage, 'Verify from an Instance');

  await waitForQuickPick(page, INSTANCE_PLACEHOLDER, 120_000);
  const instances = await quickPickItemNames(page);
  const preselected = await focusedQuickItemName(page);
  await capture('pick-instance');
  // Accept what the pick preselected, as a user pressing Enter would.
  await pressEnter(page);
  await waitForQuickInputClosed(page);

  // Shown before its first run; it runs as root on the instance.
  const scriptMessage = /Run this read-only probe as root on /;
  const script = await waitForDialog(page, scriptMessage);
  await capture('probe-script');
  await answerDialog(page, scriptMessage, 'Run on Instance');

  // The probe runs through Run Command, then the login is proven over the public host.
  const confirmationMessage = /Write the connection string\?/;
  const confirmation = await waitForDialog(page, confirmationMessage, 180_000);
  await capture('confirm-both-legs');
  assert.ok(confirmation.buttons.includes('Write'), `the confirmation offers Write (login proven): ${confirmation.buttons.join(' | ')}`);
  await answerDialog(page, confirmationMessage, 'Write');
  return { outside, instances, preselected, script, confirmation };
}
