// The extension side of the Diagnose panel: validates every message the page posts, turns the
// valid ones into service calls, and sends the service's view whole on `ready` and on each change
// (so a hidden, reloaded panel gets it back). Bound to a message pair: the webview's own, or a
// test's speaking the same protocol.
import type * as vscode from 'vscode';
import type { DiagnoseService } from '../../commands/diagnose/diagnoseService';
import type { CheckId } from '../../diagnose/diagnoseTypes';
import type { DiagnoseHostMessage, DiagnoseWebviewMessage, PanelAction } from '../protocol/diagnoseProtocol';
import { parseDiagnoseMessage } from '../protocol/diagnoseMessages';
import { describeError } from '../../services/errorDescriptions';
import { isCancellation, isUserFacingError } from '../../errors/userFacingError';
import { Commands } from '../../commands/commandIds';
import { WebviewHost, type WebviewChannel } from '../webviewHost';

export type DiagnoseChannel = WebviewChannel<DiagnoseHostMessage>;

export interface ControllerDeps {
  service: DiagnoseService;
  log: Pick<vscode.LogOutputChannel, 'warn' | 'error' | 'debug'>;
  redact(text: string): string;
  /** Shows a failed action's error the way every command does (one message, logged); not awaited. */
  reportError(id: string, error: unknown): void;
  executeCommand(command: string): Thenable<unknown>;
}

export class DiagnoseController extends WebviewHost<DiagnoseWebviewMessage, DiagnoseHostMessage> {
  constructor(private readonly deps: ControllerDeps, channel: DiagnoseChannel) {
    super(channel, { name: 'Diagnose panel', parse: parseDiagnoseMessage, log: deps.log, redact: deps.redact });
    this.track(deps.service.onDidChangeView((state) => void this.post({ type: 'state', state })));
  }

  protected async ready(): Promise<void> {
    const state = this.deps.service.view;
    if (state) await this.post({ type: 'state', state });
  }

  protected async dispatch(message: Exclude<DiagnoseWebviewMessage, { type: 'ready' }>): Promise<void> {
    const service = this.deps.service;
    switch (message.type) {
      case 'copyFix':
      case 'applyFix': {
        const refusal = this.fixRefusal(message.checkId, message.type === 'applyFix');
        if (refusal) {
          await this.reject(message.requestId, refusal);
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
      case 'changeInputs':
        return service.changeInputs();
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
}
