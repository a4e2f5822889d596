// A scripted user for the shipped commands. The suite and the extension under test share the
// extension host's `vscode` API object, so replacing a few `vscode.window` functions here answers
// the prompts that dist/*.js shows: quick picks in order, modal dialogs, the Cancel button of a
// progress notification. Every notification is recorded with its buttons. This stands in for
// the person at the keyboard only; everything the product talks to stays real.
import * as vscode from 'vscode';

export interface ShownNotification {
  kind: 'information' | 'warning' | 'error';
  message: string;
  buttons: string[];
  modal: boolean;
}

export interface UserScript {
  /** Each quick pick in turn: a RegExp for the label of the item to pick; undefined dismisses it. */
  picks: Array<RegExp | undefined>;
  /**
   * What is typed into each input box in turn; undefined dismisses it. An answer the box's own
   * check refuses is recorded (`refusals`) and the next answer is typed into the same box, as a
   * person corrects a typo.
   */
  inputs?: Array<string | undefined>;
  /** The button pressed on a modal dialog; undefined dismisses it (the default). */
  answerModal?: (message: string) => string | undefined;
  /** Called as a progress notification starts; 'cancel' presses its Cancel at the first progress report. */
  onProgress?: (title: string) => Promise<'cancel' | void> | 'cancel' | void;
}

export interface ScriptedUser {
  notifications: ShownNotification[];
  progressTitles: string[];
  /** Every quick pick shown, with its items' labels, in order. */
  quickPicks: Array<{ placeHolder?: string; labels: string[]; details: string[] }>;
  /** Every input box shown (its prompt), in order. */
  inputBoxes: string[];
  /** The messages input boxes showed for refused answers, in order. */
  refusals: string[];
  restore(): void;
}

type Window = typeof vscode.window;
type MessageItemLike = string | vscode.MessageItem;
const labelOf = (item: MessageItemLike) => (typeof item === 'string' ? item : item.title);

export function scriptUser(script: UserScript): ScriptedUser {
  const window = vscode.window as { -readonly [K in keyof Window]: Window[K] };
  const originals = {
    showQuickPick: window.showQuickPick,
    showInputBox: window.showInputBox,
    showInformationMessage: window.showInformationMessage,
    showWarningMessage: window.showWarningMessage,
    showErrorMessage: window.showErrorMessage,
    withProgress: window.withProgress,
  };
  const picks = [...script.picks];
  const inputs = [...(script.inputs ?? [])];
  const user: ScriptedUser = { notifications: [], progressTitles: [], quickPicks: [], inputBoxes: [], refusals: [], restore: () => Object.assign(window, originals) };

  window.showQuickPick = (async (items: readonly (string | vscode.QuickPickItem)[] | Thenable<readonly (string | vscode.QuickPickItem)[]>, options?: vscode.QuickPickOptions) => {
    const list = await items;
    const labels = list.map((i) => (typeof i === 'string' ? i : i.label));
    user.quickPicks.push({ placeHolder: options?.placeHolder, labels, details: list.map((i) => (typeof i === 'string' ? '' : i.detail ?? '')) });
    if (!picks.length) throw new Error(`The script has no answer for the quick pick "${options?.placeHolder ?? options?.title}" (${labels.join(' | ')})`);
    const want = picks.shift();
    if (!want) return undefined;
    const index = labels.findIndex((l) => want.test(l));
    if (index < 0) throw new Error(`No item matches ${want} in "${options?.placeHolder ?? options?.title}": ${labels.join(' | ')}`);
    return list[index];
  }) as Window['showQuickPick'];

  window.showInputBox = (async (options?: vscode.InputBoxOptions) => {
    user.inputBoxes.push(options?.prompt ?? options?.title ?? '');
    for (;;) {
      if (!inputs.length) throw new Error(`The script has no answer for the input box "${options?.prompt ?? options?.title}"`);
      const typed = inputs.shift();
      if (typed === undefined) return undefined;
      const check = await options?.validateInput?.(typed);
      const refusal = typeof check === 'string' ? check : check?.message;
      if (!refusal) return typed;
      user.refusals.push(refusal);
    }
  }) as Window['showInputBox'];

  const message = (kind: ShownNotification['kind']) => (async (text: string, ...rest: unknown[]) => {
    const options = rest.length && typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest.shift() as vscode.MessageOptions) : {};
    const items = rest as MessageItemLike[];
    const modal = options.modal === true;
    user.notifications.push({ kind, message: text, buttons: items.map(labelOf), modal });
    if (!modal) return undefined;
    const answer = script.answerModal?.(text);
    return items.find((i) => labelOf(i) === answer);
  }) as never;
  window.showInformationMessage = message('information');
  window.showWarningMessage = message('warning');
  window.showErrorMessage = message('error');

  window.withProgress = (async <R>(options: vscode.ProgressOptions, task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>) => {
    const title = options.title ?? '';
    user.progressTitles.push(title);
    const cancelOnReport = (await script.onProgress?.(title)) === 'cancel';
    const source = new vscode.CancellationTokenSource();
    const progress = {
      report: () => {
        if (cancelOnReport && options.cancellable && !source.token.isCancellationRequested) source.cancel();
      },
    };
    try {
      return await task(progress, source.token);
    } finally {
      source.dispose();
    }
  }) as Window['withProgress'];

  return user;
}
