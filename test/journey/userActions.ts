// The journey's user actions, counted: every click and every confirmed entry (Enter, or a click on
// a quick-pick item) of the path from the first view to a verified .env goes through here, from the
// helpers that perform them (quickInput.ts, workbenchParts.ts, createEndpointForm.ts) or from
// `click` below. A control already in the wanted state (a preselected subnet, an expanded row) is
// not clicked and not counted. Issue 18 item 5 asks for at most 8; a step added to the path shows.
import type { Locator } from 'playwright-core';

class UserActions {
  private readonly path: string[] = [];
  private readonly later: string[] = [];
  private closed = false;

  /** Records one action; after `close()` it is kept apart (what the journey does after the .env). */
  record(kind: 'click' | 'entry', what: string): void {
    (this.closed ? this.later : this.path).push(`${kind}: ${what}`);
  }

  /** Clicks `locator` as one counted action. */
  async click(what: string, locator: Locator): Promise<void> {
    this.record('click', what);
    await locator.click();
  }

  /** A journey's path begins: what another journey recorded before is not part of it. */
  start(): void {
    this.path.length = 0;
    this.later.length = 0;
    this.closed = false;
  }

  /** The path is over (the .env is verified): later actions are not part of it. */
  close(): void {
    this.closed = true;
  }

  get actions(): readonly string[] {
    return this.path;
  }
}

export const userActions = new UserActions();
