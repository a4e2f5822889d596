// Asks the user, once per workspace value, whether a workspace's own settings may redirect where
// credentials go (see credentialSettings.ts), and remembers the answer in the workspace's state —
// which lives in the user's profile, not in the folder, so a repository cannot pre-answer it.
import * as vscode from 'vscode';
import { consentQuestion, withDecision, type ConsentRecord, type WorkspaceOverride } from './credentialSettings';
import type { WorkspaceStore } from './workspaceStore';

const ALLOW = 'Use Workspace Settings';
const KEEP = 'Keep My Settings';

/** Shows the question; true = use the workspace's values, false = keep the user's, undefined = dismissed. */
export type ConsentPrompt = (question: { message: string; detail: string }) => Promise<boolean | undefined>;

async function askInModal(question: { message: string; detail: string }): Promise<boolean | undefined> {
  const pick = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, ALLOW, KEEP);
  return pick === ALLOW ? true : pick === KEEP ? false : undefined;
}

export class WorkspaceSettingsConsent implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after an answer changed which values are used. */
  readonly onDidChange = this.changed.event;
  /** Questions already shown in this window (a dismissed one is asked again after a reload). */
  private readonly asked = new Set<string>();
  private asking: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: WorkspaceStore,
    private prompt: ConsentPrompt = askInModal,
  ) {}

  record(): ConsentRecord {
    return this.store.get('workspaceSettingsConsent') ?? {};
  }

  /**
   * Settings met overrides the user has not answered: ask in the background (each value once per
   * window). Until then the user's own values are used, so nothing goes to the workspace's host.
   * The promise settles once these are answered or dismissed.
   */
  notice(undecided: readonly WorkspaceOverride[]): Promise<void> {
    const fresh = undecided.filter((o) => !this.asked.has(askedKey(o)));
    if (!fresh.length) return this.asking;
    for (const o of fresh) this.asked.add(askedKey(o));
    // One question at a time: a second notice waits for the first answer.
    this.asking = this.asking.then(() => this.ask(fresh)).catch(() => undefined);
    return this.asking;
  }

  /** Tests script the user's answer here; the extension keeps the modal dialog. */
  answerWith(prompt: ConsentPrompt): void {
    this.prompt = prompt;
  }

  private async ask(overrides: WorkspaceOverride[]): Promise<void> {
    const answer = await this.prompt(consentQuestion(overrides));
    if (answer === undefined) return;
    await this.store.set('workspaceSettingsConsent', withDecision(this.record(), overrides, answer));
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function askedKey(o: WorkspaceOverride): string {
  return JSON.stringify([o.key, o.workspaceValue]);
}
