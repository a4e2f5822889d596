// Plays a webview page for a panel's host: keeps what the host sends (as JSON, like postMessage)
// and posts what the page would. The host under test is the real one, bound to this pair.
import * as vscode from 'vscode';
import type { DiagnoseUi } from '../../../src/commands/diagnose/diagnoseUi';

export class ScriptedPage<Out extends { type: string }> {
  readonly received: Out[] = [];
  private readonly emitter = new vscode.EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.emitter.event;
  private nextId = 1;

  postMessage(message: Out): Promise<boolean> {
    this.received.push(JSON.parse(JSON.stringify(message)) as Out);
    return Promise.resolve(true);
  }

  /** Posts a request with a fresh id; returns the id. */
  post(body: Record<string, unknown>): number {
    const requestId = this.nextId++;
    this.emitter.fire({ ...body, requestId });
    return requestId;
  }

  send(raw: unknown): void {
    this.emitter.fire(raw);
  }

  last<T extends Out['type']>(type: T): Extract<Out, { type: T }> | undefined {
    for (let i = this.received.length - 1; i >= 0; i--) if (this.received[i].type === type) return this.received[i] as Extract<Out, { type: T }>;
    return undefined;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** Nothing is asked in these tests; the progress notification just runs its task. */
export function quietDiagnoseUi(): DiagnoseUi {
  const unexpected = (what: string) => () => Promise.reject(new Error(`the test did not expect ${what}`));
  return {
    pick: unexpected('a pick'),
    pickMany: unexpected('a pick'),
    input: unexpected('an input box'),
    confirm: unexpected('a confirmation'),
    withProgress: (_title, _abort, task) => task(() => undefined),
    copyToClipboard: () => Promise.resolve(),
    notify: () => undefined,
  };
}
