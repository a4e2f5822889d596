// Plays the Create Endpoint webview and the user for the form tests: the page posts protocol
// messages and collects the host's answers; the user's answers are scripted, the editor's UI real.
import * as vscode from 'vscode';
import type { MessageChannel } from '../../../../src/webviews/createEndpoint/createEndpointController';
import { vscodeCreateEndpointUi, type CreateEndpointUi } from '../../../../src/webviews/createEndpoint/createEndpointUi';
import type { HostToWebviewMessage } from '../../../../src/webviews/protocol/createEndpointProtocol';

export type Reply<T extends HostToWebviewMessage['type']> = Extract<HostToWebviewMessage, { type: T }>;

/** Plays the webview: posts protocol messages, collects the host's answers (JSON, as postMessage does). */
export class ScriptedPage implements MessageChannel {
  readonly received: HostToWebviewMessage[] = [];
  private readonly emitter = new vscode.EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.emitter.event;
  private nextId = 1;
  private wake: Array<() => void> = [];

  postMessage(message: HostToWebviewMessage): Promise<boolean> {
    this.received.push(JSON.parse(JSON.stringify(message)) as HostToWebviewMessage);
    for (const w of this.wake.splice(0)) w();
    return Promise.resolve(true);
  }

  send(raw: unknown): void {
    this.emitter.fire(raw);
  }

  async request<T extends HostToWebviewMessage['type']>(body: Record<string, unknown>, reply: T, timeoutMs = 30_000): Promise<Reply<T>> {
    const requestId = this.nextId++;
    this.send({ ...body, requestId });
    return this.waitFor((m): m is Reply<T> => m.type === reply && 'requestId' in m && m.requestId === requestId, timeoutMs, `${reply} for ${String(body.type)} #${requestId}`);
  }

  async waitFor<M extends HostToWebviewMessage>(match: (m: HostToWebviewMessage) => m is M, timeoutMs: number, what: string): Promise<M> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; got: ${this.received.map((m) => m.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  since(index: number): HostToWebviewMessage[] {
    return this.received.slice(index);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The editor's own UI, with the user's answers scripted and notifications and copies recorded. */
export function scriptedUi(answers: { confirm: boolean }): CreateEndpointUi & { notifications: string[]; progressTitles: string[]; confirmations: string[]; clipboard: string[] } {
  const real = vscodeCreateEndpointUi();
  const notifications: string[] = [];
  const progressTitles: string[] = [];
  const confirmations: string[] = [];
  const clipboard: string[] = [];
  return {
    notifications,
    progressTitles,
    confirmations,
    clipboard,
    confirm: async (message) => {
      confirmations.push(message);
      return answers.confirm;
    },
    withProgress: (title, abort, task) => {
      progressTitles.push(title);
      return real.withProgress(title, abort, task);
    },
    copyToClipboard: async (text) => {
      clipboard.push(text);
    },
    openInEditor: real.openInEditor,
    notify: (severity, message) => notifications.push(`${severity}: ${message}`),
  };
}
