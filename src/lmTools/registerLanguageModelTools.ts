// Registers the language model tools from activate(), as the commands are: cheap proxies whose
// implementations load from the features bundle on the first call. The tools that create AWS
// resources or write files are registered only in a trusted workspace (and when trust is granted);
// their handlers check trust again, and the manifest hides them with `when: isWorkspaceTrusted`.
import * as vscode from 'vscode';
import type { ToolImplementations } from './lmToolsFeature';
import { ConfirmationGate } from './toolConfirmation';
import { CONFIRMING_TOOLS, READ_ONLY_TOOLS, type ToolName } from './toolNames';

export interface LanguageModelTools {
  /** The confirmation the creating and writing tools ask outside a chat session (tests script it). */
  confirmations: ConfirmationGate;
  /** Names registered now (the confirming ones only once the workspace is trusted). */
  registered(): ToolName[];
}

export function registerLanguageModelTools(subscriptions: { push(...items: vscode.Disposable[]): unknown }, load: (confirmation: ConfirmationGate) => ToolImplementations): LanguageModelTools {
  const confirmations = new ConfirmationGate();
  let implementations: ToolImplementations | undefined;
  const impl = (name: ToolName) => (implementations ??= load(confirmations))[name];
  const names = new Set<ToolName>();
  const register = (name: ToolName) => {
    if (names.has(name)) return;
    names.add(name);
    subscriptions.push(
      vscode.lm.registerTool<unknown>(name, {
        invoke: (options, token) => impl(name).invoke(options, token),
        prepareInvocation: (options, token) => impl(name).prepareInvocation?.(options, token),
      }),
    );
  };
  READ_ONLY_TOOLS.forEach(register);
  const registerConfirming = () => CONFIRMING_TOOLS.forEach(register);
  if (vscode.workspace.isTrusted) registerConfirming();
  else subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(registerConfirming));
  return { confirmations, registered: () => [...names] };
}
