// Write Connection String to .env as the journeys' user drives it, in one place, so a change of the
// command's prompts is followed here once: the one summary question (a new read-write role, port
// 6432, a new .env, node-postgres) for both journeys, and on the laptop the rest of the way: verify from an
// instance, the preselected instance, the probe script shown and accepted, the public-host login,
// and the confirmation that names both legs.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import {
  focusedQuickItemName,
  pickQuickItem,
  pressEnter,
  quickPickItemNames,
  quickPickLabels,
  waitForQuickInputClosed,
  waitForQuickPick,
} from './quickInput';
import { userActions } from './userActions';
import { answerDialog, waitForDialog, type ShownDialog } from './workbenchParts';

const SUMMARY_PLACEHOLDER = 'Enter writes with these defaults, after the connection is verified';
const INSTANCE_PLACEHOLDER = 'An Online Linux instance managed by Systems Manager';

interface WriteJourney {
  page: Page;
  capture(step: string): Promise<unknown>;
}

/**
 * From the branch row's inline button to the one question Write Connection String asks when the
 * defaults are right: the summary (a new read-write role, port 6432 through PSBouncer, node-postgres
 * as detected from package.json, a new .env), confirmed. Returns once the quick input has closed
 * and verification runs.
 */
export async function chooseWriteInputs(journey: WriteJourney, branchRow: Locator): Promise<void> {
  const { page, capture } = journey;
  // From the tree, so a quick input closing hands focus back to the tree.
  await branchRow.hover();
  await userActions.click('Write Connection String to .env… on the branch', branchRow.getByRole('button', { name: 'Write Connection String to .env…' }));

  // One question: the defaults, named (the role is created only once DNS, TCP and TLS have passed).
  await waitForQuickPick(page, SUMMARY_PLACEHOLDER, 120_000);
  const choices = await quickPickLabels(page);
  assert.deepEqual(choices, ['Write DATABASE_URL for orders/main: new read/write role, PSBouncer 6432, node-postgres (pg) detected, to a new .env', 'Customize…']);
  assert.match((await quickPickItemNames(page))[0], /detected from package\.json: pg/);
  await capture('write-summary');
  // No ^: the label's text starts after its icon.
  await pickQuickItem(page, SUMMARY_PLACEHOLDER, /Write DATABASE_URL for orders\/main/);
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
