// The extension side of the Diagnose panel: validates every message the page posts, turns the
// valid ones into service calls, and sends the service's view whole on `ready` and on each change
// (so a hidden, reloaded panel gets it back). Bound to a message pair: the webview's own, or a
// test's speaking the same protocol.
import type * as vscode from 'vscode';
import type { DiagnoseService } from '../../commands/diagnose/diagnoseService';
import type { CheckId } from '../../diagnose/diagnoseTypes';
import type { DiagnoseHostMessage, DiagnoseWebviewMessage, PanelAction } from './diagnoseProtocol';
import { parseDiagnoseMessage } from './diagnoseMessages';
import { describeError } from '../../services/errorDescriptions';
import { isCancellation, isUserFacingError } from '../../services/userFacingError';
import { Commands } from '../../commands/commandIds';

export interface DiagnoseChannel {
  postMessage(message: DiagnoseHostMessage): Thenable<boolean> | Promise<boolean>;
  onDidReceiveMessage: vscode.Event<unknown>;
}

export interface ControllerDeps {
  service: DiagnoseService;
  log: Pick<vscode.LogOutputChannel, 'warn'>;
  redact(text: string): string;
  /** Shows a failed action's error the way every command does (one message, logged); not awaited. */
  reportError(id: string, error: unknown): void;
  executeCommand(command: string): Thenable<unknown>;
}

export class DiagnoseController implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: ControllerDeps, private readonly channel: DiagnoseChannel) {
    this.subscriptions.push(
      channel.onDidReceiveMessage((raw) => {
        const handled = this.handle(raw);
        this.inFlight.add(handled);
        void handled.finally(() => this.inFlight.delete(handled));
      }),
      deps.service.onDidChangeView((state) => void this.post({ type: 'state', state })),
    );
  }

  /** Resolves once every message received so far has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async handle(raw: unknown): Promise<void> {
    const parsed = parseDiagnoseMessage(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Diagnose panel: refused a message from the webview: ${this.deps.redact(parsed.reason)}`);
      await this.post({ type: 'rejected', ...(parsed.requestId !== undefined ? { requestId: parsed.requestId } : {}), reason: parsed.reason });
      return;
    }
    await this.dispatch(parsed.message);
  }

  private async dispatch(message: DiagnoseWebviewMessage): Promise<void> {
    const service = this.deps.service;
    switch (message.type) {
      case 'ready': {
        const state = service.view;
        if (state) await this.post({ type: 'state', state });
        return;
      }
      case 'copyFix':
      case 'applyFix': {
        const refusal = this.fixRefusal(message.checkId, message.type === 'applyFix');
        if (refusal) {
          await this.post({ type: 'rejected', requestId: message.requestId, reason: refusal });
          return;
        }
        const body = message.type === 'copyFix' ? () => service.copyFix(message.checkId) : () => service.applyFix(message.checkId);
        await this.answer(message.requestId, `planetscalePrivateLink.diagnose.${message.type}`, body);
        return;
      }
      case 'action':
        await this.answer(message.requestId, `planetscalePrivateLink.diagnose.${message.action}`, () => this.runPanelAction(message.action));
        return;
    }
  }

  private runPanelAction(action: PanelAction): Promise<unknown> {
    const service = this.deps.service;
    switch (action) {
      case 'rerun':
        return service.rerun();
      case 'cancel':
        service.cancel();
        return Promise.resolve();
      case 'copyReport':
        return service.copyReport();
      case 'changeClient':
        return service.changeClient();
      case 'runReachability':
        return service.runReachability();
      case 'showLog':
        return Promise.resolve(this.deps.executeCommand(Commands.showLog));
    }
  }

  /** Why a fix request cannot be served by the current result, or undefined. */
  private fixRefusal(checkId: CheckId, apply: boolean): string | undefined {
    const check = this.deps.service.lastResult?.checks.find((c) => c.id === checkId);
    if (!check) return `${checkId}: no such check in the current diagnosis`;
    if (!check.fix) return `${checkId}: this check has no fix`;
    if (apply && !check.fix.apply?.operations.length) return `${checkId}: this fix is advice only; run its command yourself`;
    return undefined;
  }

  /** Runs the request, answers the page at once, and leaves the error (if any) to the notification. */
  private async answer(requestId: number, id: string, body: () => Promise<unknown>): Promise<void> {
    try {
      await body();
    } catch (error) {
      const message = isCancellation(error) ? undefined : this.deps.redact(isUserFacingError(error) ? error.message : describeError(error).message);
      await this.post({ type: 'actionDone', requestId, ok: false, ...(message ? { message } : {}) });
      if (message) this.deps.reportError(id, error);
      return;
    }
    await this.post({ type: 'actionDone', requestId, ok: true });
  }

  private async post(message: DiagnoseHostMessage): Promise<void> {
    await this.channel.postMessage(message);
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
