// Plays the user and the Diagnose page for the Diagnose tests: the user's answers come from a
// script, and what was asked, shown and sent is recorded for the assertions.
import type { DiagnoseUi, InputOptions, PickItem } from '../../../../src/commands/diagnose/diagnoseUi';
import type { DiagnoseChannel } from '../../../../src/webviews/diagnose/diagnoseController';
import type { DiagnoseHostMessage, DiagnoseView } from '../../../../src/webviews/protocol/diagnoseProtocol';
import { ScriptedPage } from '../../support/scriptedPage';

/** Plays the user: answers each question from a script, records what was asked and shown. */
export class ScriptedUi implements DiagnoseUi {
  readonly confirmations: Array<{ message: string; detail: string }> = [];
  readonly asked: string[] = [];
  readonly progressTitles: string[] = [];
  readonly notifications: string[] = [];
  clipboard = '';
  private readonly confirms: boolean[] = [];
  private readonly answers: Array<(choices: Array<PickItem<unknown>>, options: InputOptions | undefined) => unknown> = [];

  /** Queues answers to the next modal confirmations. */
  confirmNext(...answers: boolean[]): void {
    this.confirms.push(...answers);
  }

  /** Queues an answer to the next pick or input (a function of what was offered). */
  answerNext(answer: (choices: Array<PickItem<unknown>>, options: InputOptions | undefined) => unknown): void {
    this.answers.push(answer);
  }

  private next(title: string, choices: Array<PickItem<unknown>>, options?: InputOptions): unknown {
    this.asked.push(title);
    const answer = this.answers.shift();
    if (!answer) throw new Error(`the test did not expect the question "${title}"`);
    return answer(choices, options);
  }

  async pick<T>(items: PickItem<T>[], options: { title: string }): Promise<T | undefined> {
    return this.next(options.title, items as Array<PickItem<unknown>>) as T | undefined;
  }

  async pickMany<T>(items: PickItem<T>[], options: { title: string }): Promise<T[] | undefined> {
    return this.next(options.title, items as Array<PickItem<unknown>>) as T[] | undefined;
  }

  async input(options: InputOptions): Promise<string | undefined> {
    const text = this.next(options.title, [], options) as string | undefined;
    // What the input box would refuse never reaches the flow.
    const problem = text === undefined ? undefined : options.validate?.(text);
    if (problem) throw new Error(`the input box would refuse "${text}": ${problem}`);
    return text;
  }

  async confirm(message: string, detail: string): Promise<boolean> {
    this.confirmations.push({ message, detail });
    const answer = this.confirms.shift();
    if (answer === undefined) throw new Error(`the test did not expect the confirmation "${message}"`);
    return answer;
  }

  withProgress<T>(title: string, _abort: AbortController, task: (report: (message: string) => void) => Promise<T>): Promise<T> {
    this.progressTitles.push(title);
    return task(() => undefined);
  }

  async copyToClipboard(text: string): Promise<void> {
    this.clipboard = text;
  }

  notify(severity: string, message: string): void {
    this.notifications.push(`${severity}: ${message}`);
  }
}

/** Plays the Diagnose page (support/scriptedPage.ts), reading the host's answers and views. */
export class DiagnosePage extends ScriptedPage<DiagnoseHostMessage> implements DiagnoseChannel {
  answerTo(requestId: number): DiagnoseHostMessage | undefined {
    return this.received.find((m) => (m.type === 'actionDone' || m.type === 'rejected') && m.requestId === requestId);
  }

  /** The latest full view the page was sent. */
  lastState(): DiagnoseView | undefined {
    return this.last('state')?.state;
  }
}
