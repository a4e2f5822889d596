// The Customize… step for variable names: keep the format's defaults (one Enter), or type each
// name, checked as it is typed (the message names the field and how to fix it).
import * as vscode from 'vscode';
import type { ClientKind, PortChoice, VariableRole } from '../../connection/connectionFormats';
import { checkVariableName, renamableVariables } from '../../connection/variableNames';

export type VariableNames = Partial<Record<VariableRole, string>>;

/** The chosen names by role ({} for the defaults), or undefined when the user dismissed a prompt. */
export async function pickVariableNames(kind: ClientKind, port: PortChoice, title: string): Promise<VariableNames | undefined> {
  const variables = renamableVariables(kind, port);
  if (!variables.length) return {};
  const defaults = variables.map((v) => v.defaultName).join(', ');
  const pick = await vscode.window.showQuickPick(
    [
      { label: `Keep ${defaults}`, detail: 'The names this client\'s documentation uses.', custom: false },
      { label: '$(edit) Choose other names…', detail: 'E.g. when the application already reads its own variable.', custom: true },
    ],
    { title, placeHolder: 'Variable names', ignoreFocusOut: true },
  );
  if (!pick) return undefined;
  if (!pick.custom) return {};
  const names: VariableNames = {};
  for (const [i, variable] of variables.entries()) {
    const taken = Object.values(names).filter((n): n is string => !!n);
    const name = await vscode.window.showInputBox({
      title: `${title} (${i + 1}/${variables.length})`,
      prompt: `Variable name of ${variable.purpose}`,
      value: variable.defaultName,
      ignoreFocusOut: true,
      validateInput: (value) => checkVariableName(variable, value.trim(), taken),
    });
    if (name === undefined) return undefined;
    names[variable.role] = name.trim();
  }
  return names;
}
