// Calling the extension's language model tools the way any caller outside a chat does
// (vscode.lm.invokeTool with no invocation token), and reading their results.
import * as vscode from 'vscode';
import type { ToolConfirmation } from '../../../src/lmTools/toolConfirmation';

export interface ToolOutput {
  text: string;
  json: unknown;
}

/** Invokes a tool by name and returns its text part and (parsed) JSON part. */
export async function invokeTool(name: string, input: object, token?: vscode.CancellationToken): Promise<ToolOutput> {
  const result = await vscode.lm.invokeTool(name, { toolInvocationToken: undefined, input }, token);
  let text = '';
  let json: unknown;
  for (const part of result.content) {
    if (part instanceof vscode.LanguageModelTextPart) text += part.value;
    else if (part instanceof vscode.LanguageModelDataPart && /json/.test(part.mimeType)) json = JSON.parse(new TextDecoder().decode(part.data));
    else if (isTextLike(part)) text += part.value;
  }
  return { text, json };
}

/** Parts cross the extension-host boundary; match by shape as well as by class. */
function isTextLike(part: unknown): part is { value: string } {
  return typeof part === 'object' && part !== null && typeof (part as { value?: unknown }).value === 'string';
}

/** Plays the user at the tools' confirmation: answers from a queue, records what was asked. */
export class ScriptedConfirmation implements ToolConfirmation {
  readonly asked: Array<{ title: string; detail: string; action: string }> = [];
  private readonly answers: boolean[] = [];

  answerNext(...answers: boolean[]): void {
    this.answers.push(...answers);
  }

  async confirm(title: string, detail: string, action: string): Promise<boolean> {
    this.asked.push({ title, detail, action });
    const answer = this.answers.shift();
    if (answer === undefined) throw new Error(`the test did not expect the confirmation "${title}"`);
    return answer;
  }
}
