// One wrapper for every tool invocation, as CommandRunner is for commands: it links the tool's
// cancellation token to an AbortSignal, turns a bad input or a failure into a result the model
// can act on (the field and the fix, or the error in plain words), logs the detail with secrets
// masked, and lets a cancellation end the call as VS Code expects.
import * as vscode from 'vscode';
import { describeError } from '../services/errorDescriptions';
import type { ExtensionServices } from '../services/extensionServices';
import { isCancellation } from '../errors/userFacingError';
import { ToolInputError } from './toolInputChecks';
import { toolResult } from './toolResult';

export interface ToolCall {
  signal: AbortSignal;
  token: vscode.CancellationToken;
  /** True when a chat session invoked the tool (its own confirmation UI ran before us). */
  inChat: boolean;
}

export async function runTool(
  services: ExtensionServices,
  name: string,
  options: vscode.LanguageModelToolInvocationOptions<unknown>,
  token: vscode.CancellationToken,
  body: (call: ToolCall) => Promise<vscode.LanguageModelToolResult>,
): Promise<vscode.LanguageModelToolResult> {
  const abort = new AbortController();
  const listener = token.onCancellationRequested(() => abort.abort());
  const started = Date.now();
  try {
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    const result = await body({ signal: abort.signal, token, inChat: options.toolInvocationToken !== undefined });
    // The work stopped early because of the cancellation (what it left is in the log).
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    services.log.debug(`Tool ${name} finished in ${Date.now() - started} ms`);
    return result;
  } catch (err) {
    if (token.isCancellationRequested || err instanceof vscode.CancellationError || isCancellation(err)) {
      services.log.info(`Tool ${name} cancelled after ${Date.now() - started} ms`);
      throw new vscode.CancellationError();
    }
    if (err instanceof ToolInputError) {
      services.log.info(`Tool ${name}: refused its input: ${services.redact(err.message)}`);
      return toolResult(services.redact, `Bad input, nothing was done. ${err.message}`);
    }
    // describeError knows a UserFacingError of any bundle by its brand (instanceof would miss one made in another bundle).
    const message = describeError(err).message;
    services.log.error(`Tool ${name} failed: ${services.redact(err instanceof Error ? err.stack ?? err.message : String(err))}`);
    return toolResult(services.redact, `Failed: ${message}`);
  } finally {
    listener.dispose();
  }
}
