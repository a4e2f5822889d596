// Write Connection String to .env as the journeys' user drives it, in one place, so a change of the
// command's prompts is followed here once: the inputs (a new read-write role, port 6432, a new
// .env, node-postgres).
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import * as sel from '../harness/selectors';
import {
  pickQuickItem,
  quickPickItemNames,
  quickPickLabels,
  waitForQuickInputClosed,
  waitForQuickPick,
} from './quickInput';
import { runContextMenuEntry } from './workbenchParts';

const ROLE_PLACEHOLDER = 'Database role the application logs in with';
const CLIENT_PLACEHOLDER = 'Detected node-postgres (pg); the variables and TLS parameters follow the client';

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
