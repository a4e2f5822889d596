// The journey's user actions, counted: every click and every confirmed entry (Enter, or a click on
// a quick-pick item) of the path from the first view to a verified .env goes through here, from the
// helpers that perform them (quickInput.ts, workbenchParts.ts, createEndpointForm.ts) or from
// `click` below. A control already in the wanted state (a preselected subnet, an expanded row) is
// not clicked and not counted. Issue 18 item 5 asks for at most 8; a step added to the path shows.
// A step the journey takes only to look at something the path does not need (expanding a branch
// to read its Private Host) runs through `inspect`: performed, listed apart, not counted.
import type { Locator } from 'playwright-core';

class UserActions {
  private readonly path: string[] = [];
  private readonly later: string[] = [];
  private readonly looks: string[] = [];
  private inspecting = 0;
  private closed = false;

  /**
   * Records one action; after `close()` it is kept apart (what the journey does after the .env),
   * and so is an action inside `inspect`.
   */
  record(kind: 'click' | 'entry', what: string): void {
    (this.inspecting ? this.looks : this.closed ? this.later : this.path).push(`${kind}: ${what}`);
  }

  /**
   * Runs `look`, whose actions are not part of the path: only for a step the path to the .env
   * does not need (the journey would reach the .env without it), taken to assert what it shows.
   * `why` says what it is for; its actions are listed in `inspections`.
   */
  async inspect<T>(why: string, look: () => Promise<T>): Promise<T> {
    const start = this.looks.length;
    this.inspecting++;
    try {
      return await look();
    } finally {
      this.inspecting--;
      const taken = this.looks.splice(start);
      this.looks.push(`${why}: ${taken.length ? taken.join(', ') : 'no action'}`);
    }
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
    this.looks.length = 0;
    this.inspecting = 0;
    this.closed = false;
  }

  /** The path is over (the .env is verified): later actions are not part of it. */
  close(): void {
    this.closed = true;
  }

  get actions(): readonly string[] {
    return this.path;
  }

  /** The inspections taken during the path, each with its actions (not counted). */
  get inspections(): readonly string[] {
    return this.looks;
  }
}

export const userActions = new UserActions();
