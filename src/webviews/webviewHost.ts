// The extension side every panel shares. A webview is a web page: whatever it posts is untrusted,
// so each message is parsed against its protocol (bounded readers, see protocol/messageShape.ts)
// and refused with a reason otherwise; `ready` (the page loaded, or reloaded after being hidden)
// goes to the panel's own handshake; a handler that throws still gets the page an answer; and every
// string the host sends passes the redactor first. The channel is the webview's own message pair,
// or a test's speaking the same protocol. Type-only vscode import: unit-tested without the editor.
import type * as vscode from 'vscode';
import type { Parsed } from './protocol/messageShape';
import type { ReadyMessage, RejectedMessage } from './protocol/sharedMessages';

/** How a host talks to its page: the webview's own pair, or a test's. */
export interface WebviewChannel<Out> {
  postMessage(message: Out): Thenable<boolean> | Promise<boolean>;
  onDidReceiveMessage: vscode.Event<unknown>;
}

export interface WebviewHostOptions<In> {
  /** How the log names the panel, e.g. "Create Endpoint form". */
  name: string;
  parse(raw: unknown): Parsed<In>;
  log: Pick<vscode.LogOutputChannel, 'warn' | 'error' | 'debug'>;
  redact(text: string): string;
}

export abstract class WebviewHost<In extends { type: string }, Out extends { type: string }> implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Handlers still running, so tests (and dispose) can wait for quiet. */
  private readonly inFlight = new Set<Promise<void>>();
  private disposed = false;

  constructor(
    private readonly channel: WebviewChannel<Out | RejectedMessage>,
    private readonly options: WebviewHostOptions<In>,
  ) {
    this.subscriptions.push(
      channel.onDidReceiveMessage((raw) => {
        const handled = this.handle(raw);
        this.inFlight.add(handled);
        void handled.finally(() => this.inFlight.delete(handled));
      }),
    );
  }

  /** The page (re)loaded: send it everything it shows. */
  protected abstract ready(): Promise<void>;

  /** Serves one well-formed request; handlers answer their own errors. */
  protected abstract dispatch(message: Exclude<In, ReadyMessage>): Promise<void>;

  /** Resolves once every message received so far has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async handle(raw: unknown): Promise<void> {
    const { name, log, redact } = this.options;
    const parsed = this.options.parse(raw);
    if (!parsed.ok) {
      log.warn(`${name}: refused a message from the webview: ${redact(parsed.reason)}`);
      await this.reject(parsed.requestId, parsed.reason);
      return;
    }
    const message = parsed.message;
    try {
      if (message.type === 'ready') await this.ready();
      else await this.dispatch(message as Exclude<In, ReadyMessage>);
    } catch (err) {
      // The last guard, so the page never waits forever on an answer.
      log.error(`${name}: ${message.type} failed: ${redact(err instanceof Error ? err.stack ?? err.message : String(err))}`);
      await this.reject(requestIdOf(message), 'The extension could not handle this request; the log has details.');
    }
  }

  protected reject(requestId: number | undefined, reason: string): Promise<void> {
    return this.post({ type: 'rejected', ...(requestId !== undefined ? { requestId } : {}), reason });
  }

  /** Posts to the page (if it is still there); every string passes the redactor first. */
  protected async post(message: Out | RejectedMessage): Promise<void> {
    if (this.disposed) return;
    try {
      await this.channel.postMessage(redactStrings(message, this.options.redact));
    } catch (err) {
      // The panel closed between the check and the post: nothing to tell.
      this.options.log.debug(`${this.options.name}: message not delivered (${err instanceof Error ? err.message : String(err)}).`);
    }
  }

  /** Ties a subscription to the host's life. */
  protected track(subscription: vscode.Disposable): void {
    this.subscriptions.push(subscription);
  }

  /** The page is gone: stop listening and posting (work already started runs on). */
  dispose(): void {
    this.disposed = true;
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

function requestIdOf(message: { type: string }): number | undefined {
  const id = (message as { requestId?: unknown }).requestId;
  return typeof id === 'number' ? id : undefined;
}

/** A copy of a JSON-like value with every string redacted. */
export function redactStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactStrings(v, redact)])) as T;
  }
  return value;
}
